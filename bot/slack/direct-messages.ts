import type { App } from '@slack/bolt';
import { type SlackAdapter, answerSlack } from './answer.ts';
import { unescapeSlack } from './command-line.ts';

/**
 * Text typed in the app's own DM (its Messages tab) works as in Telegram's private chat: a
 * command without `/thads`, or the answer to the question a step-by-step report asked. Only
 * people's plain messages count: edits, joins and bots' messages (the app's own) are skipped.
 */
export function registerDirectMessages(app: App, adapter: SlackAdapter): void {
  app.message(async ({ message, body, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || 'bot_id' in message) return;
    if (!message.user || !message.text?.trim()) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${message.channel}:${message.ts}`;
    const from = { userId: message.user, channelId: message.channel, inDm: true, claimId: `event:${eventId}` };
    await answerSlack(adapter, client, from, { kind: 'text', text: unescapeSlack(message.text) });
  });
}
