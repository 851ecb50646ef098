import type { App } from '@slack/bolt';
import { takeTurn } from '../core/turn.ts';
import type { SlackAdapter } from './answer.ts';
import { buildHomeView } from './home.ts';

/**
 * The App Home, drawn afresh each time the person opens it (Slack sends `app_home_opened`): their
 * own open cases with deadlines and their unit's summary (bot/slack/home.ts), or how to link.
 */
export function registerHomeTab(app: App, adapter: SlackAdapter): void {
  const { core, log } = adapter;
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const inbound = { platform: 'slack' as const, account: event.user, chat: { id: event.user, isPrivate: true }, inboundId: `event:${body.event_id}` };
    const turn = await takeTurn(core, inbound, { kind: 'open' });
    if (turn.kind === 'repeat') {
      log.info({ event_id: body.event_id }, 'slack event already handled: repeat ignored');
      return;
    }
    if (turn.kind !== 'opened') return;
    await client.views.publish({ user_id: event.user, view: await buildHomeView(core, turn.person, turn.locale) });
  });
}
