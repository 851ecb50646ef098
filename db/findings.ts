import { eq, sql } from 'drizzle-orm';
import { canFollowUpFinding, canReadFinding, canReportRemedy } from './access.ts';
import type { WriteContext } from './case-updates/update.ts';
import { type Db, queryRows } from './rows.ts';
import { UserError } from './errors.ts';
import { checkFreeText } from './text.ts';
import type { Person } from './identity.ts';
import { auditLog, type Channel, type FindingEventKind, findingEvents, findings } from './schema.ts';
import { idArray } from './sql-arrays.ts';
import { daysBetween, type IsoDate } from './work-year.ts';

export type FindingStatus = 'open' | 'reported' | 'closed';

/** Longest remedy note or reopening reason: a chat message, like a case note. */
export const FINDING_NOTE_MAX_LENGTH = 2000;

/** One finding as lists show it, with its inspection, unit and responsible person. */
export interface FindingRow {
  id: number;
  code: string;
  inspectionCode: string;
  inspectionTitle: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  description: string;
  remedy: string;
  responsibleId: number | null;
  responsibleCode: string | null;
  responsibleName: string | null;
  dueDate: IsoDate;
  status: FindingStatus;
  reportedNote: string | null;
  reportedAt: Date | null;
  /**
   * Calendar days past the deadline of a finding still open (as db/numbers/overdue-findings.ts
   * counts them, and as a conclusion's deadlines are set); 0 for one not overdue or reported.
   */
  daysOverdue: number;
}

export interface FindingEvent {
  kind: FindingEventKind;
  at: Date;
  staffCode: string | null;
  staffName: string | null;
  channel: Channel;
  note: string | null;
}

export interface FindingDetail extends FindingRow {
  events: FindingEvent[];
}

/** Who makes a step: the person (access is checked against them here) and the channel they used. */
export interface FindingActor {
  person: Person;
  channel: Channel;
}

interface RawRow extends Omit<FindingRow, 'daysOverdue' | 'reportedAt'> {
  reportedAt: Date | string | null;
}

const SELECT = sql`select f.id, f.code, i.code as "inspectionCode", i.title as "inspectionTitle", i.unit_id as "unitId",
         u.code as "unitCode", u.name as "unitName", f.description, f.remedy, f.responsible_id as "responsibleId",
         s.code as "responsibleCode", s.full_name as "responsibleName", f.due_date::text as "dueDate", f.status,
         f.reported_note as "reportedNote", f.reported_at as "reportedAt"
       from findings f
       join inspections i on i.id = f.inspection_id
       join units u on u.id = i.unit_id
       left join staff s on s.id = f.responsible_id`;

function toRow(r: RawRow, today: IsoDate): FindingRow {
  const overdue = r.status === 'open' && r.dueDate < today ? daysBetween(r.dueDate, today) : 0;
  return { ...r, reportedAt: r.reportedAt === null ? null : new Date(r.reportedAt), daysOverdue: overdue };
}

/**
 * The findings of these units still to be dealt with (open, or reported and awaiting phúc tra):
 * the overdue ones first, most overdue first, then the others by deadline.
 */
export async function listFindings(db: Db, unitIds: readonly number[], today: IsoDate): Promise<FindingRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await queryRows<RawRow>(
    db,
    sql`${SELECT}
        where i.unit_id = any(${idArray(unitIds)}) and f.status in ('open', 'reported')
        order by (f.status = 'open' and f.due_date < ${today}::date) desc, f.due_date, f.code`,
  );
  return rows.map((r) => toRow(r, today));
}

/** One finding by its code, with its history; null when there is none. Access is the caller's to check. */
export async function getFinding(db: Db, code: string, today: IsoDate): Promise<FindingDetail | null> {
  const [row] = await queryRows<RawRow>(db, sql`${SELECT} where f.code = ${code.trim().toUpperCase()}`);
  if (!row) return null;
  const events = await queryRows<FindingEvent & { at: Date | string }>(
    db,
    sql`select e.kind, e.created_at as at, s.code as "staffCode", s.full_name as "staffName", e.channel, e.note
        from finding_events e left join staff s on s.id = e.staff_id
        where e.finding_id = ${row.id} order by e.created_at, e.id`,
  );
  return { ...toRow(row, today), events: events.map((e) => ({ ...e, at: new Date(e.at) })) };
}

/** The finding as this person may see it: one they may not see is answered like one that does not exist. */
export async function getVisibleFinding(db: Db, code: string, person: Person, today: IsoDate): Promise<FindingDetail> {
  const found = await getFinding(db, code, today);
  if (!found || !(await canReadFinding(db, person, found))) throw new UserError('finding_not_found', { finding: code });
  return found;
}

