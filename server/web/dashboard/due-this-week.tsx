import { formatCount, formatDate, placeName } from '../../../bot/format.ts';
import { type Locale, t } from '../../../bot/i18n/index.ts';
import { formatWeek } from '../../../bot/report/period.ts';
import { DataTable } from './data-table.tsx';
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
        <DataTable
          columns={['case', 'kind', 'due', 'officer'].map((k) => ({ head: t(locale, `dash.col.${k}`) }))}
          mark="due"
          rows={week.items.map((i) => ({
            id: i.code,
            cells: [caseLink(i.code, query), t(locale, `dash.week.${i.kind}`), formatDate(i.due, locale), i.officerName ?? t(locale, 'dash.unassigned')],
          }))}
        />
      )}
      {week.total > new Set(week.items.map((i) => i.code)).size && (
        <p class="note">{t(locale, 'dash.week.more', { count: formatCount(week.total - new Set(week.items.map((i) => i.code)).size, locale) })}</p>
      )}
      {week.findings.length > 0 && (
        <>
          <h3>{t(locale, 'dash.week.findings')}</h3>
          <DataTable
            columns={['finding', 'unit', 'due', 'responsible'].map((k) => ({ head: t(locale, `dash.col.${k}`) }))}
            mark="due-finding"
            rows={week.findings.map((f) => ({
              id: f.code,
              cells: [`${f.code}: ${f.description}`, placeName(f.unitName), formatDate(f.dueDate, locale), f.responsibleName ?? t(locale, 'dash.unassigned')],
            }))}
          />
        </>
      )}
    </section>
  );
}
