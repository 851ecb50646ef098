/**
 * Shortening text for chat platforms, whose limits count UTF-16 units: never inside a surrogate
 * pair (Telegram refuses a message holding half of one) nor inside a grapheme (an emoji with its
 * modifiers, a letter with combining diacritics such as "ệ" typed as e + ̂ + ̣).
 */
const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** The longest start of `text` of at most `max` UTF-16 units that ends between two graphemes. */
export function graphemePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  // Segments come lazily: a 10,000-character input is read only up to the limit.
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** At most `max` UTF-16 units, ending with `…` when something was cut. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${graphemePrefix(text, max - 1).trimEnd()}…`;
}
