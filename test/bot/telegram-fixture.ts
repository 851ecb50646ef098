/** Shared by the Telegram tests: updates as Telegram sends them, a bot with its API calls captured, linked accounts. */
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Core } from '../../bot/core/dispatch.ts';
import { createTelegramBot, type TelegramBot } from '../../bot/telegram/create-bot.ts';
import type { Db } from '../../db/client.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { chatIdentities } from '../../db/schema.ts';

export const BOT_INFO = {
  id: 7000001,
  is_bot: true,
  first_name: 'THADS',
  username: 'thads_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** Links a Telegram user id to a staff member, as `lienket` does (source 'link'). */
export async function linkTelegram(db: Db, staffCode: string, userId: number): Promise<void> {
  const person = await getPersonByCode(db, staffCode);
  if (!person) throw new Error(`no staff ${staffCode}`);
  await db.insert(chatIdentities).values({ platform: 'telegram', externalId: String(userId), staffId: person.staffId, source: 'link' });
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** What the fake Bot API answers: a result, or a Telegram error such as 403. */
export type Answer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

/**
 * A bot whose outgoing calls never leave the process: an API transformer records each one and
 * answers as Telegram would (`respond` may answer otherwise, e.g. 403 for one chat).
 */
export function captureBot(core: Core, respond: (call: ApiCall) => Answer | undefined = () => undefined) {
  const calls: ApiCall[] = [];
  const bot: TelegramBot = createTelegramBot(core, { token: '7000001:TEST', botInfo: BOT_INFO });
  let nextMessageId = 1000;
  bot.api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    const answer = respond(call) ?? defaultAnswer(call, nextMessageId++);
    return answer as never;
  });
  const sent = () => calls.filter((c) => c.method === 'sendMessage');
  return { bot, calls, sent };
}

function defaultAnswer(call: ApiCall, messageId: number): Answer {
  if (call.method !== 'sendMessage') return { ok: true, result: true };
  const { chat_id, text } = call.payload;
  return { ok: true, result: { message_id: messageId, date: 1_795_000_000, chat: { id: chat_id, type: 'private' }, text } };
}

type ChatKind = 'private' | 'group' | 'supergroup';

const user = (id: number) => ({ id, is_bot: false, first_name: `User ${id}`, language_code: 'vi' });
const chat = (id: number, type: ChatKind) => (type === 'private' ? { id, type, first_name: `User ${id}` } : { id, type, title: 'Phòng THADS' });

/** A text message from `userId` in a chat (private by default: the chat id is the user id). */
export function textUpdate(
  updateId: number,
  userId: number,
  text: string,
  where: { chatId?: number; type?: ChatKind; replyToBot?: boolean } = {},
): Update {
  const type = where.type ?? 'private';
  const command = /^\/\S+/.exec(text);
  const inChat = chat(where.chatId ?? userId, type);
  return {
    update_id: updateId,
    message: {
      message_id: updateId + 500,
      date: 1_795_000_000,
      from: user(userId),
      chat: inChat,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...(where.replyToBot ? { reply_to_message: { message_id: 76, date: 1_795_000_000, chat: inChat, from: BOT_INFO, text: '…' } } : {}),
    },
  } as Update;
}

/** A press on a button whose callback_data is `data`, on a bot message in the given chat. */
export function callbackUpdate(updateId: number, userId: number, data: string, where: { chatId?: number; type?: ChatKind } = {}): Update {
  const type = where.type ?? 'private';
  return {
    update_id: updateId,
    callback_query: {
      id: `cbq-${updateId}`,
      from: user(userId),
      chat_instance: 'ci-1',
      data,
      message: { message_id: 77, date: 1_795_000_000, chat: chat(where.chatId ?? userId, type), from: BOT_INFO, text: '…' },
    },
  } as Update;
}
