import { formatCount, formatDate, formatDelta, formatMoney, formatRate, renderTable } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { formatPeriod } from '../../bot/report/period.ts';
import { RESULT_ROWS, rateLabel, rowLabel } from '../../bot/report/results-rows.ts';
import { targetLabel, targetRows, targetsMetText } from '../../bot/report/target-rows.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import type { Summary } from '../../db/numbers/types.ts';
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

/**
 * The summary as a leader reads it: the results table in WORDING.md's rows and words, by cases
 * and by money side by side, each beside the same period last year; then the four targets.
 */
export function renderSummary(s: Summary, locale: Locale): string {
  const last = s.same_period_last_year;
  const ratesRow = (side: 'cases' | 'money') => {
    const cells = [formatRate(s[side].rate, locale), formatRate(last[side].rate, locale)];
    return [rateLabel(side, locale), ...(side === 'cases' ? [...cells, '', ''] : ['', '', ...cells])];
  };
  const books = renderTable(
    ['item', 'cases', 'last_year', 'money', 'last_year'].map((k) => t(locale, `cli.summary.${k}`)),
    [
      ...RESULT_ROWS.map(({ key, depth }) => [
        '  '.repeat(depth) + rowLabel(key, locale),
        formatCount(s.cases[key], locale),
        formatCount(last.cases[key], locale),
        formatMoney(s.money[key], locale),
        formatMoney(last.money[key], locale),
      ]),
      ratesRow('cases'),
      ratesRow('money'),
    ],
    { align: ['left', 'right', 'right', 'right', 'right'] },
  );
  const mark = (met: boolean | null) => (met === null ? '—' : t(locale, met ? 'target.met' : 'target.not_met'));
  const targets = renderTable(
    ['target', 'set', 'result', 'vs_target', 'last_year', 'vs_last_year', 'met'].map((k) => t(locale, `cli.summary.targets.${k}`)),
    targetRows(s).map((r) => [
      targetLabel(r.key, locale),
      formatRate(r.target, locale),
      formatRate(r.result, locale),
      formatDelta(r.result, r.target, locale),
      formatRate(r.last, locale),
      formatDelta(r.result, r.last, locale),
      mark(r.met),
    ]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'left'] },
  );
  const cut = s.carried_cut;
  return [
    `${s.name} (${s.unit})`,
    t(locale, 'cli.summary.period', { period: formatPeriod(s.work_year, s.at, locale) }),
    t(locale, 'cli.summary.last_year_note', { at: formatDate(last.at, locale) }),
    '',
    books,
    '',
    targets,
    t(locale, 'cli.summary.cut_base', {
      at: formatDate(cut.base_at, locale),
      cases: formatCount(cut.cases_base, locale),
      money: formatMoney(cut.money_base, locale),
    }),
    targetsMetText(s, locale),
    '',
    s.overdue > 0
      ? t(locale, 'cli.summary.overdue', { count: formatCount(s.overdue, locale), unit: s.unit })
      : t(locale, 'cli.summary.no_overdue'),
  ].join('\n');
}
