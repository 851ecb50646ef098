import { and, eq } from 'drizzle-orm';
import { refreshStatusMirror } from '../../db/case-status.ts';
import type { Db } from '../../db/client.ts';
import { type caseFlags, type CaseStatus, caseStatusHistory, cases, type ChatPlatform, chatPlatforms, collections, staff, type StaffRole, units } from '../../db/schema.ts';
import { removeUnitChannel, setUnitChannel } from '../../db/unit-channels.ts';
import { getUnitByCode } from '../../db/units.ts';

/** Small builders that write fixtures straight through drizzle, following the import's conventions. */
export async function addUnit(db: Db, code: string, kind: 'province' | 'local', parentCode?: string): Promise<number> {
  const parentId = parentCode ? (await db.query.units.findFirst({ where: (u, { eq }) => eq(u.code, parentCode) }))?.id : null;
  const [row] = await db.insert(units).values({ code, name: `Đơn vị ${code}`, kind, parentId }).returning({ id: units.id });
  return row!.id;
}

/**
 * Sets (an id) or removes (null) the own group or channel of a unit (its id or code) on each
 * platform named, as a units.csv row does.
 */
export async function setChannels(db: Db, unit: number | string, channels: Partial<Record<ChatPlatform, string | null>>): Promise<void> {
  const unitId = typeof unit === 'number' ? unit : (await getUnitByCode(db, unit)).id;
  for (const platform of chatPlatforms) {
    const chatId = channels[platform];
    if (chatId) await setUnitChannel(db, unitId, platform, chatId);
    else if (chatId === null) await removeUnitChannel(db, unitId, platform);
  }
}

export async function addStaff(db: Db, code: string, unitId: number, role: StaffRole = 'officer'): Promise<number> {
  const [row] = await db.insert(staff).values({ code, fullName: `Cán bộ ${code}`, unitId, role }).returning({ id: staff.id });
  return row!.id;
}

export interface CaseFixture {
  code: string;
  unitId: number;
  officerId?: number;
  accepted: string;
  decision?: string;
  amount: number;
  /** Status changes after acceptance, oldest first; none means enforcing since acceptance. */
  history?: [CaseStatus, string][];
  collections?: [string, number][];
  verifiedOn?: string;
  dueDate?: string;
  flags?: (typeof caseFlags)[number][];
}

export async function addCase(db: Db, f: CaseFixture): Promise<number> {
  const history = f.history ?? [];
  const latest = history.at(-1) ?? ['enforcing', f.accepted];

  const [row] = await db
    .insert(cases)
    .values({
      code: f.code,
      unitId: f.unitId,
      officerId: f.officerId,
      decisionNo: `${f.code}/QĐ-THADS`,
      decisionDate: f.decision ?? f.accepted,
      acceptedDate: f.accepted,
      amount: f.amount,
      status: latest[0],
      statusDate: latest[1],
      verifiedOn: f.verifiedOn,
      dueDate: f.dueDate,
      flags: f.flags,
    })
    .returning({ id: cases.id });
  const caseId = row!.id;
  if (history.length > 0) {
    await db
      .insert(caseStatusHistory)
      .values(history.map(([status, effectiveDate]) => ({ caseId, status, effectiveDate, source: 'import' as const })));
    await refreshStatusMirror(db, [caseId]);
  }
  if (f.collections?.length) {
    await db
      .insert(collections)
      .values(f.collections.map(([collectedOn, amount]) => ({ caseId, unitId: f.unitId, collectedOn, amount, source: 'import' as const })));
  }
  return caseId;
}

/** The code of the first case (by code) of this officer in this status: a case of theirs to report on. */
export async function firstCaseOf(db: Db, staffCode: string, status: CaseStatus = 'enforcing'): Promise<string> {
  const [row] = await db
    .select({ code: cases.code })
    .from(cases)
    .innerJoin(staff, eq(staff.id, cases.officerId))
    .where(and(eq(staff.code, staffCode), eq(cases.status, status)))
    .orderBy(cases.code)
    .limit(1);
  if (!row) throw new Error(`no ${status} case of ${staffCode} in the fixture`);
  return row.code;
}
