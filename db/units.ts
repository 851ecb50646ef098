import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from './client.ts';
import { UserError } from './errors.ts';
import { units } from './schema.ts';

export type UnitRow = typeof units.$inferSelect;

/** The unit with this code (case-insensitive), or a UserError `unit_not_found`. */
export async function getUnitByCode(db: Db, code: string): Promise<UnitRow> {
  const [unit] = await db
    .select()
    .from(units)
    .where(eq(sql`upper(${units.code})`, code.trim().toUpperCase()))
    .limit(1);
  if (!unit) throw new UserError('unit_not_found', { unit: code });
  return unit;
}

/** The unit and every unit below it: a province's books are its whole subtree's. */
export async function getSubtreeIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with recursive tree as (
          select id from units where id = ${unitId}
          union all
          select u.id from units u join tree t on u.parent_id = t.id
        )
        select id from tree`,
  );
  return rows.map((r) => Number(r.id));
}

/** Maps every unit below `unitId` to the child of `unitId` it belongs to. */
export async function getChildOfEachUnit(db: Db, unitId: number): Promise<Map<number, number>> {
  const rows = await queryRows<{ id: number; child: number }>(
    db,
    sql`with recursive tree as (
          select id, id as child from units where parent_id = ${unitId}
          union all
          select u.id, t.child from units u join tree t on u.parent_id = t.id
        )
        select id, child from tree`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.child)]));
}
