/**
 * Leases in the database: a named role (the scheduler) that one process holds at a time, until
 * it stops renewing. The times come from the caller's clock, so tests can move them; instances
 * must keep their clocks within a few seconds of each other (NTP), well inside a lease.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { schedulerLeases } from './schema.ts';

export type Lease = typeof schedulerLeases.$inferSelect;

/**
 * Takes the lease `name` for `holder` until `now + ttlMs`, or renews it, when it is free,
 * expired or already this holder's; returns the row as it now stands (another's when refused).
 */
export async function holdLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<{ held: boolean; lease: Lease | undefined }> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const [taken] = await db
    .insert(schedulerLeases)
    .values({ name, holder, takenAt: now, expiresAt })
    .onConflictDoUpdate({
      target: schedulerLeases.name,
      set: {
        holder,
        expiresAt,
        // A renewal keeps the instant it was first taken.
        takenAt: sql`case when ${schedulerLeases.holder} = excluded.holder then ${schedulerLeases.takenAt} else excluded.taken_at end`,
      },
      where: sql`${schedulerLeases.holder} = excluded.holder or ${schedulerLeases.expiresAt} <= excluded.taken_at`,
    })
    .returning();
  if (taken) return { held: true, lease: taken };
  return { held: false, lease: await getLease(db, name) };
}

/** Gives the lease up at once (a clean stop), if `holder` still has it. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(schedulerLeases).where(and(eq(schedulerLeases.name, name), eq(schedulerLeases.holder, holder)));
}

export async function getLease(db: Db, name: string): Promise<Lease | undefined> {
  const [row] = await db.select().from(schedulerLeases).where(eq(schedulerLeases.name, name));
  return row;
}
