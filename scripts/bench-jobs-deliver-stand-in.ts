/**
 * The Bot API stand-in of the delivery bench, in its own process (as Telegram is): started by
 * scripts/bench-jobs-deliver.ts with fork(); it sends its URL once listening, and its tallies
 * when asked.
 */
import { startChatApiStandIn } from '../test/helpers/chat-api-stand-in.ts';

const standIn = await startChatApiStandIn({ enforceTelegramLimits: true });
process.send?.({ type: 'ready', url: standIn.telegramApiRoot });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'tally') {
    const chats = new Set(standIn.arrivals.map((a) => a.chatId)).size;
    process.send?.({ type: 'tally', arrived: standIn.arrivals.length, chats, limitViolations: standIn.limitViolations });
  } else if (message.type === 'stop') {
    await standIn.close();
    process.disconnect?.();
  }
});
