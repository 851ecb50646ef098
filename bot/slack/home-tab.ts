import type { App } from '@slack/bolt';
import { findPerson } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import type { SlackAdapter } from './answer.ts';
import { buildHomeView } from './home.ts';

/**
 * The App Home, drawn afresh each time the person opens it (Slack sends `app_home_opened`): their
 * own open cases with deadlines and their unit's summary (bot/slack/home.ts), or how to link.
 */
export function registerHomeTab(app: App, adapter: SlackAdapter): void {
  const { core, log } = adapter;
  const { db, now, config } = core.deps;
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    if (!(await claimUpdate(db, 'slack', `event:${body.event_id}`, now()))) {
      log.info({ event_id: body.event_id }, 'slack event already handled: repeat ignored');
      return;
    }
    const person = await findPerson(db, 'slack', event.user, core.deps.cache);
    const view = await buildHomeView(core, person, person?.locale ?? config.defaultLocale);
    await client.views.publish({ user_id: event.user, view });
  });
}
