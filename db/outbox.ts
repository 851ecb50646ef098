/**
 * The outbox: every message a job plans is a `deliveries` row, unique by (job, platform,
 * destination, period). The insert is the check, so a rerun, a restart or a second instance
 * adds nothing it already has. Senders claim due rows, send them, and record the outcome.
 * What a row's payload holds is the jobs' business (jobs/outbox.ts): here it is plain JSON.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { type ChatPlatform, deliveries } from './schema.ts';

export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryStatus = Delivery['status'];

/** A row to add: where it goes, the once-only key, and its payload. */
export interface NewDelivery {
  job: string;
  platform: ChatPlatform;
  destination: string;
  period: string;
  payload: Record<string, unknown>;
}

/**
 * How long a claimed row stays with its sender. A row still `sending` after this was claimed by
 * a sender that crashed (or lost its database): it is claimed again and resumes after its last
 * recorded part. A part that was in flight is sent again (a process has at most a few in flight,
 * jobs/senders/drain.ts); a row not yet begun was never sent, and only goes late.
 */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;

const INSERT_CHUNK = 500;

/**
 * A message not sent within this time of being planned is given up: a Monday briefing or a
 * day's alerts read days later mislead more than they help (a platform whose token was added
 * late, a chat down for days).
 */
export const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;

/** Adds the rows the outbox does not hold yet (by their key); returns how many were new. `now` dates them, else the database's clock. */
export async function addDeliveries(db: Db, rows: readonly NewDelivery[], now?: Date): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, ...(now ? { nextAttemptAt: now, createdAt: now } : {}) }));
    const inserted = await db.insert(deliveries).values(values).onConflictDoNothing().returning({ id: deliveries.id });
    added += inserted.length;
  }
  return added;
}

/**
 * Claims up to `limit` rows due for `platform`, oldest first: pending ones whose time has come,
 * and `sending` ones whose lease ran out. `FOR UPDATE SKIP LOCKED` lets several senders (several
 * processes on PostgreSQL) drain one outbox, each row going to exactly one of them.
 */
export async function claimDue(db: Db, platform: ChatPlatform, limit: number, now: Date, leaseMs = CLAIM_LEASE_MS): Promise<Delivery[]> {
  const due = sql`select ${deliveries.id} from ${deliveries}
    where ${deliveries.platform} = ${platform}
      and ${deliveries.status} in ('pending', 'sending')
      and ${deliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz
    order by ${deliveries.id}
    limit ${limit}
    for update skip locked`;
  const rows = await db
    .update(deliveries)
    .set({ status: 'sending', attempts: sql`${deliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(sql`${deliveries.id} in (${due})`)
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Marks failed, with the reason, the rows of `platform` still waiting (or left by a crashed
 * sender) that were planned more than `maxAgeMs` before `now`; returns how many.
 */
export async function expireStale(db: Db, platform: ChatPlatform, now: Date, maxAgeMs = MAX_DELIVERY_AGE_MS): Promise<number> {
  const rows = await db
    .update(deliveries)
    .set({ status: 'failed', lastError: `expired: not sent within ${Math.round(maxAgeMs / 3_600_000)} h of being planned` })
    .where(
      and(
        eq(deliveries.platform, platform),
        inArray(deliveries.status, ['pending', 'sending']),
        sql`${deliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz`,
        sql`${deliveries.createdAt} < ${new Date(now.getTime() - maxAgeMs).toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length;
}

/**
 * A row as a sender claimed it. Every outcome is recorded only while the claim still holds
 * (the row still `sending`, with the attempt count its claim gave it): a sender that outlived its
 * lease, whose row another sender has since claimed, records nothing and learns that it lost it.
 */
export type Claim = Pick<Delivery, 'id' | 'attempts'>;

const held = (claim: Claim) => and(eq(deliveries.id, claim.id), eq(deliveries.status, 'sending'), eq(deliveries.attempts, claim.attempts));

async function recordIfHeld(db: Db, claim: Claim, set: Partial<typeof deliveries.$inferInsert> | Record<string, unknown>): Promise<boolean> {
  const rows = await db.update(deliveries).set(set).where(held(claim)).returning({ id: deliveries.id });
  return rows.length > 0;
}

/** Records the message ids of the parts sent so far (a long reply is several messages); false when the claim was lost. */
export function markProgress(db: Db, claim: Claim, externalIds: readonly string[]): Promise<boolean> {
  return recordIfHeld(db, claim, { externalId: externalIds.join(',') });
}

export function markSent(db: Db, claim: Claim, externalIds: readonly string[], now: Date): Promise<boolean> {
  return recordIfHeld(db, claim, { status: 'sent', externalId: externalIds.join(','), sentAt: now, lastError: null });
}

/**
 * Puts a row back for another try at `at`. A wait the platform asked for (429) is not a failed
 * try: `counted: false` gives back the attempt its claim took.
 */
export function markRetry(db: Db, claim: Claim, at: Date, reason: string, options: { counted: boolean }): Promise<boolean> {
  return recordIfHeld(db, claim, {
    status: 'pending',
    nextAttemptAt: at,
    lastError: reason,
    ...(options.counted ? {} : { attempts: sql`greatest(${deliveries.attempts} - 1, 0)` }),
  });
}

export function markFailed(db: Db, claim: Claim, reason: string): Promise<boolean> {
  return recordIfHeld(db, claim, { status: 'failed', lastError: reason });
}

/** The chat removed the bot or no longer exists: no further tries. */
export function markUnreachable(db: Db, claim: Claim, reason: string): Promise<boolean> {
  return recordIfHeld(db, claim, { status: 'unreachable', lastError: reason });
}

/** Forgets settled rows (sent, failed, unreachable) planned before `olderThan`; returns how many went. */
export async function pruneDeliveries(db: Db, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(deliveries)
    .where(and(inArray(deliveries.status, ['sent', 'failed', 'unreachable']), sql`${deliveries.createdAt} < ${olderThan.toISOString()}::timestamptz`))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Rows for `thads deliveries`: newest first; `failed` keeps only failed and unreachable ones. */
export async function listDeliveries(db: Db, options: { failed?: boolean; limit?: number } = {}): Promise<Delivery[]> {
  return db
    .select()
    .from(deliveries)
    .where(options.failed ? inArray(deliveries.status, ['failed', 'unreachable']) : undefined)
    .orderBy(desc(deliveries.id))
    .limit(options.limit ?? 50);
}

/** How many rows each status holds, for one job (or all). */
export async function countByStatus(db: Db, job?: string): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .select({ status: deliveries.status, n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(job ? eq(deliveries.job, job) : undefined)
    .groupBy(deliveries.status);
  const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, unreachable: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** The earliest time a pending row of `platform` becomes due, or undefined when none waits. */
export async function nextDueAt(db: Db, platform: ChatPlatform): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`min(${deliveries.nextAttemptAt})` })
    .from(deliveries)
    .where(and(eq(deliveries.platform, platform), inArray(deliveries.status, ['pending', 'sending'])));
  return row?.at ? new Date(row.at) : undefined;
}

/** What the jobs planned for one group or channel, newest first (the demo's channels view). */
export async function listDeliveriesTo(db: Db, platform: ChatPlatform, destination: string, limit = 10): Promise<Delivery[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.platform, platform), eq(deliveries.destination, destination)))
    .orderBy(desc(deliveries.id))
    .limit(limit);
}
