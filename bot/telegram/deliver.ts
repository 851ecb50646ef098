import { type Api, GrammyError } from 'grammy';
import type { Outgoing } from '../core/reply.ts';
import { escapeHtml, renderTelegram, type TelegramMessage } from './render.ts';
import { type Locale, t } from '../i18n/index.ts';

/** Where the answers to one update go. */
export interface Destination {
  chatId: number;
  /** The person's own private chat with the bot (their user id). */
  userId: number;
  isPrivate: boolean;
  locale: Locale;
  botUsername: string;
  /** The message being answered: in a group the first answer quotes it, so busy threads stay readable. */
  replyTo?: number;
}

/**
 * Sends the core's answers in order: `chat` ones into the chat, `private` ones to the person's
 * private chat. Telegram forbids a bot to write first (403), so a person who never opened a
 * private chat with the bot is told in the group how to, with a button that opens it.
 */
export async function deliver(api: Api, outgoing: Outgoing[], to: Destination): Promise<void> {
  let replyTo = to.isPrivate ? undefined : to.replyTo;
  const toChat = async (messages: TelegramMessage[]) => {
    await sendAll(api, to.chatId, messages, replyTo);
    replyTo = undefined;
  };
  for (const { to: where, reply } of outgoing) {
    const messages = renderTelegram(reply);
    if (where === 'chat' || to.isPrivate) {
      await toChat(messages);
      continue;
    }
    try {
      await sendAll(api, to.userId, messages);
    } catch (error) {
      if (!(error instanceof GrammyError && error.error_code === 403)) throw error;
      await toChat([openPrivateHint(to.locale, to.botUsername)]);
    }
  }
}

async function sendAll(api: Api, chatId: number, messages: TelegramMessage[], replyTo?: number): Promise<void> {
  for (const [i, m] of messages.entries()) {
    await api.sendMessage(chatId, m.text, {
      parse_mode: 'HTML',
      reply_markup: m.reply_markup,
      // Answers carry figures, not links worth a preview card.
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
  }
}

function openPrivateHint(locale: Locale, botUsername: string): TelegramMessage {
  return {
    text: escapeHtml(t(locale, 'telegram.open_private')),
    reply_markup: { inline_keyboard: [[{ text: t(locale, 'telegram.open_private_button'), url: `https://t.me/${botUsername}` }]] },
  };
}
