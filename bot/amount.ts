/**
 * Amounts of đồng as people type them in chat: `1.500.000`, `1,5 tỷ`, `50tr`, `500k`,
 * `2 tỷ 300 triệu`, `1tr5`. A wrong reading records the wrong money, so anything that could be
 * read two ways is refused with a message code (bot/i18n/…/amount.ts) instead of guessed.
 *
 * Separators, the Vietnamese way: a dot groups thousands (`1.500.000`, also `1 500 000`), a comma
 * is the decimal mark (`1,5 tỷ`). A dot is read as a decimal mark only before a unit and only when
 * it is not a thousands grouping (`1.5 tỷ`, `1.25 tr`); `1.500 tỷ` (1,5 or 1.500 tỷ?), `1,500`
 * and `1,500,000` (English grouping?), `1.50.000` and a bare `1.5` are `amount.ambiguous`.
 *
 * Units, largest first, each once: `nghìn tỷ` (10^12), `tỷ`/`tỉ`, `triệu`/`tr`/`m`, `nghìn`/`ngàn`/`k`;
 * `b` is `amount.unknown_unit` (English billion, or a slip?). A bare number after the last unit is spoken shorthand that
 * fills the next lower unit from its leading digit: `2 tỷ 3` = `2 tỷ 300` = 2.300.000.000,
 * `2 tỷ 35` = 2.350.000.000, `2 tỷ 05` = 2.050.000.000, `5 triệu 2` = `5tr2` = 5.200.000,
 * `5 nghìn 2` = 5.200, and `rưỡi` is a half (`2 tỷ rưỡi`).
 */
import { UserError } from '../db/errors.ts';
import { clipText } from './format/clip.ts';

/** Every code parseAmount throws; each has a message in every catalogue. */
export const AMOUNT_ERRORS = [
  'amount.empty',
  'amount.invalid',
  'amount.ambiguous',
  'amount.unknown_unit',
  'amount.order',
  'amount.fraction',
  'amount.zero',
  'amount.negative',
  'amount.too_large',
] as const;
type Code = (typeof AMOUNT_ERRORS)[number] extends `amount.${infer C}` ? C : never;

/** Above a million tỷ đồng an amount is a typo, not a judgment; it is also well inside 2^53. */
export const MAX_AMOUNT = 10n ** 15n;

const UNITS: Record<string, number> = { ty: 9, ti: 9, trieu: 6, tr: 6, m: 6, nghin: 3, ngan: 3, k: 3 };
const CURRENCY = ['dong', 'vnd', 'd', '₫'];
const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const ENGLISH = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

type Item = { num: string } | { exp: number; key: string };
type Fail = (code: Code, extra?: Record<string, string>) => never;
interface Group {
  num: string;
  exp: number | null;
}

/** Whole VND from chat text, or a UserError `amount.*` with `{ value }` (and `{ unit }`). */
export function parseAmount(input: string): number {
  // Echoing a 10,000-character message back would break the reply; the start is enough.
  const value = clipText(input, 41);
  const fail: Fail = (code, extra = {}) => {
    throw new UserError(`amount.${code}`, { value, ...extra });
  };
  const text = input.normalize('NFC').toLowerCase().trim();
  if (text === '') fail('empty');
  if (/^[-−–]/.test(text)) fail('negative');

  const items = tokenize(text, fail);
  const groups: Group[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if ('num' in item) {
      if (last && last.exp === null) fail('invalid'); // `2 tỷ rưỡi 3`
      groups.push({ num: item.num, exp: null });
    } else if (last && last.exp === null) last.exp = item.exp;
    else fail('invalid'); // a unit with no number before it: `triệu`, `5 tr k`
  }
  if (groups.length === 0) fail('invalid');
  if (groups.length === 1 && groups[0]!.exp === null) {
    const { int, frac } = parseNumber(groups[0]!.num, false, fail);
    return finish(scale(int, frac, 0), fail);
  }

  let total = 0n;
  let inexact = false;
  let prev: Group | null = null;
  let prevFrac = '';
  for (const group of groups) {
    if (group.exp === null) {
      // Spoken shorthand: the digits lead the next lower unit (`2 tỷ 3` = 2 tỷ 300 triệu).
      if (!/^\d{1,3}$/.test(group.num) || prevFrac) fail('ambiguous');
      total += BigInt(group.num) * 10n ** BigInt(prev!.exp! - group.num.length);
      break;
    }
    if (prev && group.exp >= prev.exp!) fail('order');
    // Only the last unit may carry decimals: `1,5 tỷ 300 triệu` is 1,8 tỷ or a slip.
    if (prevFrac) fail('ambiguous');
    const { int, frac } = parseNumber(group.num, true, fail);
    const part = scale(int, frac, group.exp);
    // `2 tỷ 1500 triệu`: each part must stay below the unit before it.
    if (prev && part.whole >= 10n ** BigInt(prev.exp!)) fail('order');
    total += part.whole;
    inexact ||= part.inexact;
    prev = group;
    prevFrac = frac;
  }
  return finish({ whole: total, inexact }, fail);
}

