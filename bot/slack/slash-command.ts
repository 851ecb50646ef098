import type { App } from '@slack/bolt';
import { type SlackAdapter, answerSlack } from './answer.ts';
import { SLASH_COMMAND, slashLine } from './command-line.ts';
import { openReportModalIfAsked } from './report-listeners.ts';

/**
 * `/thads <command> …`: acknowledged at once with an empty 200 (Slack then shows nothing of its
 * own), the work done after; the answers go through the command's response_url, which reaches
 * any channel the person typed in, the app a member or not. `/thads capnhat` alone opens the
 * progress-report modal instead.
 */
export function registerSlashCommand(app: App, adapter: SlackAdapter): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // The ack answers at once; awaited, it also waits for this request's work turn, which the
    // modal must not: its trigger_id expires 3 s after the request (bot/slack/receiver.ts).
    const turn = ack();
    const line = slashLine(command.text);
    const claimId = `command:${command.trigger_id}`;
    const where = { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id, claimId, respond };
    const opened = await openReportModalIfAsked(adapter, client, line, where).finally(() => turn);
    await turn;
    if (opened) return;
    await answerSlack(adapter, client, {
      text: line,
      userId: command.user_id,
      channelId: command.channel_id,
      claimId,
      respond,
      slash: true,
    });
  });
}
