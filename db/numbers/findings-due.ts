import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../rows.ts';
import { idArray } from '../sql-arrays.ts';
import type { IsoDate } from '../work-year.ts';

/** An open inspection finding as the reminders show it: what, which conclusion, who, by when. */
export interface DueFinding {
  id: number;
  code: string;
  unitId: number;
  inspection: string;
  description: string;
  remedy: string;
  responsibleId: number | null;
  responsibleName: string | null;
  dueDate: IsoDate;
  /** The last time the province sent it back after follow-up (phúc tra), with its reason; null if never. */
  reopened: { at: Date; on: IsoDate; reason: string | null } | null;
}

/**
 * The findings of these units still `open` whose deadline is on or before `until` (today plus
 * the reminder's lead), overdue ones included, or that were reopened after `reopenedAfter`,
 * earliest deadline first, each with its last reopening (`timeZone` gives its local day). A finding reported
 * remedied or closed is no longer the unit's to do, so it is never here.
 */
export async function getOpenFindingsDue(
  db: Db,
  unitIds: readonly number[],
  opts: { until: IsoDate; reopenedAfter: Date; timeZone: string },
): Promise<DueFinding[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<{
    id: number;
    code: string;
    unit_id: number;
    inspection: string;
    description: string;
    remedy: string;
    responsible_id: number | null;
    responsible_name: string | null;
    due_date: string;
    reopened_at: string | null;
    reopened_on: string | null;
    reopen_reason: string | null;
  }>(
    db,
    sql`select f.id, f.code, i.unit_id, i.code as inspection, f.description, f.remedy,
               f.responsible_id, s.full_name as responsible_name, f.due_date::text as due_date,
               to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as reopened_at,
               to_char(r.at at time zone ${opts.timeZone}, 'YYYY-MM-DD') as reopened_on, r.note as reopen_reason
        from findings f
        join inspections i on i.id = f.inspection_id
        left join staff s on s.id = f.responsible_id
        left join lateral (
          select e.created_at as at, e.note from finding_events e
          where e.finding_id = f.id and e.kind = 'reopened'
          order by e.created_at desc, e.id desc limit 1
        ) r on true
        where i.unit_id = any(${idArray(unitIds)}) and f.status = 'open'
          and (f.due_date <= ${opts.until}::date or r.at > ${opts.reopenedAfter.toISOString()}::timestamptz)
        order by f.due_date, f.code`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    unitId: Number(r.unit_id),
    inspection: r.inspection,
    description: r.description,
    remedy: r.remedy,
    responsibleId: r.responsible_id === null ? null : Number(r.responsible_id),
    responsibleName: r.responsible_name,
    dueDate: r.due_date,
    reopened: r.reopened_at && r.reopened_on ? { at: new Date(r.reopened_at), on: r.reopened_on, reason: r.reopen_reason } : null,
  }));
}

/** A finding reported remedied and not yet closed: what awaits the province's follow-up (phúc tra). */
export interface AwaitingFollowUp {
  code: string;
  unitCode: string;
  unitName: string;
  inspection: string;
  description: string;
  dueDate: IsoDate;
  /** The day (in `timeZone`) the remedy was reported; null when the data does not say. */
  reportedOn: IsoDate | null;
}

/**
 * For each of these provinces, the findings of the units under it (and its own) that are
 * `reported` but not `closed`, by unit code then report date.
 */
export async function getFindingsAwaitingFollowUp(db: Db, provinceIds: readonly number[], timeZone: string): Promise<Map<number, AwaitingFollowUp[]>> {
  const byProvince = new Map<number, AwaitingFollowUp[]>();
  if (provinceIds.length === 0) return byProvince;
  const rows = await queryRows<{
    province_id: number;
    code: string;
    unit_code: string;
    unit_name: string;
    inspection: string;
    description: string;
    due_date: string;
    reported_on: string | null;
  }>(
    db,
    sql`with recursive tree as (
          select u.id as province_id, u.id as unit_id, 0 as depth
          from units u where u.id = any(${idArray(provinceIds)})
          union all
          select tree.province_id, c.id, tree.depth + 1
          from tree join units c on c.parent_id = tree.unit_id
          where tree.depth < 32
        )
        select tree.province_id, f.code, u.code as unit_code, u.name as unit_name, i.code as inspection,
               f.description, f.due_date::text as due_date,
               to_char(f.reported_at at time zone ${timeZone}, 'YYYY-MM-DD') as reported_on
        from tree
        join inspections i on i.unit_id = tree.unit_id
        join findings f on f.inspection_id = i.id
        join units u on u.id = i.unit_id
        where f.status = 'reported'
        order by tree.province_id, u.code, f.reported_at nulls last, f.code`,
  );
  for (const r of rows) {
    const id = Number(r.province_id);
    const list = byProvince.get(id) ?? [];
    list.push({
      code: r.code,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      inspection: r.inspection,
      description: r.description,
      dueDate: r.due_date,
      reportedOn: r.reported_on,
    });
    byProvince.set(id, list);
  }
  return byProvince;
}
