import { hasMessage, type Locale, type Params, t } from '../../bot/i18n/index.ts';

// Messages only the HTTP API speaks. The shared catalogues (bot/i18n) win when they know a key,
// so a domain error reads the same in chat, on the command line and here.
const httpMessages: Record<Locale, Record<string, string>> = {
  en: {
    not_found: 'No such route: {method} {path}.',
    unauthorized: 'Send the admin token as "Authorization: Bearer <ADMIN_TOKEN>".',
    admin_api_off: 'The admin API is off: set ADMIN_TOKEN (16 characters or more) to turn it on.',
    invalid_date: 'Expected a date YYYY-MM-DD, got "{value}".',
    invalid_limit: 'Expected a positive whole number for limit, got "{value}".',
    invalid_lang: 'Expected lang=vi or lang=en, got "{value}".',
    unknown_import_kind: 'Unknown import kind "{kind}"; expected one of: {kinds}.',
    unsupported_media_type: 'Send the CSV file itself as the body (Content-Type: text/csv), not a form.',
    payload_too_large: 'The body is larger than {max} bytes.',
    invalid_csv: 'The CSV file has errors; nothing was changed.',
    http_error: 'The request could not be handled (HTTP {status}).',
  },
  vi: {
    not_found: 'Không có đường dẫn {method} {path}.',
    unauthorized: 'Hãy gửi mã quản trị trong "Authorization: Bearer <ADMIN_TOKEN>".',
    admin_api_off: 'API quản trị đang tắt: đặt ADMIN_TOKEN (từ 16 ký tự) để bật.',
    invalid_date: 'Ngày phải có dạng YYYY-MM-DD, nhận được "{value}".',
    invalid_limit: 'limit phải là số nguyên dương, nhận được "{value}".',
    invalid_lang: 'lang phải là vi hoặc en, nhận được "{value}".',
    unknown_import_kind: 'Không có loại dữ liệu "{kind}"; các loại hợp lệ: {kinds}.',
    unsupported_media_type: 'Hãy gửi chính tệp CSV làm nội dung (Content-Type: text/csv), không gửi dạng biểu mẫu.',
    payload_too_large: 'Nội dung lớn hơn {max} byte.',
    invalid_csv: 'Tệp CSV có lỗi; không có gì thay đổi.',
    http_error: 'Không xử lý được yêu cầu (HTTP {status}).',
  },
};

/** The text for a message code in the caller's language. */
export function renderMessage(locale: Locale, code: string, params: Params = {}): string {
  if (hasMessage(locale, code) || hasMessage('en', code)) return t(locale, code, params);
  const template = httpMessages[locale][code] ?? httpMessages.en[code];
  if (template === undefined) return t(locale, code, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
