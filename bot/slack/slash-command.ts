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
    await ack();
    const line = slashLine(command.text, adapter.core.commands);
    const claimId = `command:${command.trigger_id}`;
    const where = { triggerId: command.trigger_id, userId: command.user_id, channelId: command.channel_id, claimId };
    if (await openReportModalIfAsked(adapter, client, line, where)) return;
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
