import { and, eq, inArray } from 'drizzle-orm';
import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import type { Db } from '../../db/client.ts';
import type { OverdueCaseRef } from '../../db/numbers/overdue-by-unit.ts';
import { staff, staffOversees, units as unitsTable } from '../../db/schema.ts';
import type { IsoDate } from '../../db/work-year.ts';
import { moreLine, overdueCaseLine } from '../briefing/case-lines.ts';

const PER_UNIT_LISTED = 5;

/** A leader in charge of an area (Lãnh đạo Cục phụ trách địa bàn) and the units they oversee. */
export interface Overseer {
  id: number;
  name: string;
  locale: Locale | null;
  unitIds: number[];
}

/** The active leaders who oversee at least one unit, each with their units. */
export async function getOverseers(db: Db): Promise<Overseer[]> {
  const rows = await db
    .select({ id: staff.id, name: staff.fullName, locale: staff.locale, unitId: staffOversees.unitId })
    .from(staffOversees)
    .innerJoin(staff, and(eq(staff.id, staffOversees.staffId), eq(staff.active, true)))
    .orderBy(staff.id, staffOversees.unitId);
  const byId = new Map<number, Overseer>();
  for (const r of rows) {
    const leader = byId.get(r.id) ?? { id: r.id, name: r.name, locale: r.locale, unitIds: [] };
    leader.unitIds.push(r.unitId);
    byId.set(r.id, leader);
  }
  return [...byId.values()];
}

/** Names of units by id, for the escalation's headings. */
export async function getUnitNames(db: Db, ids: readonly number[]): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: unitsTable.id, code: unitsTable.code, name: unitsTable.name }).from(unitsTable).where(inArray(unitsTable.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/**
 * One private message to a leader for the day: per unit they oversee, the cases overdue more
 * than the threshold, longest first (five per unit, with how many more), officers named.
 */
export function escalationReply(
  units: readonly { code: string; name: string; count: number; cases: readonly OverdueCaseRef[] }[],
  opts: { today: IsoDate; days: number },
  locale: Locale,
): Reply {
  return {
    title: t(locale, 'job.escalation.title', { days: opts.days, date: formatDate(opts.today, locale) }),
    blocks: [
      ...units.map((u) => {
        const shown = u.cases.slice(0, PER_UNIT_LISTED);
        return {
          kind: 'text' as const,
          text: [
            t(locale, 'job.escalation.unit', { name: u.name, unit: u.code, count: formatCount(u.count, locale) }),
            ...shown.map((c) => overdueCaseLine(c, locale)),
            ...moreLine(u.count, shown.length, locale),
          ].join('\n'),
        };
      }),
      { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(opts.today, locale) }) },
    ],
  };
}
