/**
 * Seeded random input for the fault tests: command lines and CSV cells built from the words the
 * bot knows, mangled, and from text that has broken parsers elsewhere (huge and odd numbers,
 * impossible dates, markup, SQL, control and combining characters, emoji). The seed comes from
 * FAULTS_SEED or the clock, and every test prints it, so a failure reproduces exactly.
 */
import { commands } from '../../bot/commands/index.ts';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof seededRandom>;

/** The run's seed: FAULTS_SEED to replay one. */
export const faultsSeed = (): number => (process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) : Date.now() % 2 ** 31);

const NUMBERS = ['0', '-1', '1', '007', '1.000.000', '1,000,000', '1,5tr', '2 tỷ', '3tr500', '1e309', '1e-7', '9'.repeat(40), 'NaN', 'Infinity', '-0', '0x1F', '½', '١٢٣', '１２３', '50%', '100.5', '-50000000', '99999999999999999999999'];
const DATES = ['2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '31/12/2026', '29/02/2025', '1/1', 'homnay', 'homqua', 'hôm nay', '2026-11-23', '23/11/2026', '2026-11-23T25:00', '-2026-01-01'];
const WORDS = ['thu', 'xacnhan', 'confirm', '?', 'trangthai', 'xacminh', 'ghichu', 'tien', 'viec', 'tinh', 'donvi', 'tuan', 'thang', 'nam', 'all', 'ok', 'huy', 'en', 'vi', 'fr', '--help', '-h'];
const CODES = ['HT-001', 'HT-002', 'HT-003', 'DS-001', 'TN', 'TN-HT', 'TN-DS', 'LD01', 'HT02', 'KT-2026-01', 'KT-2026-01-1', 'ht-001', 'HT_001', 'HT-999', 'X'.repeat(60)];
const HOSTILE = [
  "'; drop table cases; --",
  'select * from staff',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  '&amp;',
  '${process.env}',
  '{{name}}',
  '%s %d',
  '\\',
  '"',
  "'",
  '`',
  '*_~|',
  '@thads_test_bot',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  'Error: boom',
  '/etc/passwd',
  'C:\\Windows',
  'e\u0301\u0301\u0301',
  '\u200b\u200d\u2060',
  '\u202eRTL',
  '👨‍👩‍👧‍👦',
  '🇻🇳',
  'Nguyễn Văn An',
  'ĐƯỜNG',
  '\ud83d',
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u00a0',
  'ｔｏｍｔａｔ',
];

const commandWords = commands.flatMap((c) => [c.name, c.alias]).filter((w): w is string => typeof w === 'string');

function mangle(random: Random, word: string): string {
  switch (random.int(6)) {
    case 0:
      return word.toUpperCase();
    case 1:
      return word.slice(0, Math.max(1, random.int(word.length)));
    case 2:
      return word + random.pick(['', 'x', 's', '1', 'ư', '?']);
    case 3:
      return word.split('').reverse().join('');
    default:
      return word;
  }
}

/** One random token of an argument. */
export function randomToken(random: Random): string {
  const kind = random.int(10);
  if (kind < 2) return random.pick(NUMBERS);
  if (kind < 3) return random.pick(DATES);
  if (kind < 5) return random.pick(CODES);
  if (kind < 7) return random.pick(WORDS);
  if (kind < 9) return random.pick(HOSTILE);
  // Random code points, mostly printable, now and then anything in the BMP.
  return Array.from({ length: 1 + random.int(12) }, () =>
    String.fromCharCode(random.chance(0.9) ? 0x20 + random.int(0x250) : random.int(0xffff)),
  ).join('');
}

/** A random line as a person might type it (or mistype it): mostly a command with arguments. */
export function randomCommandLine(random: Random): string {
  const parts: string[] = [];
  if (random.chance(0.85)) {
    const word = random.chance(0.8) ? random.pick(commandWords) : mangle(random, random.pick(commandWords));
    parts.push((random.chance(0.6) ? '/' : '') + word + (random.chance(0.05) ? '@thads_test_bot' : ''));
  }
  const count = random.int(6);
  for (let i = 0; i < count; i++) parts.push(randomToken(random));
  let line = parts.join(random.chance(0.9) ? ' ' : random.pick(['  ', '\t', '\n', ',']));
  if (random.chance(0.01)) line = line.repeat(1 + random.int(600));
  return line;
}

/** A random CSV cell, quoted when it must be (and now and then when it need not, or badly). */
export function randomCell(random: Random, valid: string): string {
  const roll = random.int(10);
  let cell = roll < 4 ? valid : roll < 6 ? mangle(random, valid) : roll < 7 ? '' : randomToken(random);
  if (/[",\n\r]/.test(cell) || random.chance(0.05)) cell = `"${cell.replaceAll('"', '""')}"`;
  if (random.chance(0.003)) cell = `"${cell}`; // a quote left open
  return cell;
}
