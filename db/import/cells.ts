import { isIsoDate } from '../work-year.ts';
import type { IssueParams } from './issues.ts';

/** What a cell parser returns for a cell it refuses: an i18n key, and what fills it besides the cell's value. */
export class Fail {
  constructor(
    readonly code: string,
    readonly params: IssueParams = {},
  ) {}
}

/**
 * Reads one trimmed cell. Plain functions rather than zod schemas: a 50 MB file is half a million
 * rows, and zod's objects for each (its shared parsing code, trained on the long-lived config,
 * allocates them straight into V8's old generation) swelled the server's heap by a hundred MB.
 */
export type Cell<T> = (s: string) => T | Fail;

/** The parsed row of a row of cell parsers. */
export type RowOf<Spec extends Record<string, Cell<unknown>>> = { [K in keyof Spec]: Exclude<ReturnType<Spec[K]>, Fail> };

// C0 controls and DEL: never in a cell, bar tab and line breaks in free text (names, descriptions).
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const breaks = /[\t\n\r]/;

/** Refuses control characters (and, unless `freeText`, tabs and line breaks) before `parse`. */
function printable<T>(parse: Cell<T>, freeText = false): Cell<T> {
  return (s) => {
    const control = controls.exec(s);
    if (control) return new Fail('import.control_character', { code: codePoint(control[0]) });
    if (!freeText && breaks.test(s)) return new Fail('import.line_break');
    return parse(s);
  };
}

function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** An empty cell is null; anything else goes through `parse`. */
function optional<T>(parse: Cell<T>, freeText = false): Cell<T | null> {
  return printable((s) => (s === '' ? null : parse(s)), freeText);
}

function required<T>(parse: Cell<T>, freeText = false): Cell<T> {
  return printable((s) => (s === '' ? new Fail('import.required') : parse(s)), freeText);
}

// A big file repeats a few thousand dates; remembering each verdict spares a Date per cell.
const dateVerdicts = new Map<string, boolean>();
function asDate(s: string): string | Fail {
  let valid = dateVerdicts.get(s);
  if (valid === undefined) {
    valid = isIsoDate(s);
    if (dateVerdicts.size < 50_000) dateVerdicts.set(s, valid);
  }
  if (!valid) return new Fail('import.bad_date');
  // PostgreSQL has no year 0, and no date of this work is outside these (issue 14: 0000-01-01 was a 500).
  return s < FIRST_DATE || s > LAST_DATE ? new Fail('import.date_out_of_range', { from: FIRST_DATE, to: LAST_DATE }) : s;
}

const FIRST_DATE = '2000-01-01';
const LAST_DATE = '2100-12-31';

/** Whole VND: digits only (no `1.000`), exact up to 2^53. */
function asMoney(s: string, positive: boolean): number | Fail {
  if (/^-\d+$/.test(s)) return new Fail('import.negative_amount');
  if (!/^\d+$/.test(s)) return new Fail('import.not_digits');
  const n = Number(s);
  if (n > Number.MAX_SAFE_INTEGER) return new Fail('import.amount_too_large', { max: Number.MAX_SAFE_INTEGER });
  if (positive && n === 0) return new Fail('import.not_positive');
  return n;
}

function asChoice<T extends string>(values: readonly T[], code: string) {
  return (s: string): T | Fail =>
    (values as readonly string[]).includes(s) ? (s as T) : new Fail(code, { allowed: values.join(', ') });
}

/** Items separated by `;`, blanks and repeats dropped. */
function splitList(s: string): string[] {
  return [...new Set(s.split(';').map((x) => x.trim()).filter((x) => x !== ''))];
}

function asPattern(re: RegExp, code: string) {
  return (s: string) => (re.test(s) ? s : new Fail(code));
}

/** Codes of units, staff, cases, inspections and findings: what commands and CSV files name them by. */
export const CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
export const CODE_MAX_LENGTH = 50;

function asCode(s: string): string | Fail {
  return CODE_PATTERN.test(s) && s.length <= CODE_MAX_LENGTH ? s : new Fail('import.bad_code', { max: CODE_MAX_LENGTH });
}

export const cells = {
  /** A code (CODE_PATTERN, at most CODE_MAX_LENGTH characters). */
  code: () => required(asCode),
  optionalCode: () => optional(asCode),
  text: () => required((s) => s),
  /** Text that may run over several lines or hold tabs: names, titles, descriptions. */
  freeText: () => required((s) => s, true),
  date: () => required(asDate),
  optionalDate: () => optional(asDate),
  money: (options: { positive?: boolean } = {}) => required((s) => asMoney(s, options.positive ?? false)),
  choice: <T extends string>(values: readonly T[], code: string) => required(asChoice(values, code)),
  /** A `;`-separated set drawn from `values` (e.g. case flags). */
  choices: <T extends string>(values: readonly T[], code: string): Cell<T[]> =>
    printable((s) => {
      const items = splitList(s);
      const bad = items.find((x) => !(values as readonly string[]).includes(x));
      return bad === undefined ? (items as T[]) : new Fail(code, { value: bad, allowed: values.join(', ') });
    }),
  /** A `;`-separated list of codes, checked against the database later. */
  codes: (): Cell<string[]> =>
    printable((s) => {
      const items = splitList(s);
      const bad = items.find((x) => asCode(x) instanceof Fail);
      return bad === undefined ? items : new Fail('import.bad_code', { value: bad, max: CODE_MAX_LENGTH });
    }),
  /** A percentage 0–100, `.` as decimal point. */
  rate: () =>
    required((s) => (/^\d{1,3}(\.\d+)?$/.test(s) && Number(s) <= 100 ? Number(s) : new Fail('import.bad_rate'))),
  year: () => required((s) => (/^\d{4}$/.test(s) && +s >= 2000 && +s <= 2100 ? Number(s) : new Fail('import.bad_year'))),
  pattern: (re: RegExp, code: string) => optional(asPattern(re, code)),
};
