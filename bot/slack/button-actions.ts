import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { opensForm } from '../core/dispatch.ts';
import { answerSlack, type SlackAdapter } from './answer.ts';

/**
 * A pressed button (`action_id` `cmd:…`) runs its value, a core command line, as if typed; a
 * press on a message answers through its response_url, one in the App Home by DM. `capnhat`
 * buttons open the progress-report form as a modal.
 */
export function registerButtonActions(app: App, adapter: SlackAdapter): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: /^cmd:/ }, async ({ ack, body, action, respond, client }) => {
    // Acked at once; a form opens before this request's work turn (see slash-command.ts).
    const turn = ack();
    const line = action.value ?? '';
    if (line === '') return turn;
    if (!opensForm(adapter.core, line, true)) await turn;
    const from = {
      userId: body.user.id,
      channelId: body.channel?.id,
      claimId: `action:${body.trigger_id}`,
      // Only a press on a message has one; a press in the App Home is answered by DM.
      respond: body.response_url ? respond : undefined,
      triggerId: body.trigger_id,
    };
    await answerSlack(adapter, client, from, { kind: 'press', action: line }).finally(() => turn);
  });
}
