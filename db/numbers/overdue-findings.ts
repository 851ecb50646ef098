import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { idArray } from '../sql-arrays.ts';
import { daysBetween, type IsoDate } from '../work-year.ts';
import type { OverdueFinding } from './types.ts';

/**
 * Inspection findings of these units still open after their deadline. A finding the unit has
 * reported as remedied waits for the province's check, so it is no longer the unit's delay.
 */
export async function getOverdueFindings(db: Db, unitIds: readonly number[], at: IsoDate): Promise<OverdueFinding[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<Omit<OverdueFinding, 'days_overdue'>>(
    db,
    sql`select f.code, i.code as inspection, u.code as unit, f.description, s.code as responsible,
               f.due_date::text as due_date, f.status
        from findings f
        join inspections i on i.id = f.inspection_id
        join units u on u.id = i.unit_id
        left join staff s on s.id = f.responsible_id
        where i.unit_id = any(${idArray(unitIds)}) and f.status = 'open' and f.due_date < ${at}::date
        order by f.due_date, f.code`,
  );
  return rows.map((r) => ({ ...r, days_overdue: daysBetween(r.due_date, at) }));
}
