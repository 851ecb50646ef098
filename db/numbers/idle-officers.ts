import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { idArray } from '../sql-arrays.ts';
import { list, OPEN } from './case-state.ts';

/** An officer who has cases in hand but reported nothing lately. */
export interface IdleOfficer {
  id: number;
  code: string;
  name: string;
}

/**
 * Per unit, its active officers (Chấp hành viên) with open cases who recorded nothing since
 * `since`: no collection, status change, verification or note of theirs, and no audit entry
 * (every report through a chat writes one). The recent activity is gathered once for all units,
 * one scan per table, rather than probed per officer.
 */
export async function getIdleOfficers(db: Db, unitIds: readonly number[], since: Date): Promise<Map<number, IdleOfficer[]>> {
  const result = new Map<number, IdleOfficer[]>();
  if (unitIds.length === 0) return result;
  const at = since.toISOString();
  const rows = await queryRows<{ unit_id: number; id: number; code: string; name: string }>(
    db,
    sql`with active as (
          select staff_id from audit_log where created_at >= ${at}::timestamptz and staff_id is not null
          union select staff_id from collections where created_at >= ${at}::timestamptz and staff_id is not null
          union select staff_id from case_status_history where created_at >= ${at}::timestamptz and staff_id is not null
          union select staff_id from verifications where created_at >= ${at}::timestamptz and staff_id is not null
          union select staff_id from notes where created_at >= ${at}::timestamptz and staff_id is not null
        )
        select s.unit_id, s.id, s.code, s.full_name as name
        from staff s
        where s.unit_id = any(${idArray(unitIds)}) and s.role = 'officer' and s.active
          and s.id not in (select staff_id from active)
          and exists (select 1 from cases c where c.officer_id = s.id and c.status in (${list(OPEN)}))
        order by s.unit_id, s.full_name, s.code`,
  );
  for (const r of rows) {
    const unitId = Number(r.unit_id);
    result.set(unitId, [...(result.get(unitId) ?? []), { id: Number(r.id), code: r.code, name: r.name }]);
  }
  return result;
}
