import { asc, eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { listCaseQuestions } from './questions.ts';
import { type CaseStatus, caseStatusHistory, cases, collections, notes, staff, units, verifications } from './schema.ts';
import { type IsoDate, todayIn } from './work-year.ts';

/** What a case file says beyond its current state: who, which decision, which flags. */
export interface CaseFile {
  unitCode: string;
  unitName: string;
  officerCode: string | null;
  officerName: string | null;
  decisionNo: string;
  decisionDate: IsoDate;
  acceptedDate: IsoDate;
  verifiedOn: IsoDate | null;
  flags: string[];
}

/**
 * One dated step in a case's life, oldest first; `by` names who reported it, when the bot
 * knows; `at` (when it was written down) orders the steps of one day.
 */
export type CaseEvent = { on: IsoDate; by: string | null; at?: Date } & (
  | { kind: 'accepted' }
  | { kind: 'status'; status: CaseStatus }
  | { kind: 'collection'; amount: number }
  | { kind: 'verification'; note: string | null }
  | { kind: 'note'; text: string }
  /** A province leader's question (chất vấn), and its answer: `ref` is its short id (CV12). */
  | { kind: 'question'; ref: string; text: string }
  | { kind: 'answer'; ref: string; text: string }
);

/**
 * The case file and its timeline, from the records themselves (status history, collections,
 * verifications, notes) rather than the audit log, which is for inspectors, not for chat.
 * Notes carry an instant: their day is taken in TZ_APP.
 */
export async function getCaseTimeline(
  db: Db,
  caseCode: string,
  timeZone: string,
  options: { questions?: boolean } = {},
): Promise<{ file: CaseFile; events: CaseEvent[] }> {
  const [row] = await db
    .select({
      id: cases.id,
      unitCode: units.code,
      unitName: units.name,
      officerCode: staff.code,
      officerName: staff.fullName,
      decisionNo: cases.decisionNo,
      decisionDate: cases.decisionDate,
      acceptedDate: cases.acceptedDate,
      verifiedOn: cases.verifiedOn,
      flags: cases.flags,
    })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .leftJoin(staff, eq(staff.id, cases.officerId))
    .where(eq(cases.code, caseCode));
  if (!row) throw new Error(`case ${caseCode} vanished between its check and its timeline`);
  const { id, ...file } = row;
  const [history, money, checks, remarks, asked] = await Promise.all([
    db
      .select({ on: caseStatusHistory.effectiveDate, status: caseStatusHistory.status, by: staff.fullName, at: caseStatusHistory.createdAt })
      .from(caseStatusHistory)
      .leftJoin(staff, eq(staff.id, caseStatusHistory.staffId))
      .where(eq(caseStatusHistory.caseId, id))
      .orderBy(asc(caseStatusHistory.effectiveDate), asc(caseStatusHistory.id)),
    db
      .select({ on: collections.collectedOn, amount: collections.amount, by: staff.fullName, at: collections.createdAt })
      .from(collections)
      .leftJoin(staff, eq(staff.id, collections.staffId))
      .where(eq(collections.caseId, id))
      .orderBy(asc(collections.collectedOn), asc(collections.id)),
    db
      .select({ on: verifications.verifiedOn, note: verifications.note, by: staff.fullName, at: verifications.createdAt })
      .from(verifications)
      .leftJoin(staff, eq(staff.id, verifications.staffId))
      .where(eq(verifications.caseId, id))
      .orderBy(asc(verifications.verifiedOn), asc(verifications.id)),
    db
      .select({ at: notes.createdAt, text: notes.body, by: staff.fullName })
      .from(notes)
      .leftJoin(staff, eq(staff.id, notes.staffId))
      .where(eq(notes.caseId, id))
      .orderBy(asc(notes.createdAt), asc(notes.id)),
    // Questions only for those who may see them (db/questions.ts maySee), as the caller decides.
    options.questions ? listCaseQuestions(db, id) : Promise.resolve([]),
  ]);
  const events: CaseEvent[] = [
    { kind: 'accepted', on: file.acceptedDate, by: null },
    // The import writes the opening "enforcing" row too: acceptance already says so.
    ...history.filter((h) => !(h.status === 'enforcing' && h.on === file.acceptedDate)).map((h) => ({ kind: 'status' as const, ...h })),
    ...money.map((m) => ({ kind: 'collection' as const, ...m })),
    ...checks.map((v) => ({ kind: 'verification' as const, ...v })),
    ...remarks.map((n) => ({ kind: 'note' as const, on: todayIn(timeZone, n.at), text: n.text, by: n.by, at: n.at })),
    ...asked.flatMap((q) => [
      { kind: 'question' as const, on: todayIn(timeZone, q.askedAt), ref: q.ref, text: q.body, by: q.askerName, at: q.askedAt },
      ...(q.answeredAt && q.answer !== null
        ? [{ kind: 'answer' as const, on: todayIn(timeZone, q.answeredAt), ref: q.ref, text: q.answer, by: q.answererName, at: q.answeredAt }]
        : []),
    ]),
  ];
  events.sort((a, b) => a.on.localeCompare(b.on) || (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
  return { file, events };
}
