import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client.ts';
import { jsonParam } from './sql-batches.ts';

// Loaded once per file: the lookups every row needs, keyed by the codes the CSV uses.

export interface UnitRef {
  id: number;
  parentCode: string | null;
}

export async function loadUnits(tx: Db): Promise<Map<string, UnitRef>> {
  const rows = await queryRows<{ id: number; code: string; parent_code: string | null }>(
    tx,
    sql`select u.id, u.code, p.code as parent_code from units u left join units p on p.id = u.parent_id`,
  );
  return new Map(rows.map((r) => [r.code, { id: Number(r.id), parentCode: r.parent_code }]));
}

export interface StaffRef {
  id: number;
  unitId: number;
}

export async function loadStaff(tx: Db): Promise<Map<string, StaffRef>> {
  const rows = await queryRows<{ id: number; code: string; unit_id: number }>(
    tx,
    sql`select id, code, unit_id from staff`,
  );
  return new Map(rows.map((r) => [r.code, { id: Number(r.id), unitId: Number(r.unit_id) }]));
}

export interface CaseRef {
  id: number;
  acceptedDate: string;
}

/** Only the cases a file names: a province may hold far more cases than one file touches. */
export async function loadCases(tx: Db, codes: Iterable<string>): Promise<Map<string, CaseRef>> {
  const rows = await queryRows<{ id: number | string; code: string; accepted_date: string }>(
    tx,
    sql`select id, code, accepted_date::text as accepted_date from cases
        where code in (select jsonb_array_elements_text(${jsonParam([...new Set(codes)])}))`,
  );
  return new Map(rows.map((r) => [r.code, { id: Number(r.id), acceptedDate: r.accepted_date }]));
}

export async function loadInspections(tx: Db): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; code: string }>(tx, sql`select id, code from inspections`);
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}
