import { inArray, sql } from 'drizzle-orm';
import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { type Db, queryRows } from '../../db/client.ts';
import type { OverdueCaseRef } from '../../db/numbers/overdue-by-unit.ts';
import { units as unitsTable } from '../../db/schema.ts';
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

/**
 * The active province leaders who oversee at least one unit of their own province, each with
 * those units. `staff_oversees` is data: a row naming someone else (an officer, a leader of
 * another province) sends them nothing, since the escalation lists cases and officers.
 */
export async function getOverseers(db: Db): Promise<Overseer[]> {
  const rows = await queryRows<{ id: number; name: string; locale: Locale | null; unit_id: number }>(
    db,
    sql`with recursive up as (
          select o.staff_id, o.unit_id, u.id as ancestor, u.parent_id, 0 as depth
          from staff_oversees o join units u on u.id = o.unit_id
          union all
          select up.staff_id, up.unit_id, p.id, p.parent_id, up.depth + 1
          from up join units p on p.id = up.parent_id
          where up.depth < 32
        )
        select distinct s.id, s.full_name as name, s.locale, up.unit_id
        from up join staff s on s.id = up.staff_id and s.unit_id = up.ancestor
        where s.active and s.role in ('province_head', 'province_deputy')
        order by s.id, up.unit_id`,
  );
  const byId = new Map<number, Overseer>();
  for (const r of rows) {
    const id = Number(r.id);
    const leader = byId.get(id) ?? { id, name: r.name, locale: r.locale, unitIds: [] };
    leader.unitIds.push(Number(r.unit_id));
    byId.set(id, leader);
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