/** Findings still open that this person may report a remedy for, by deadline. */
export async function listReportableFindings(db: Db, person: Person, today: IsoDate): Promise<FindingRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    sql`${SELECT}
        where f.status = 'open' and (f.responsible_id = ${person.staffId} or i.unit_id = ${person.unitId})
        order by f.due_date, f.code`,
  );
  return rows.map((r) => toRow(r, today)).filter((r) => canReportRemedy(person, r));
}

/** Trimmed text of 1..FINDING_NOTE_MAX_LENGTH characters; `missing` names the refusal of an empty one. */
export function checkFindingText(text: string | undefined, missing: 'finding.note_required' | 'finding.reason_required'): string {
  return checkFreeText(text, FINDING_NOTE_MAX_LENGTH, { empty: missing, tooLong: 'finding.note_too_long', control: 'finding.control_characters' });
}

export interface FindingChange {
  code: string;
  from: FindingStatus;
  to: FindingStatus;
  note: string | null;
}

type Step = 'report' | 'close' | 'reopen';
const EVENT: Record<Step, FindingEventKind> = { report: 'reported', close: 'closed', reopen: 'reopened' };

/**
 * One step as one transaction: lock the finding, check who may take it and from which state,
 * write the finding, its history (finding_events) and the audit trail. A refusal rolls all of it
 * back. Only `tx` is used inside (the outer handle hangs on PGlite); `ctx.changes` hears of
 * 'figures' once committed.
 */
async function step(db: Db, code: string, kind: Step, note: string | null, actor: FindingActor, ctx: WriteContext): Promise<FindingChange> {
  const change = await db.transaction(async (tx) => {
    const [locked] = await queryRows<{ id: number }>(tx, sql`select id from findings where code = ${code.trim().toUpperCase()} for update`);
    const row = locked ? await getFinding(tx, code, ctx.today) : null;
    if (!row || !(await canReadFinding(tx, actor.person, row))) throw new UserError('finding_not_found', { finding: code });
    const params = { finding: row.code };
    if (kind === 'report') {
      if (!canReportRemedy(actor.person, row)) throw new UserError('finding.not_responsible', params);
      if (row.status === 'reported') throw new UserError('finding.already_reported', params);
      if (row.status === 'closed') throw new UserError('finding.already_closed', params);
    } else {
      if (!(await canFollowUpFinding(tx, actor.person, row))) throw new UserError('finding.province_only', params);
      if (kind === 'close' && row.status === 'open') throw new UserError('finding.not_reported', params);
      if (kind === 'close' && row.status === 'closed') throw new UserError('finding.already_closed', params);
      if (kind === 'reopen' && row.status === 'open') throw new UserError('finding.already_open', params);
    }
    const to: FindingStatus = kind === 'report' ? 'reported' : kind === 'close' ? 'closed' : 'open';
    await tx
      .update(findings)
      .set({
        status: to,
        updatedAt: ctx.now,
        // The current report lives on the row; a reopened finding waits for a new one (the old stays in its history).
        ...(kind === 'report' ? { reportedNote: note, reportedAt: ctx.now } : kind === 'reopen' ? { reportedNote: null, reportedAt: null } : {}),
      })
      .where(eq(findings.id, row.id));
    const p = actor.person;
    await tx.insert(findingEvents).values({ findingId: row.id, kind: EVENT[kind], at: ctx.now, staffId: p.staffId, channel: actor.channel, note });
    await tx.insert(auditLog).values({
      at: ctx.now,
      staffId: p.staffId,
      actor: `${p.code} ${p.name}`,
      channel: actor.channel,
      action: `finding.${kind}`,
      entity: 'finding',
      entityCode: row.code,
      details: { from: row.status, to, ...(note === null ? {} : { note }) },
    });
    return { code: row.code, from: row.status, to, note };
  });
  ctx.changes.changed('figures');
  return change;
}

/** open → reported: the responsible person or a leader of the unit reports the remedy done, with a note. */
export async function reportRemedy(db: Db, code: string, input: { note: string }, actor: FindingActor, ctx: WriteContext): Promise<FindingChange> {
  return step(db, code, 'report', checkFindingText(input.note, 'finding.note_required'), actor, ctx);
}

/** reported → closed: a province leader accepts the remedy after follow-up (phúc tra); the note is optional. */
export async function closeFinding(db: Db, code: string, input: { note?: string }, actor: FindingActor, ctx: WriteContext): Promise<FindingChange> {
  const note = input.note?.trim() ? checkFindingText(input.note, 'finding.note_required') : null;
  return step(db, code, 'close', note, actor, ctx);
}

/** reported or closed → open: a province leader sends it back, saying why. */
export async function reopenFinding(db: Db, code: string, input: { reason: string }, actor: FindingActor, ctx: WriteContext): Promise<FindingChange> {
  return step(db, code, 'reopen', checkFindingText(input.reason, 'finding.reason_required'), actor, ctx);
}
