import type { Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../server/logger.ts';
import type { Core } from '../core/dispatch.ts';
import { apology, type Input, takeTurn } from '../core/turn.ts';
import { escapeHtml } from './render.ts';
import { commandLine } from './command-line.ts';
import { deliver } from './deliver.ts';
import type { Locale } from '../i18n/index.ts';
import { retryTransformers } from './retry.ts';
import { TelegramBot } from './telegram-bot.ts';
import { updateIssues } from './update-schema.ts';

export { TelegramBot } from './telegram-bot.ts';

export interface TelegramBotOptions {
  token: string;
  /** Another Bot API server (TELEGRAM_API_ROOT): self-hosted, or an emulator in tests. */
  apiRoot?: string;
  /** The bot's own getMe answer when known (tests): no call is needed before the first update. */
  botInfo?: UserFromGetMe;
}

/**
 * The Telegram adapter: texts and button presses in, the core's answers out. It only translates
 * (who is talking, which chat, how to render); commands and permissions are the core's.
 */
export function createTelegramBot(core: Core, options: TelegramBotOptions): TelegramBot {
  const log = core.deps.logger.child({ platform: 'telegram' });
  const client = options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/, '') } : undefined;
  const bot = new TelegramBot(options.token, { botInfo: options.botInfo, client }, log);
  bot.api.config.use(...retryTransformers());

  // First of all, in webhook and polling mode alike: what the handlers below read is checked once
  // here, so a malformed update is dropped (Telegram is not asked to resend it) rather than failing.
  bot.use(async (ctx, next) => {
    const issues = updateIssues(ctx.update);
    if (issues === undefined) return next();
    log.warn({ update_id: ctx.update.update_id, issues }, 'telegram update ignored: not an update the bot can read');
  });

  bot.on('message:text', async (ctx) => {
    if (ctx.from.is_bot) return;
    const isPrivate = ctx.chat.type === 'private';
    const repliesToBot = ctx.message.reply_to_message?.from?.id === ctx.me.id;
    const line = commandLine(ctx.message.text, { isPrivate, repliesToBot }, ctx.me.username);
    if (line === undefined) return;
    // A reply to the bot's own message: the core knows whether it was a question, and answers it.
    const repliesTo = repliesToBot ? String(ctx.message.reply_to_message!.message_id) : undefined;
    await answer(core, log, ctx, { kind: 'text', text: line }, { chatId: ctx.chat.id, isPrivate, replyTo: ctx.message.message_id, repliesTo });
  });

  bot.on('callback_query:data', async (ctx) => {
    // The chat of the message the button is on; none for inline-mode messages, answered privately.
    const chat = ctx.chat;
    const where = { chatId: chat?.id ?? ctx.from.id, isPrivate: chat ? chat.type === 'private' : true };
    await answer(core, log, ctx, { kind: 'press', action: ctx.callbackQuery.data }, where, async () => {
      // Stops the button's spinner; a query too old to answer must not stop the answer itself.
      await ctx.answerCallbackQuery().catch((err: unknown) => log.warn({ err, update_id: ctx.update.update_id }, 'answerCallbackQuery failed'));
    });
  });

  bot.catch(async ({ error, ctx }) => {
    log.error({ err: error, update_id: ctx.update.update_id }, 'telegram update failed');
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined) return;
    // A short apology in the person's language, never the error: the cause is in the log under the update id.
    const text = escapeHtml(await apology(core, 'telegram', ctx.from ? String(ctx.from.id) : undefined, localeOf(ctx.from?.language_code)));
    await ctx.api.sendMessage(chatId, text, { parse_mode: 'HTML' }).catch(() => undefined);
  });
  return bot;
}

async function answer(
  core: Core,
  log: Logger,
  ctx: Context,
  input: Input,
  where: { chatId: number; isPrivate: boolean; replyTo?: number; repliesTo?: string },
  acknowledge?: () => Promise<void>,
): Promise<void> {
  const from = ctx.from!;
  const turn = await takeTurn(
    core,
    {
      platform: 'telegram',
      account: String(from.id),
      chat: { id: String(where.chatId), isPrivate: where.isPrivate },
      inboundId: String(ctx.update.update_id),
      localeHint: localeOf(from.language_code),
      ...(where.repliesTo ? { repliesTo: where.repliesTo } : {}),
    },
    input,
    acknowledge,
  );
  if (turn.kind === 'repeat') {
    log.info({ update_id: ctx.update.update_id }, 'telegram update already handled: resend ignored');
    return;
  }
  if (turn.kind !== 'replies') return;
  const { chatId, isPrivate, replyTo } = where;
  await deliver(ctx.api, turn.outgoing, { chatId, isPrivate, replyTo, userId: from.id, locale: turn.locale, botUsername: ctx.me.username });
}

/** Telegram's language_code as one of ours: a Vietnamese app is 'vi', any English one 'en'. */
function localeOf(code: string | undefined): Locale | undefined {
  if (code?.startsWith('vi')) return 'vi';
  if (code?.startsWith('en')) return 'en';
  return undefined;
}
