import { canRank, canSeeOverdue } from '../../../db/access.ts';
import type { Person } from '../../../db/identity.ts';
import { getOverdue } from '../../../db/numbers/overdue.ts';
import { getRanking } from '../../../db/numbers/ranking.ts';
import { getSummaryShared } from '../../../db/numbers/summary.ts';
import type { OverdueReport, Ranking, Summary } from '../../../db/numbers/types.ts';
import { type DueFinding, getOpenFindingsDue } from '../../../db/numbers/findings-due.ts';
import { getUpcomingDeadlines, type UpcomingDeadline } from '../../../db/numbers/upcoming-deadlines.ts';
import { getUnitNames, getUnitSubtree, type UnitRow } from '../../../db/units.ts';
import { addDays, type IsoDate } from '../../../db/work-year.ts';
import { mondayOf } from '../../../jobs/briefing/iso-week.ts';
import type { Deps } from '../../deps.ts';

/** The overdue cases a page lists: the most overdue first, the count always whole. */
export const OVERDUE_SHOWN = 20;
/** The cases due this week a page lists. */
const DUE_SHOWN = 20;
/** An officer's own are picked from the unit's: read enough of them that none of theirs is cut off. */
const OWN_DUE_SCAN = 1000;
/** No finding was reopened after this: the week's list is by remedy deadline only. */
const NEVER = new Date('9999-12-31T00:00:00Z');

/** Everything a unit's page shows, each part only if the access rules let this person see it. */
export interface UnitDashboard {
  unit: UnitRow;
  at: IsoDate;
  summary: Readonly<Summary>;
  /** Units of a province, officers of a local unit: leaders only (canRank). */
  ranking: Ranking | null;
  /** 'all' for leaders, 'own' for an officer (their own cases), null for anyone else. */
  overdue: { scope: 'all' | 'own'; report: OverdueReport } | null;
  /** The Monday of `at`'s week and what falls due from it to Sunday. */
  week: { monday: IsoDate; total: number; items: UpcomingDeadline[]; findings: (DueFinding & { unitName: string })[] } | null;
  /** Unit names by code (the overdue list names units). */
  unitNames: ReadonlyMap<string, string>;
}

/** Reads a unit's page as of `at`, the same numbers as the chat's and the CLI's. */
export async function getUnitDashboard(deps: Deps, person: Person, unit: UnitRow, at: IsoDate): Promise<UnitDashboard> {
  const scope = await canSeeOverdue(deps.db, person, unit.id);
  const { unitIds } = await getUnitSubtree(deps.db, unit.code);
  const monday = mondayOf(at);
  const sunday = addDays(monday, 6);
  const [summary, ranking, report, upcoming, names, findings] = await Promise.all([
    getSummaryShared(deps.db, unit.code, at, deps.numbers, deps.cache),
    canRank(person) ? getRanking(deps.db, unit.code, at, deps.numbers) : null,
    scope ? getOverdue(deps.db, unit.code, at, deps.numbers, { limit: OVERDUE_SHOWN, ...(scope === 'own' ? { officerId: person.staffId } : {}) }) : null,
    scope ? getUpcomingDeadlines(deps.db, unitIds, monday, addDays(monday, 6), deps.numbers, scope === 'own' ? OWN_DUE_SCAN : DUE_SHOWN) : null,
    getUnitNames(deps.db, unitIds),
    // Findings are the whole unit's business (canReadFinding): its officers see them too. None
    // reopened counts here, only those whose remedy deadline falls in the week.
    scope ? getOpenFindingsDue(deps.db, unitIds, { until: sunday, reopenedAfter: NEVER, timeZone: deps.config.timeZone }) : [],
  ]);
  const dueFindings = findings.filter((f) => f.dueDate >= monday).map((f) => ({ ...f, unitName: names.get(f.unitId)?.name ?? '' }));
  return {
    unit,
    at,
    summary,
    ranking,
    overdue: scope && report ? { scope, report } : null,
    week: scope && upcoming ? { ...weekOf(monday, upcoming, scope === 'own' ? person.staffId : null), findings: dueFindings } : null,
    unitNames: new Map([...names.values()].map((u) => [u.code, u.name])),
  };
}

function weekOf(monday: IsoDate, upcoming: Map<number, { total: number; items: UpcomingDeadline[] }>, officerId: number | null) {
  let items = [...upcoming.values()].flatMap((u) => u.items);
  let total = [...upcoming.values()].reduce((n, u) => n + u.total, 0);
  if (officerId !== null) {
    items = items.filter((i) => i.officerId === officerId);
    total = new Set(items.map((i) => i.code)).size;
  }
  items.sort((a, b) => a.due.localeCompare(b.due) || a.code.localeCompare(b.code));
  return { monday, total, items: items.slice(0, DUE_SHOWN) };
}
