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
