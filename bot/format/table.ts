/**
 * Plain-text tables for a terminal or a Telegram `<pre>` block. Width is measured in terminal
 * columns, not UTF-16 units: Vietnamese typed on some keyboards arrives decomposed (e + U+0323
 * + U+0302 for "ệ"), so strings are NFC-normalised and any remaining combining mark counts 0.
 */

export type Align = 'left' | 'right';

export interface TableOptions {
  /** Per column; a missing entry is guessed: right for columns of numbers, else left. */
  align?: (Align | undefined)[];
  /** Spaces between columns (default 2). */
  gap?: number;
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\u2060\uFEFF]/u;

// East Asian wide and fullwidth blocks, plus the common emoji planes: two columns each.
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
}

/** Columns a string takes in a monospace font. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text.normalize('NFC')) width += charWidth(char);
  return width;
}

/** Pads to `width` columns; the text comes back NFC-normalised. */
export function padText(text: string, width: number, align: Align = 'left'): string {
  const normal = text.normalize('NFC');
  const fill = ' '.repeat(Math.max(0, width - textWidth(normal)));
  return align === 'right' ? fill + normal : normal + fill;
}

/** Cuts to at most `width` columns, ending with `…` when something was cut. */
export function truncateText(text: string, width: number): string {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (textWidth(normal) <= width) return normal;
  let out = '';
  let used = 0;
  for (const char of normal) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

// A number as this module's callers write it: optional sign or arrow, then a digit
// (`1.234 ₫`, `84,25%`, `▲ 2,15 điểm %`, `120/150`), or the dash for "none".
const NUMERIC = /^([-+▲▼=]\s?)?\d/;
const isNumeric = (cell: string) => NUMERIC.test(cell.trim());

function guessAlign(rows: string[][], column: number): Align {
  const cells = rows.map((r) => r[column] ?? '').filter((c) => c.trim() !== '' && c.trim() !== '—');
  return cells.length > 0 && cells.every(isNumeric) ? 'right' : 'left';
}

/**
 * A monospace table: header, a rule of dashes, then the rows, columns separated by spaces.
 * Lines carry no trailing spaces (chat clients would keep them); no final newline.
 */
export function renderTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const columns = Math.max(headers.length, ...rows.map((r) => r.length));
  const gap = ' '.repeat(options.gap ?? 2);
  const align: Align[] = [];
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    align.push(options.align?.[c] ?? guessAlign(rows, c));
    widths.push(Math.max(textWidth(headers[c] ?? ''), ...rows.map((r) => textWidth(r[c] ?? ''))));
  }
  const line = (cells: string[]) =>
    widths
      .map((w, c) => padText(cells[c] ?? '', w, align[c]))
      .join(gap)
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join(gap);
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
