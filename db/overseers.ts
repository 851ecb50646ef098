import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';

/** A leader in charge of an area (Lãnh đạo Cục phụ trách địa bàn) and the units they oversee. */
export interface Overseer {
  id: number;
  name: string;
  locale: 'vi' | 'en' | null;
  unitIds: number[];
}

/**
 * The active province leaders who oversee at least one unit of their own province, each with
 * those units. `staff_oversees` is data: a row naming someone else (an officer, a leader of
 * another province) sends them nothing, since the escalation lists cases and officers.
 */
export async function getOverseers(db: Db): Promise<Overseer[]> {
  const rows = await queryRows<{ id: number; name: string; locale: Overseer['locale']; unit_id: number }>(
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
