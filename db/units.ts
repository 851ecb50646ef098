import { eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';
import { UserError } from './errors.ts';
import { units } from './schema.ts';
import { fold } from './text.ts';

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

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  kind: UnitRow['kind'];
}

/**
 * The unit with this code and the ids of its whole subtree (itself first), in one query: a
 * province's books are its subtree's. Unknown code: a UserError `unit_not_found`.
 */
export async function getUnitSubtree(db: Db, code: string): Promise<{ unit: UnitRef; unitIds: number[] }> {
  const rows = await queryRows<UnitRef>(
    db,
    sql`with recursive tree as (
          select id, code, name, kind, 0 as depth from units where upper(code) = ${code.trim().toUpperCase()}
          union all
          select u.id, u.code, u.name, u.kind, t.depth + 1 from units u join tree t on u.parent_id = t.id
        )
        select id, code, name, kind from tree order by depth, id`,
  );
  const [root] = rows;
  if (!root) throw new UserError('unit_not_found', { unit: code });
  return { unit: { ...root, id: Number(root.id) }, unitIds: rows.map((r) => Number(r.id)) };
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

/**
 * Units a person may mean by `query`: the one whose code it is, else those whose name contains
 * it, diacritics and case aside ("dong son" finds "Đông Sơn"), within `withinIds` when given.
 */
export async function findUnits(db: Db, query: string, withinIds?: readonly number[]): Promise<UnitRef[]> {
  const all = await db.select({ id: units.id, code: units.code, name: units.name, kind: units.kind }).from(units).orderBy(units.code);
  const scope = withinIds ? all.filter((u) => withinIds.includes(u.id)) : all;
  const wanted = fold(query);
  const byCode = scope.filter((u) => fold(u.code) === wanted);
  return byCode.length > 0 ? byCode : scope.filter((u) => fold(u.name).includes(wanted));
}

/** Codes and names of units by id (for headings); ids that are no unit are left out. */
export async function getUnitNames(db: Db, ids: readonly number[]): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** True when the database holds at least one unit: someone's organisation (or the demo) is loaded. */
export async function hasAnyUnit(db: Db): Promise<boolean> {
  return (await db.select({ id: units.id }).from(units).limit(1)).length > 0;
}
