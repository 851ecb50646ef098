import { type Locale, type Params, t } from '../i18n/index.ts';

/**
 * The few texts only the Telegram adapter says, about Telegram itself. They live beside the
 * adapter so that it stays one folder; the shared catalogues (bot/i18n) serve everything else.
 */
const texts: Record<Locale, Record<string, string>> = {
  vi: {
    open_private:
      'Tôi chưa gửi được tin nhắn riêng cho bạn vì bạn chưa mở chat riêng với bot. ' +
      'Hãy bấm nút bên dưới, chọn Bắt đầu (Start), rồi gửi lại lệnh.',
    open_private_button: 'Mở chat riêng với bot',
  },
  en: {
    open_private:
      'I could not message you privately: you have not started a private chat with me yet. ' +
      'Press the button below, tap Start, then send the command again.',
    open_private_button: 'Open a private chat',
  },
};

/** An adapter text, falling back to the shared catalogues (internal_error…). */
export function say(locale: Locale, key: string, params: Params = {}): string {
  return texts[locale][key] ?? t(locale, key, params);
}