function finish({ whole, inexact }: { whole: bigint; inexact: boolean }, fail: Fail): number {
  if (whole > MAX_AMOUNT) fail('too_large');
  if (inexact) fail('fraction');
  if (whole === 0n) fail('zero');
  return Number(whole);
}

/** Numbers and units in order; spaced digit groups joined; the currency word at the end dropped. */
function tokenize(text: string, fail: Fail): Item[] {
  const raw = [...text.matchAll(/(\d[\d.,]*)|([\p{L}\p{M}₫]+)|(\s+)|(.)/gu)];
  const items: Item[] = [];
  let run: string[] = [];
  const flush = () => {
    // `1 500 000` is a grouping; `15 00` or `2 tỷ 300 500` is not.
    if (run.length > 1 && !run.every((n, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}(?:,\d+)?$/).test(n))) fail('ambiguous');
    if (run.length > 0) items.push({ num: run.join('.') });
    run = [];
  };
  for (const [i, [, num, word, space]] of raw.entries()) {
    if (space) continue;
    if (num) {
      run.push(num);
      continue;
    }
    flush();
    if (!word) return fail('invalid');
    let key = fold(word);
    const isLast = i === raw.length - 1;
    if (isLast && CURRENCY.includes(key)) break;
    // `500kđ`, `50trieudong`: a currency word glued to the unit.
    const glued = CURRENCY.find((c) => key.endsWith(c) && key.slice(0, -c.length) in UNITS);
    if (isLast && glued) key = key.slice(0, -glued.length);
    const last = items.at(-1);
    const afterUnit = last !== undefined && 'exp' in last;
    if (key === 'ruoi') {
      if (!afterUnit) fail('invalid');
      items.push({ num: '5' });
    } else if (UNITS[key] === 9 && afterUnit && (last.key === 'nghin' || last.key === 'ngan')) {
      items[items.length - 1] = { exp: 12, key: 'nghin ty' };
    } else if (key in UNITS) {
      items.push({ exp: UNITS[key]!, key });
    } else if (items.length > 0 && !CURRENCY.includes(key)) {
      fail('unknown_unit', { unit: word });
    } else {
      fail('invalid'); // a word before any number, or `đ` in the middle
    }
  }
  flush();
  return items;
}

/** Without diacritics, so `triệu`, `trieu` and `TRIỆU` are one word. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/** Splits a written number into whole digits and decimal digits, refusing two-way readings. */
function parseNumber(text: string, withUnit: boolean, fail: Fail): { int: string; frac: string } {
  if (ENGLISH.test(text)) fail('ambiguous'); // 1,500 / 1,500,000: English grouping or a decimal?
  const [head = '', frac = '', ...rest] = text.split(',');
  if (rest.length > 0 || (text.includes(',') && !/^\d+$/.test(frac))) fail('invalid');
  if (/^\d+$/.test(head)) return { int: head, frac };
  if (GROUPED.test(head)) {
    if (withUnit && !frac && head.split('.').length === 2) fail('ambiguous'); // 1.500 tỷ
    return { int: head.replaceAll('.', ''), frac };
  }
  const dot = /^(\d+)\.(\d+)$/.exec(head);
  if (dot && withUnit && !frac) return { int: dot[1]!, frac: dot[2]! }; // 1.5 tỷ
  if (/^\d+(?:\.\d+)+$/.test(head)) fail('ambiguous'); // bare 1.5, 1.50.000
  return fail('invalid');
}

/** int,frac × 10^exp exactly, in BigInt: floats would turn 1,15 tỷ into 1.150.000.000,0000002. */
function scale(int: string, frac: string, exp: number): { whole: bigint; inexact: boolean } {
  const n = BigInt(int + frac) * 10n ** BigInt(exp);
  const d = 10n ** BigInt(frac.length);
  return { whole: n / d, inexact: n % d !== 0n };
}
