import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { type SlackAdapter, answerSlack } from './answer.ts';
import { openReportModalIfAsked } from './report-listeners.ts';

/**
 * A pressed button (`action_id` `cmd:…`) runs its value, a core command line, as if typed; a
 * press on a message answers through its response_url, one in the App Home by DM. `capnhat`
 * buttons open the progress-report modal.
 */
export function registerButtonActions(app: App, adapter: SlackAdapter): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /^cmd:/ }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const line = action.value ?? '';
    if (line === '') return;
    const channelId = body.channel?.id;
    const claimId = `action:${body.trigger_id}`;
    const where = { triggerId: body.trigger_id, userId: body.user.id, channelId, claimId };
    if (await openReportModalIfAsked(adapter, client, line, where, { pressed: true })) return;
    await answerSlack(adapter, client, {
      text: line,
      userId: body.user.id,
      channelId,
      claimId,
      pressed: true,
      // Only a press on a message has one; a press in the App Home is answered by DM.
      respond: body.response_url ? respond : undefined,
    });
  });
}
