/**
 * Sends outbox rows to Telegram with plain fetch (sendMessage), so that every wait is decided
 * here: grammY's auto-retry would sleep on 429s out of the limiter's sight. A row's photo (the
 * briefing's chart) goes last, through grammY's Api without auto-retry (sendPhoto with an
 * InputFile: grammY writes the multipart upload), its errors read as sendMessage's are.
 */
import { Api, GrammyError, InputFile } from 'grammy';
import { escapeHtml, MAX_MESSAGE_LENGTH, renderTelegram, type TelegramMessage } from './render.ts';
import { type DeliveryPayload, photoBytes } from '../../jobs/outbox.ts';
import { telegramLimits } from '../../jobs/pacing.ts';
import { linkFirst, longestFirst } from '../format/mentions.ts';
import { describeNetworkError, SEND_TIMEOUT_MS, type Sender, type SendOutcome } from '../../jobs/senders/types.ts';

/** A message as sent: the first part of an answer replies to the message it answers. */
export type TelegramOutgoing = TelegramMessage & { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } };

/** A picture with its caption (plain text), sent with sendPhoto. */
export interface TelegramPhoto {
  photo: Buffer;
  caption: string;
  filename: string;
}

export type TelegramPart = TelegramOutgoing | TelegramPhoto;

export interface TelegramSenderOptions {
  token: string;
  /** TELEGRAM_API_ROOT; Telegram's own by default. */
  apiRoot?: string;
  fetch?: typeof fetch;
}

const PRE = /(<pre>[\s\S]*?<\/pre>)/;

// Answers that mean the chat is gone for the bot: kicked, blocked, deleted, never joined.
const UNREACHABLE = /bot was kicked|bot was blocked|chat not found|user is deactivated|not a member|bot is not a member|have no rights to send|CHANNEL_PRIVATE|group chat was deactivated/i;

interface BotApiAnswer {
  ok: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A Telegram sender: renders with renderTelegram, mentions as tg://user links. */
export function createTelegramSender(options: TelegramSenderOptions): Sender<TelegramPart> {
  const root = (options.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  const url = `${root}/bot${options.token}/sendMessage`;
  const doFetch = options.fetch ?? fetch;
  const api = new Api(options.token, { apiRoot: root, timeoutSeconds: SEND_TIMEOUT_MS / 1000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return {
    platform: 'telegram',
    limits: telegramLimits,
    render: (payload) => [
      ...renderWithMentions(payload),
      ...(payload.photo ? [{ photo: photoBytes(payload.photo), caption: payload.photo.caption, filename: payload.photo.filename }] : []),
    ],
    async send(chatId, message): Promise<SendOutcome> {
      if ('photo' in message) return sendPhoto(api, chatId, message);
      let response: Response;
      let answer: BotApiAnswer;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: chatId, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...message }),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        answer = (await response.json().catch(() => ({ ok: false }))) as BotApiAnswer;
      } catch (error) {
        return { kind: 'retry', reason: describeNetworkError(error) };
      }
      return classifyTelegram(response.status, answer);
    },
  };
}

async function sendPhoto(api: Api, chatId: string, photo: TelegramPhoto): Promise<SendOutcome> {
  try {
    const sent = await api.sendPhoto(chatId, new InputFile(photo.photo, photo.filename), { caption: photo.caption });
    return { kind: 'ok', externalId: String(sent.message_id) };
  } catch (error) {
    if (error instanceof GrammyError) {
      const { error_code, description, parameters } = error;
      return classifyTelegram(error_code, { ok: false, error_code, description, parameters });
    }
    // grammY's HttpError: no answer (network, timeout) or one that was not the Bot API's JSON.
    return { kind: 'retry', reason: describeNetworkError((error as { error?: unknown }).error ?? error) };
  }
}

/** What a Bot API answer means for the row. */
export function classifyTelegram(status: number, answer: BotApiAnswer): SendOutcome {
  if (answer.ok && answer.result?.message_id !== undefined) return { kind: 'ok', externalId: String(answer.result.message_id) };
  const code = answer.error_code ?? status;
  const reason = `${code} ${answer.description ?? 'no description'}`.trim();
  if (code === 429) return { kind: 'rate-limited', retryAfterMs: (answer.parameters?.retry_after ?? 1) * 1000, reason };
  if (code >= 500 || status >= 500) return { kind: 'retry', reason };
  // 401: the token is wrong or revoked; 404: the API root (TELEGRAM_API_ROOT) or token is.
  if (code === 401 || code === 404) return { kind: 'misconfigured', reason };
  // A group upgraded to a supergroup has a new id: units.csv must be corrected, as for a kicked bot.
  const migrated = answer.parameters?.migrate_to_chat_id;
  if (migrated !== undefined) return { kind: 'unreachable', reason: `${reason} (new chat id ${migrated})` };
  if (code === 403 || UNREACHABLE.test(answer.description ?? '')) return { kind: 'unreachable', reason };
  return { kind: 'failed', reason };
}

/**
 * The reply as Telegram messages with its mentions linked. Room for the links is kept when
 * splitting, so a linked message still fits Telegram's 4,096 characters.
 */
export function renderWithMentions(payload: DeliveryPayload): TelegramOutgoing[] {
  const markups = longestFirst(payload.mentions).map((m) => ({
    name: escapeHtml(m.name),
    open: `<a href="tg://user?id=${encodeURIComponent(m.externalId)}">`,
  }));
  const room = markups.reduce((sum, m) => sum + m.open.length + '</a>'.length, 0);
  const messages = renderTelegram(payload.reply, Math.max(1024, MAX_MESSAGE_LENGTH - room));
  const pending = new Set(markups);
  // The answer to a question replies to the question's message; sent anyway if that was deleted.
  const replyTo = payload.replyTo && /^\d+$/.test(payload.replyTo) ? { reply_parameters: { message_id: Number(payload.replyTo), allow_sending_without_reply: true } } : {};
  return messages.map((message, i) => {
    let text = message.text;
    for (const m of pending) {
      const linked = linkFirst(text, m.name, `${m.open}${m.name}</a>`, PRE);
      if (linked === undefined) continue;
      text = linked;
      pending.delete(m);
    }
    return { ...message, text, ...(i === 0 ? replyTo : {}) };
  });
}
