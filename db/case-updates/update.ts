import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { ChangeSink } from '../result-cache.ts';
import { auditLog, type Channel, cases } from '../schema.ts';
import type { IsoDate } from '../work-year.ts';
import { type CaseRow, type CaseState, readCase, stateOf } from './state.ts';

/** The person reporting, already allowed to touch the case by the command core. */
export interface Actor {
  staffId: number;
  /** How the audit trail names them, e.g. "BH-DS-CHV01 Nguyễn Văn A". */
  label: string;
  channel: Channel;
  isLeader: boolean;
}

/** The caller's clock: `today` is in TZ_APP, so db/ never guesses a time zone. */
export interface Clock {
  now: Date;
  today: IsoDate;
}

/** The caller's side of a write: its clock, and the cache to tell what the write changed. */
export interface WriteContext extends Clock {
  changes: ChangeSink;
}

export interface CaseChange {
  before: CaseState;
  after: CaseState;
}

/** Checks the locked case, writes, and returns what the audit row should add to before/after. */
export type Apply = (tx: Db, row: CaseRow) => Promise<Record<string, unknown>>;

/**
 * One progress report as one transaction: lock the case row, let `apply` check and write,
 * re-read the case, log both states. A UserError thrown by `apply` rolls all of it back, so a
 * refused report leaves no trace, not even in the audit log: refusals are answered, not stored.
 * Inside, only `tx` is used: the outer handle would hang on PGlite. Once written, the figures
 * have changed: `clock.changes` is told so after the commit. Where `db` is a caller's own
 * transaction (a claim and its write together), that is after this savepoint and before the
 * caller's commit: sound on PGlite only because it runs one transaction at a time, so a reader
 * that sees the new version waits for that commit before its queries run (and on PostgreSQL
 * nothing is kept).
 */
export async function updateCase(
  db: Db,
  caseCode: string,
  actor: Actor,
  clock: WriteContext,
  action: string,
  apply: Apply,
): Promise<CaseChange> {
  const change = await db.transaction(async (tx) => {
    const row = await readCase(tx, caseCode, true);
    const details = await apply(tx, row);
    const before = stateOf(row);
    const after = stateOf(await readCase(tx, row.code, false));
    // updated_at tells sync and reports the case moved; a note alone does not move it.
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await tx.update(cases).set({ updatedAt: clock.now }).where(eq(cases.id, row.id));
    }
    await tx.insert(auditLog).values({
      at: clock.now,
      staffId: actor.staffId,
      actor: actor.label,
      channel: actor.channel,
      action,
      entity: 'case',
      entityCode: row.code,
      details: { ...details, before, after },
    });
    return { before, after };
  });
  clock.changes.changed('figures');
  return change;
}
