/**
 * Who may do what: the rules written once, deny by default. The bot's core asks these; no
 * adapter decides anything itself. "Province" = the subtree of the person's province-level unit.
 *
 * | rule                | province leader          | unit leader (own unit U)  | officer of U               | inspector, clerk, accountant of U |
 * | ------------------- | ------------------------ | ------------------------- | -------------------------- | --------------------------------- |
 * | canReadUnit         | any unit of the province | U                         | U                          | U (at a province-level unit: that unit's own summary, no unit below it) |
 * | canReadCase         | any case of the province | any case of U             | own cases (held by U)      | none                              |
 * | canUpdateCase       | cases held by the province-level unit itself | any case of U | own cases (held by U) | none                           |
 * | canSetDeadline      | any case of the province | any case of U             | none                       | none                              |
 * | canRank             | yes (units of the province) | yes (officers of U)    | no                         | no                                |
 * | canSeeOverdue       | 'all' for any unit of the province | 'all' for U     | 'own' for U                | none                              |
 * | canReadFinding      | any unit's of the province | U's                     | U's                        | U's (at a province-level unit: that unit's own) |
 * | canReportRemedy     | findings of the province-level unit itself | findings of U | those they are responsible for | those they are responsible for |
 * | canFollowUpFinding  | any finding of the province (close after phúc tra, reopen) | none | none        | none                              |
 *
 * Leaders: province_head, province_deputy (province); unit_head, unit_deputy (unit). Anyone who
 * is not linked to an active staff record is no Person at all and gets nothing but linking.
 * Findings (inspection conclusions) are the whole unit's business, so its staff all read them; the
 * person named responsible also reads and reports on their own findings wherever they now work.
 * `oversees` (phụ trách địa bàn) routes escalations and grants nothing beyond the above.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './rows.ts';
import type { Person } from './identity.ts';

/** The two columns of a case the rules look at. */
export interface CaseAccessRow {
  unitId: number;
  officerId: number | null;
}

export function isProvinceLeader(p: Person): boolean {
  return p.role === 'province_head' || p.role === 'province_deputy';
}

export function isUnitLeader(p: Person): boolean {
  return p.role === 'unit_head' || p.role === 'unit_deputy';
}

export function isLeader(p: Person): boolean {
  return isProvinceLeader(p) || isUnitLeader(p);
}

/**
 * Province leaders read every unit of their province; everyone else reads their own unit only.
 * A province-level inspector or clerk thus reads the province unit (its summary totals the
 * province, as their own unit's summary would) but no local unit's figures or cases one by one.
 */
export async function canReadUnit(db: Db, p: Person, unitId: number): Promise<boolean> {
  if (unitId === p.unitId) return true;
  if (!isProvinceLeader(p)) return false;
  return isWithin(db, unitId, p.provinceId);
}

/**
 * Case details name parties (decree 13/2023: no more eyes than needed): leaders of a readable
 * unit and the case's own officer see them; the unit's other staff read its summary, not cases.
 * The officer must still belong to the case's unit: one moved elsewhere hands their cases over.
 */
export async function canReadCase(db: Db, p: Person, c: CaseAccessRow): Promise<boolean> {
  if (isOwnCase(p, c)) return true;
  return isLeader(p) && canReadUnit(db, p, c.unitId);
}

/**
 * Progress is reported by the case's officer or a leader of the unit that holds the case.
 * Province leaders question and set deadlines on local units' cases but do not report for them;
 * for cases the province-level unit enforces itself they are that unit's leaders.
 */
export function canUpdateCase(p: Person, c: CaseAccessRow): boolean {
  return isOwnCase(p, c) || (isLeader(p) && p.unitId === c.unitId);
}

/** A leader sets a deadline (hạn xử lý) on any case they may read. */
export async function canSetDeadline(db: Db, p: Person, c: CaseAccessRow): Promise<boolean> {
  return isLeader(p) && canReadCase(db, p, c);
}

/** Who works on cases at all (sees and reports on some): officers and leaders; each case is still checked. */
export function worksOnCases(p: Person | null): boolean {
  return p !== null && (p.role === 'officer' || isLeader(p));
}

/** Who has a caseload to list: an officer (their own cases) or a unit leader (the unit's). */
export function hasCaseload(p: Person | null): boolean {
  return p !== null && (p.role === 'officer' || isUnitLeader(p));
}

/** Ranking: province leaders rank units, unit leaders their officers; the unit must be readable too. */
export function canRank(p: Person): boolean {
  return isLeader(p);
}

/**
 * Overdue lists of a unit: leaders see all of a readable unit's ('all'); an officer sees only
 * their own cases of their own unit ('own'); anyone else nothing (false).
 */
export async function canSeeOverdue(db: Db, p: Person, unitId: number): Promise<'all' | 'own' | false> {
  if (isLeader(p)) return (await canReadUnit(db, p, unitId)) ? 'all' : false;
  return p.role === 'officer' && unitId === p.unitId ? 'own' : false;
}

/** The columns of a finding the rules look at: the inspected unit and the person responsible. */
export interface FindingAccessRow {
  unitId: number;
  responsibleId: number | null;
}

/** A finding is read by whoever reads its unit (canReadUnit), and by the person responsible for it. */
export async function canReadFinding(db: Db, p: Person, f: FindingAccessRow): Promise<boolean> {
  return f.responsibleId === p.staffId || canReadUnit(db, p, f.unitId);
}

/**
 * A remedy is reported done by the person responsible or a leader of the inspected unit (for the
 * province-level unit's own findings, its leaders are the province leaders), as with cases.
 */
export function canReportRemedy(p: Person, f: FindingAccessRow): boolean {
  return f.responsibleId === p.staffId || (isLeader(p) && p.unitId === f.unitId);
}

/** Follow-up (phúc tra) is the province's: its leaders close or reopen any finding of the province. */
export async function canFollowUpFinding(db: Db, p: Person, f: FindingAccessRow): Promise<boolean> {
  return isProvinceLeader(p) && isWithin(db, f.unitId, p.provinceId);
}

/** A unit as a list of readable units shows it. */
export interface ReadableUnit {
  id: number;
  code: string;
  name: string;
  kind: 'province' | 'local';
}

/**
 * Every unit canReadUnit lets this person read, the top first: a province leader's whole
 * province, anyone else's own unit.
 */
export async function listReadableUnits(db: Db, p: Person): Promise<ReadableUnit[]> {
  const rootId = isProvinceLeader(p) ? p.provinceId : p.unitId;
  const deep = isProvinceLeader(p);
  const rows = await queryRows<{ id: number; code: string; name: string; kind: 'province' | 'local'; depth: number }>(
    db,
    sql`with recursive down as (
          select id, code, name, kind, 0 as depth from units where id = ${rootId}
          union all
          select u.id, u.code, u.name, u.kind, down.depth + 1 from units u join down on u.parent_id = down.id
          where ${deep} and down.depth < 32
        )
        select id, code, name, kind, depth from down order by depth, code`,
  );
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, kind: r.kind }));
}

function isOwnCase(p: Person, c: CaseAccessRow): boolean {
  return c.officerId === p.staffId && c.unitId === p.unitId;
}

/** Whether `unitId` is `rootId` or below it: a walk up from the unit, a few rows at most. */
async function isWithin(db: Db, unitId: number, rootId: number): Promise<boolean> {
  if (unitId === rootId) return true;
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`with recursive up as (
          select id, parent_id, 0 as depth from units where id = ${unitId}
          union all
          select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id where up.depth < 32
        )
        select exists (select 1 from up where id = ${rootId}) as found`,
  );
  return row?.found === true;
}
