/** What no reply may show: our own errors, stack frames, SQL, paths and broken formatting. */
import { t } from '../../bot/i18n/index.ts';

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s*at \S+ \(?\S+:\d+/],
  ['an error name', /\b\w*Error\b:?/],
  ['"undefined"', /\bundefined\b/],
  ['"null"', /\bnull\b/],
  ['"NaN"', /\bNaN\b/],
  ['"Infinity"', /\bInfinity\b/],
  ['an object printed', /\[object \w+\]/],
  ['SQL', /\b(select\s.+?\sfrom|insert into|update\s+\w+\s+set|delete from|violates|duplicate key|syntax error at|relation "\w+")\b/i],
  ['a driver', /\b(postgres(\.js)?|PGlite|drizzle|ECONN\w+|ETIMEDOUT|EPIPE)\b/i],
  ['a file path', /(\/work\/|node_modules|file:\/\/|\w\.(ts|mjs|js):\d+)/],
  ['a template slot', /\{\{?\s*\w+\s*\}?\}/],
];

const apologies = [t('vi', 'internal_error'), t('en', 'internal_error')];

/**
 * The first thing in `reply` that should not be there, or undefined. Text the person typed and
 * the reply quotes back is theirs, not a leak: a match found in `input` is passed over.
 */
export function findLeak(reply: string, input: string): string | undefined {
  if (apologies.some((a) => reply.includes(a))) return 'the apology for an error of ours';
  for (const [what, pattern] of LEAKS) {
    const found = pattern.exec(reply)?.[0];
    if (found !== undefined && !input.toLowerCase().includes(found.trim().toLowerCase())) return `${what}: ${JSON.stringify(found)}`;
  }
  return undefined;
}
