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
    // Acked at once; the modal opens before this request's work turn (see slash-command.ts).
    const turn = ack();
    const line = action.value ?? '';
    const channelId = body.channel?.id;
    const claimId = `action:${body.trigger_id}`;
    const answerTo = body.response_url ? respond : undefined;
    const where = { triggerId: body.trigger_id, userId: body.user.id, channelId, claimId, respond: answerTo };
    const opened = line !== '' && (await openReportModalIfAsked(adapter, client, line, where, { pressed: true }).finally(() => turn));
    await turn;
    if (line === '' || opened) return;
    await answerSlack(adapter, client, {
      text: line,
      userId: body.user.id,
      channelId,
      claimId,
      pressed: true,
      // Only a press on a message has one; a press in the App Home is answered by DM.
      respond: answerTo,
    });
  });
}
