import type { Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { findPerson } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { type Core, dispatch } from '../core/dispatch.ts';
import { escapeHtml } from '../render/telegram.ts';
import { commandLine } from './command-line.ts';
import { deliver } from './deliver.ts';
import { type Locale, t } from '../i18n/index.ts';
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
    await answer(core, log, ctx, line, { chatId: ctx.chat.id, isPrivate, replyTo: ctx.message.message_id });
  });

  bot.on('callback_query:data', async (ctx) => {
    // The chat of the message the button is on; none for inline-mode messages, answered privately.
    const chat = ctx.chat;
    const where = { chatId: chat?.id ?? ctx.from.id, isPrivate: chat ? chat.type === 'private' : true };
    await answer(core, log, ctx, ctx.callbackQuery.data, { ...where, pressed: true }, async () => {
      // Stops the button's spinner; a query too old to answer must not stop the answer itself.
      await ctx.answerCallbackQuery().catch((err: unknown) => log.warn({ err, update_id: ctx.update.update_id }, 'answerCallbackQuery failed'));
    });
  });

  bot.catch(async ({ error, ctx }) => {
    log.error({ err: error, update_id: ctx.update.update_id }, 'telegram update failed');
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined) return;
    // A short apology, never the error: the cause is in the log under the update id.
    const text = escapeHtml(t(core.deps.config.defaultLocale, 'internal_error'));
    await ctx.api.sendMessage(chatId, text, { parse_mode: 'HTML' }).catch(() => undefined);
  });
  return bot;
}

async function answer(
  core: Core,
  log: Logger,
  ctx: Context,
  text: string,
  where: { chatId: number; isPrivate: boolean; replyTo?: number; pressed?: boolean },
  acknowledge?: () => Promise<void>,
): Promise<void> {
  const { db, now, config } = core.deps;
  const from = ctx.from!;
  const updateId = String(ctx.update.update_id);
  // Claimed before anything is done, so a resend (Telegram's answer to a slow or failed webhook)
  // never runs a command twice: a collection is recorded once. The price, an update lost if the
  // process dies right here, is one the person sees (no answer) and mends by asking again.
  // A claim that cannot reach the database records nothing: the webhook then answers 503.
  if (!(await claimUpdate(db, 'telegram', updateId, now()))) {
    log.info({ update_id: ctx.update.update_id }, 'telegram update already handled: resend ignored');
    return;
  }
  await acknowledge?.();
  const person = await findPerson(db, 'telegram', String(from.id), core.deps.cache);
  const outgoing = await dispatch(core, {
    text,
    person,
    chat: { platform: 'telegram', id: String(where.chatId), isPrivate: where.isPrivate },
    account: { platform: 'telegram', externalId: String(from.id) },
    updateId,
    // A pressed button is a command even while the bot waits for typed text.
    pressed: where.pressed,
    localeHint: localeOf(from.language_code),
  });
  const locale = person?.locale ?? (person ? undefined : localeOf(from.language_code)) ?? config.defaultLocale;
  const { chatId, isPrivate, replyTo } = where;
  await deliver(ctx.api, outgoing, { chatId, isPrivate, replyTo, userId: from.id, locale, botUsername: ctx.me.username });
}

/** Telegram's language_code as one of ours: a Vietnamese app is 'vi', any English one 'en'. */
function localeOf(code: string | undefined): Locale | undefined {
  if (code?.startsWith('vi')) return 'vi';
  if (code?.startsWith('en')) return 'en';
  return undefined;
}
