import type { App } from '@slack/bolt';
import { opensForm } from '../core/dispatch.ts';
import { answerSlack, type SlackAdapter } from './answer.ts';
import { SLASH_COMMAND, slashLine } from './command-line.ts';

/**
 * `/thads <command> …`: acknowledged at once with an empty 200 (Slack then shows nothing of its
 * own), the work done after; the answers go through the command's response_url, which reaches
 * any channel the person typed in, the app a member or not. `/thads capnhat` alone opens the
 * progress-report form as a modal instead.
 */
export function registerSlashCommand(app: App, adapter: SlackAdapter): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // The ack answers at once; awaited, it also waits for this request's work turn, which a form
    // must not: its trigger_id expires 3 s after the request (bot/slack/receiver.ts).
    const turn = ack();
    const line = slashLine(command.text);
    if (!opensForm(adapter.core, line, false)) await turn;
    const from = { userId: command.user_id, channelId: command.channel_id, claimId: `command:${command.trigger_id}`, respond, triggerId: command.trigger_id };
    await answerSlack(adapter, client, from, { kind: 'text', text: line, slash: true }).finally(() => turn);
  });
}
