import { formatCount, formatDate, formatMoney, placeName } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { overdueReasonText } from '../../../bot/report/overdue-reason.ts';
import type { UnitDashboard } from './unit-data.ts';

type Overdue = NonNullable<UnitDashboard['overdue']>;

/** A case code linking to its page. */
export const caseLink = (code: string, query: string) => <a href={`/viec/${encodeURIComponent(code)}${query}`}>{code}</a>;

/** The most overdue cases, each with its one wording per broken time limit (WORDING.md). */
export function OverdueCases({ overdue, unitNames, locale, query }: { overdue: Overdue; unitNames: ReadonlyMap<string, string>; locale: Locale; query: string }) {
  const { report, scope } = overdue;
  return (
    <section class="card" id="overdue">
      <h2>{t(locale, 'dash.overdue.title', { count: formatCount(report.total_cases, locale) })}</h2>
      {scope === 'own' && <p class="note">{t(locale, 'dash.overdue.own')}</p>}
      {report.cases.length === 0 ? (
        <p>{t(locale, 'dash.overdue.none')}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t(locale, 'dash.col.case')}</th>
                <th>{t(locale, 'dash.col.unit')}</th>
                <th>{t(locale, 'dash.col.officer')}</th>
                <th class="num">{t(locale, 'dash.col.days')}</th>
                <th class="num">{t(locale, 'dash.col.remaining')}</th>
                <th>{t(locale, 'dash.col.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.cases.map((c) => (
                <tr data-case={c.code}>
                  <td>{caseLink(c.code, query)}</td>
                  <td>{placeName(unitNames.get(c.unit) ?? c.unit)}</td>
                  <td>{c.officer_name ?? t(locale, 'dash.unassigned')}</td>
                  <td class="num">{formatCount(c.days_overdue, locale)}</td>
                  <td class="num">{formatMoney(c.remaining, locale)}</td>
                  <td>{c.reasons.map((r) => overdueReasonText(r, locale)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.total_cases > report.cases.length && <p class="note">{t(locale, 'dash.overdue.shown', { shown: formatCount(report.cases.length, locale) })}</p>}
    </section>
  );
}

/** Inspection findings past their remedy deadline. */
export function OverdueFindings({ overdue, unitNames, locale }: { overdue: Overdue; unitNames: ReadonlyMap<string, string>; locale: Locale }) {
  const findings = overdue.report.findings;
  return (
    <section class="card" id="findings">
      <h2>{t(locale, 'dash.findings.title', { count: formatCount(findings.length, locale) })}</h2>
      {findings.length === 0 ? (
        <p>{t(locale, 'dash.findings.none')}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t(locale, 'dash.col.finding')}</th>
                <th>{t(locale, 'dash.col.unit')}</th>
                <th>{t(locale, 'dash.col.due')}</th>
                <th class="num">{t(locale, 'dash.col.days')}</th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr data-finding={f.code}>
                  <td>{`${f.code}: ${f.description}`}</td>
                  <td>{placeName(unitNames.get(f.unit) ?? f.unit)}</td>
                  <td>{formatDate(f.due_date, locale)}</td>
                  <td class="num">{formatCount(f.days_overdue, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
