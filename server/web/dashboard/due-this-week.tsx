import { formatCount, formatDate, placeName } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { formatWeek } from '../../../bot/report/period.ts';
import { caseLink } from './overdue-lists.tsx';
import type { UnitDashboard } from './unit-data.ts';

type Week = NonNullable<UnitDashboard['week']>;

/** What falls due this week (Monday to Sunday of the page's day): leaders' deadlines and verifications. */
export function DueThisWeek({ week, locale, query }: { week: Week; locale: Locale; query: string }) {
  return (
    <section class="card" id="week">
      <h2>{t(locale, 'dash.week.title', { week: formatWeek(week.monday, locale) })}</h2>
      {week.items.length === 0 ? (
        <p>{t(locale, 'dash.week.none')}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t(locale, 'dash.col.case')}</th>
                <th>{t(locale, 'dash.col.kind')}</th>
                <th>{t(locale, 'dash.col.due')}</th>
                <th>{t(locale, 'dash.col.officer')}</th>
              </tr>
            </thead>
            <tbody>
              {week.items.map((i) => (
                <tr data-due={i.code}>
                  <td>{caseLink(i.code, query)}</td>
                  <td>{t(locale, `dash.week.${i.kind}`)}</td>
                  <td>{formatDate(i.due, locale)}</td>
                  <td>{i.officerName ?? t(locale, 'dash.unassigned')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {week.total > new Set(week.items.map((i) => i.code)).size && (
        <p class="note">{t(locale, 'dash.week.more', { count: formatCount(week.total - new Set(week.items.map((i) => i.code)).size, locale) })}</p>
      )}
      {week.findings.length > 0 && (
        <>
          <h3>{t(locale, 'dash.week.findings')}</h3>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t(locale, 'dash.col.finding')}</th>
                  <th>{t(locale, 'dash.col.unit')}</th>
                  <th>{t(locale, 'dash.col.due')}</th>
                  <th>{t(locale, 'dash.col.responsible')}</th>
                </tr>
              </thead>
              <tbody>
                {week.findings.map((f) => (
                  <tr data-due-finding={f.code}>
                    <td>{`${f.code}: ${f.description}`}</td>
                    <td>{placeName(f.unitName)}</td>
                    <td>{formatDate(f.dueDate, locale)}</td>
                    <td>{f.responsibleName ?? t(locale, 'dash.unassigned')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
