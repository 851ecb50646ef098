import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  auditLog,
  cases,
  caseStatusHistory,
  collections,
  findings,
  inspections,
  staff,
  staffOversees,
  targets,
  unitChannels,
  units,
} from '../schema.ts';
import type { IsoDate } from '../work-year.ts';
import type { DemoData } from './types.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DemoResult {
  units: number;
  staff: number;
  cases: number;
  collections: number;
  targets: number;
  findings: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters, and few round trips. */
const BATCH = 1000;

/** Writes the demo through `tx` only: PGlite hangs if the outer handle is used inside a transaction. */
export async function insertDemo(tx: Tx, data: DemoData, today: IsoDate): Promise<DemoResult> {
  const unitIds = new Map<string, number>();
  for (const u of data.units) {
    // One by one, parents first: only 10 rows, and each child needs its parent's id.
    const parentId = u.parentCode === null ? null : unitIds.get(u.parentCode)!;
    const [row] = await tx.insert(units).values({ code: u.code, name: u.name, kind: u.kind, parentId }).returning({ id: units.id });
    unitIds.set(u.code, row!.id);
  }
  await tx.insert(unitChannels).values(data.units.map((u) => ({ unitId: unitIds.get(u.code)!, platform: 'telegram' as const, chatId: u.telegramGroup })));
  const staffRows = await tx
    .insert(staff)
    .values(data.staff.map((s) => ({ code: s.code, fullName: s.fullName, unitId: unitIds.get(s.unitCode)!, role: s.role })))
    .returning({ id: staff.id, code: staff.code });
  const staffIds = new Map(staffRows.map((r) => [r.code, r.id]));
  const oversees = data.staff.flatMap((s) => s.oversees.map((u) => ({ staffId: staffIds.get(s.code)!, unitId: unitIds.get(u)! })));
  if (oversees.length > 0) await tx.insert(staffOversees).values(oversees);

  const caseIds = new Map<string, number>();
  for (const chunk of chunks(data.cases)) {
    const rows = await tx
      .insert(cases)
      .values(
        chunk.map((c) => ({
          code: c.code,
          unitId: unitIds.get(c.unitCode)!,
          officerId: staffIds.get(c.officerCode)!,
          decisionNo: c.decisionNo,
          decisionDate: c.decisionDate,
          acceptedDate: c.acceptedDate,
          amount: c.amount,
          status: c.status,
          statusDate: c.statusDate,
          verifiedOn: c.verifiedOn,
          dueDate: c.dueDate,
          flags: c.flags,
        })),
      )
      .returning({ id: cases.id, code: cases.code });
    for (const r of rows) caseIds.set(r.code, r.id);
  }
  // One history row per case, as an import of the platform's export would leave it.
  const history = data.cases.map((c) => ({
    caseId: caseIds.get(c.code)!,
    status: c.status,
    effectiveDate: c.statusDate,
    source: 'import' as const,
  }));
  for (const chunk of chunks(history)) await tx.insert(caseStatusHistory).values(chunk);
  const money = data.cases.flatMap((c) =>
    c.collections.map((m) => ({
      caseId: caseIds.get(c.code)!,
      unitId: unitIds.get(c.unitCode)!,
      collectedOn: m.date,
      amount: m.amount,
      source: 'import' as const,
    })),
  );
  for (const chunk of chunks(money)) await tx.insert(collections).values(chunk);

  await tx.insert(targets).values(
    data.targets.map((t) => ({
      unitId: unitIds.get(t.unitCode)!,
      officerId: t.officerCode === null ? null : staffIds.get(t.officerCode)!,
      workYear: t.workYear,
      casesRate: t.casesRate,
      moneyRate: t.moneyRate,
      carriedCasesCut: t.carriedCasesCut,
      carriedMoneyCut: t.carriedMoneyCut,
    })),
  );
  const { inspection } = data;
  const [insp] = await tx
    .insert(inspections)
    .values({
      code: inspection.code,
      unitId: unitIds.get(inspection.unitCode)!,
      kind: inspection.kind,
      concludedOn: inspection.concludedOn,
      title: inspection.title,
    })
    .returning({ id: inspections.id });
  await tx.insert(findings).values(
    inspection.findings.map((f) => ({
      code: f.code,
      inspectionId: insp!.id,
      description: f.description,
      remedy: f.remedy,
      responsibleId: staffIds.get(f.responsibleCode)!,
      dueDate: f.dueDate,
      status: f.status,
      reportedNote: f.reportedNote,
      // A fixed hour in Viet Nam's zone keeps the row a function of `today` alone.
      reportedAt: f.reportedOn === null ? null : new Date(`${f.reportedOn}T09:30:00+07:00`),
    })),
  );

  const result: DemoResult = {
    units: data.units.length,
    staff: data.staff.length,
    cases: data.cases.length,
    collections: money.length,
    targets: data.targets.length,
    findings: inspection.findings.length,
  };
  await tx.insert(auditLog).values({
    actor: 'seed-demo',
    channel: 'console',
    action: 'seed_demo',
    entity: 'demo',
    entityCode: data.units[0]!.code,
    details: { today, ...result },
  });
  return result;
}

/** True when the demo province is already in the database. */
export async function hasDemo(db: Db, provinceCode: string): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).where(eq(units.code, provinceCode)).limit(1);
  return rows.length > 0;
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}
