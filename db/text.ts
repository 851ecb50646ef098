import { UserError } from './errors.ts';

/** Lower case without Vietnamese diacritics: "Đông Sơn" → "dong son", for matching what people type. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Control characters (C0, DEL, C1) but tab, line feed and carriage return, which typed text
 * may hold; and halves of a surrogate pair, which are no text at all. PostgreSQL refuses NUL in
 * text and a lone surrogate in jsonb (the audit trail), and stores the others as they come,
 * though nobody means a bell or an escape in a note: what holds one is refused, with a message.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** The refusal codes of one kind of free text (a case note, a remedy, a question). */
export interface TextRefusals {
  empty: string;
  tooLong: string;
  /** Refused here too when given; chat text was already refused by the core before any writer. */
  control?: string;
}

/** Free text trimmed, of 1..`max` characters counted as people count them, or the caller's refusal. */
export function checkFreeText(text: string | undefined, max: number, codes: TextRefusals): string {
  const trimmed = (text ?? '').trim();
  if (trimmed.length === 0) throw new UserError(codes.empty);
  if (codes.control && hasControlCharacters(trimmed)) throw new UserError(codes.control);
  const length = [...trimmed].length;
  if (length > max) throw new UserError(codes.tooLong, { max, length });
  return trimmed;
}
