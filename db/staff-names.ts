import { inArray } from 'drizzle-orm';
import type { Db } from './client.ts';
import { staff } from './schema.ts';

/** Staff members' full names by their codes (a report names people, not codes); unknown codes are left out. */
export async function getStaffNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ code: staff.code, name: staff.fullName }).from(staff).where(inArray(staff.code, wanted));
  return new Map(rows.map((r) => [r.code, r.name]));
}
