import { formatCount, formatDate, formatDelta, formatMoney, formatRate } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { formatPeriod } from '../../../bot/report/period.ts';
import { RESULT_ROWS, rateLabel, rowLabel } from '../../../bot/report/results-rows.ts';
import { targetLabel, targetRows, targetsMetText } from '../../../bot/report/target-rows.ts';
import type { Summary } from '../../../db/numbers/types.ts';

/**
 * The results table as `thads summary` prints it (server/cli/summary.ts): WORDING.md's rows and
 * words, by cases and by money, each beside the same day last year; the rates below.
 */
export function ResultsTable({ s, locale }: { s: Readonly<Summary>; locale: Locale }) {
  const last = s.same_period_last_year;
  const head = ['item', 'cases', 'last_year', 'money', 'last_year'].map((k) => t(locale, `cli.summary.${k}`));
  return (
    <section class="card" id="results">
      <h2>{t(locale, 'cli.summary.period', { period: formatPeriod(s.work_year, s.at, locale) })}</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>{head.map((h, i) => (i === 0 ? <th>{h}</th> : <th class="num">{h}</th>))}</tr>
          </thead>
          <tbody>
            {RESULT_ROWS.map(({ key, depth }) => (
              <tr data-row={key}>
                <td class={`d${depth}`}>{rowLabel(key, locale)}</td>
                <td class="num">{formatCount(s.cases[key], locale)}</td>
                <td class="num">{formatCount(last.cases[key], locale)}</td>
                <td class="num">{formatMoney(s.money[key], locale)}</td>
                <td class="num">{formatMoney(last.money[key], locale)}</td>
              </tr>
            ))}
            <tr data-row="rate_cases">
              <td>{rateLabel('cases', locale)}</td>
              <td class="num">{formatRate(s.cases.rate, locale)}</td>
              <td class="num">{formatRate(last.cases_rate, locale)}</td>
              <td />
              <td />
            </tr>
            <tr data-row="rate_money">
              <td>{rateLabel('money', locale)}</td>
              <td />
              <td />
              <td class="num">{formatRate(s.money.rate, locale)}</td>
              <td class="num">{formatRate(last.money_rate, locale)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="note">{t(locale, 'cli.summary.last_year_note', { at: formatDate(last.at, locale) })}</p>
    </section>
  );
}

/** The four targets judged, and "Đạt x/4 chỉ tiêu". */
export function TargetsTable({ s, locale }: { s: Readonly<Summary>; locale: Locale }) {
  const head = ['target', 'set', 'result', 'vs_target', 'last_year', 'vs_last_year', 'met'].map((k) => t(locale, `cli.summary.targets.${k}`));
  const mark = (met: boolean | null) => (met === null ? '—' : t(locale, met ? 'target.met' : 'target.not_met'));
  const cut = s.carried_cut;
  return (
    <section class="card" id="targets">
      <h2>{t(locale, 'dash.targets.title')}</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>{head.map((h, i) => (i === 0 ? <th>{h}</th> : <th class="num">{h}</th>))}</tr>
          </thead>
          <tbody>
            {targetRows(s).map((r) => (
              <tr data-target={r.key}>
                <td>{targetLabel(r.key, locale)}</td>
                <td class="num">{formatRate(r.target, locale)}</td>
                <td class="num">{formatRate(r.result, locale)}</td>
                <td class="num">{formatDelta(r.result, r.target, locale)}</td>
                <td class="num">{formatRate(r.last, locale)}</td>
                <td class="num">{formatDelta(r.result, r.last, locale)}</td>
                <td>{mark(r.met)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">
        {t(locale, 'cli.summary.cut_base', { at: formatDate(cut.base_at, locale), cases: formatCount(cut.cases_base, locale), money: formatMoney(cut.money_base, locale) })}
      </p>
      <p id="targets-met">
        <strong>{targetsMetText(s, locale)}</strong>
      </p>
    </section>
  );
}
