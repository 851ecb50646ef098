import { formatCount, formatDate, formatMoney, placeName } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { overdueReasonText } from '../../../bot/report/overdue-reason.ts';
import { DataTable } from './data-table.tsx';
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
        <DataTable
          columns={[
            { head: t(locale, 'dash.col.case') },
            { head: t(locale, 'dash.col.unit') },
            { head: t(locale, 'dash.col.officer') },
            { head: t(locale, 'dash.col.days'), num: true },
            { head: t(locale, 'dash.col.remaining'), num: true },
            { head: t(locale, 'dash.col.reasons') },
          ]}
          mark="case"
          rows={report.cases.map((c) => ({
            id: c.code,
            cells: [
              caseLink(c.code, query),
              placeName(unitNames.get(c.unit) ?? c.unit),
              c.officer_name ?? t(locale, 'dash.unassigned'),
              formatCount(c.days_overdue, locale),
              formatMoney(c.remaining, locale),
              c.reasons.map((r) => overdueReasonText(r, locale)).join('; '),
            ],
          }))}
        />
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
        <DataTable
          columns={[
            { head: t(locale, 'dash.col.finding') },
            { head: t(locale, 'dash.col.unit') },
            { head: t(locale, 'dash.col.due') },
            { head: t(locale, 'dash.col.days'), num: true },
          ]}
          mark="finding"
          rows={findings.map((f) => ({
            id: f.code,
            cells: [`${f.code}: ${f.description}`, placeName(unitNames.get(f.unit) ?? f.unit), formatDate(f.due_date, locale), formatCount(f.days_overdue, locale)],
          }))}
        />
      )}
    </section>
  );
}
