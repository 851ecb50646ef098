import { formatCount, formatDate, formatDelta, formatMoney, formatRate, renderTable } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { Books, Summary } from '../../db/numbers/types.ts';
import { reportDate, writeJson } from './report-date.ts';
import { type CliCommand, writeLine } from './types.ts';

export const summaryCommand: CliCommand = {
  name: 'summary',
  args: ['<unit>'],
  flags: ['at', 'json'],
  async run(deps, args, io) {
    const summary = await getSummary(deps.db, args.positionals[0]!, reportDate(deps, args), deps.numbers);
    if (args.flags.json) writeJson(io.stdout, summary);
    else writeLine(io.stdout, renderSummary(summary, args.locale));
    return 0;
  },
};

// The rows of the official statistics table (biểu thống kê THADS), in its order; an indent
// marks a part of the row above (total = carried over + new; to enforce = with + without conditions).
const rows: [keyof Omit<Books, 'rate'>, number][] = [
  ['total', 0],
  ['carried_over', 1],
  ['new', 1],
  ['entrusted', 0],
  ['withdrawn', 0],
  ['to_enforce', 0],
  ['with_conditions', 1],
  ['without_conditions', 1],
  ['completed', 0],
  ['terminated', 0],
  ['done', 0],
  ['enforcing', 0],
  ['postponed', 0],
  ['suspended', 0],
  ['carried_to_next', 0],
  ['carried_with_conditions', 1],
];

/** The summary as a person reads it: the official table by cases and money, then the rates. */
export function renderSummary(s: Summary, locale: Locale): string {
  const books = renderTable(
    [t(locale, 'cli.summary.item'), t(locale, 'cli.summary.cases'), t(locale, 'cli.summary.money')],
    rows.map(([key, indent]) => [
      '  '.repeat(indent) + t(locale, `cli.summary.row.${key}`),
      formatCount(s.cases[key], locale),
      formatMoney(s.money[key], locale),
    ]),
    { align: ['left', 'right', 'right'] },
  );
  const last = s.same_period_last_year;
  const rateRow = (label: string, rate: number | null, target: number | undefined, previous: number | null) => [
    t(locale, label),
    formatRate(rate, locale),
    formatRate(target, locale),
    formatDelta(rate, target, locale),
    formatRate(previous, locale),
    formatDelta(rate, previous, locale),
  ];
  const rates = renderTable(
    ['', ...['rate', 'target', 'vs_target', 'last_year', 'vs_last_year'].map((k) => t(locale, `cli.summary.${k}`))],
    [
      rateRow('cli.summary.cases_rate', s.cases.rate, s.targets?.cases_rate, last.cases_rate),
      rateRow('cli.summary.money_rate', s.money.rate, s.targets?.money_rate, last.money_rate),
    ],
    { align: ['left', 'right', 'right', 'right', 'right', 'right'] },
  );
  const targetNote = s.targets
    ? t(locale, 'cli.summary.carried_cuts', {
        cases: formatRate(s.targets.carried_cases_cut, locale),
        money: formatRate(s.targets.carried_money_cut, locale),
      })
    : t(locale, 'cli.summary.no_targets', { year: s.work_year });
  return [
    `${s.name} (${s.unit})`,
    t(locale, 'cli.work_year_span', { year: s.work_year, from: formatDate(s.from, locale), at: formatDate(s.at, locale) }),
    '',
    books,
    '',
    rates,
    t(locale, 'cli.summary.last_year_note', { at: formatDate(last.at, locale) }),
    targetNote,
    '',
    s.overdue > 0
      ? t(locale, 'cli.summary.overdue', { count: formatCount(s.overdue, locale), unit: s.unit })
      : t(locale, 'cli.summary.no_overdue'),
  ].join('\n');
}
