/** When each scheduled job last ran: the slot it ran for, and the instant it did. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { jobRuns } from './schema.ts';

export type JobRun = typeof jobRuns.$inferSelect;

/** Records that `slot` ran; a later slot already recorded stays (a by-hand run of an old instant). */
export async function recordSlot(db: Db, job: string, slot: Date, now = new Date()): Promise<void> {
  await db
    .insert(jobRuns)
    .values({ job, lastSlot: slot, lastRunAt: now })
    .onConflictDoUpdate({
      target: jobRuns.job,
      set: { lastSlot: sql`greatest(${jobRuns.lastSlot}, excluded.last_slot)`, lastRunAt: sql`excluded.last_run_at` },
    });
}

/** The last slot a job ran for, if it ever ran. */
export async function getLastSlot(db: Db, job: string): Promise<Date | undefined> {
  const [row] = await db.select({ lastSlot: jobRuns.lastSlot }).from(jobRuns).where(eq(jobRuns.job, job));
  return row?.lastSlot ?? undefined;
}

/** Every job that ever ran, by name. */
export async function getJobRuns(db: Db): Promise<Map<string, JobRun>> {
  return new Map((await db.select().from(jobRuns)).map((r) => [r.job, r]));
}
