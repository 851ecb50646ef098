import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLastSlot, recordSlot } from '../../db/job-runs.ts';
import { getLease } from '../../db/scheduler-lease.ts';
import { jobRuns } from '../../db/schema.ts';
import { createSchedulerLease, LEASE_TTL_MS, SCHEDULER_LEASE } from '../../jobs/scheduler-lease.ts';
import { createScheduler } from '../../jobs/scheduler.ts';
import type { Job } from '../../jobs/types.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

describe.each(drivers)('the scheduler lease on %s', (driver) => {
  let handle: TestDb;
  // One clock for every instance, moved by hand: no test sleeps for a minute.
  let now = new Date('2026-11-23T07:30:00+07:00');
  const clock = () => now;
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const lease = (holder: string) => createSchedulerLease({ db: handle.db, logger, now: clock, shared: true, holder });

  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from scheduler_leases`);
    await handle.db.delete(jobRuns);
    now = new Date('2026-11-23T07:30:00+07:00');
    lines.length = 0;
  });

  it('is taken by one instance, renewed by it, and taken over only once it stops renewing', async () => {
    const [a, b] = [lease('a'), lease('b')];
    expect(await a.check()).toEqual({ held: true, taken: true });
    expect(await b.check()).toEqual({ held: false, taken: false });
    // a renews within its lease: b still cannot take it, even past a's first expiry.
    advance(40_000);
    expect(await a.check()).toEqual({ held: true, taken: false });
    advance(30_000);
    expect(await b.check()).toMatchObject({ held: false });
    expect((await getLease(handle.db, SCHEDULER_LEASE))?.holder).toBe('a');
    // a dies: nobody renews, and the first look once its lease (renewed at 40 s, for 60 s) has run out takes it.
    advance(30_000 - 1);
    expect(await b.check()).toMatchObject({ held: false });
    advance(1);
    expect(await b.check()).toEqual({ held: true, taken: true });
    expect(await getLease(handle.db, SCHEDULER_LEASE)).toMatchObject({ holder: 'b', takenAt: now, expiresAt: new Date(now.getTime() + LEASE_TTL_MS) });
    // a comes back (a frozen process): it learns it lost the lease and runs nothing.
    expect(await a.check()).toEqual({ held: false, taken: false });
    const said = lines.map((l) => `${String(l.holder)}: ${String(l.msg)}`);
    expect(said).toContain('a: took the scheduler lease: this instance runs the jobs');
    expect(said).toContain('b: took the scheduler lease: this instance runs the jobs');
    expect(said).toContain('a: lost the scheduler lease: another instance runs the jobs');
  });

  it('is given up on a clean stop, so another takes it at once', async () => {
    const [a, b] = [lease('a'), lease('b')];
    await a.check();
    await a.release();
    expect(a.held).toBe(false);
    expect(await b.check()).toEqual({ held: true, taken: true });
  });

  it('lets only the holder run the job bodies; when it dies another takes over and runs the next slot', async () => {
    const ran: string[] = [];
    const job = (instance: string, name: string, schedule: string): Job => ({
      name,
      defaultSchedule: schedule,
      workingDaysOnly: false,
      async run(_deps, at) {
        ran.push(`${instance} ${name} ${at.toISOString()}`);
        return [];
      },
    });
    const deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }, clock).deps;
    // a's lease gives nothing up when a stops: that stop is a death, not a clean one.
    const leaseA = lease('a');
    const dyingLease = { holder: 'a', get held() { return leaseA.held; }, check: () => leaseA.check(), release: async () => {} };
    const instance = (name: string) =>
      createScheduler(deps, {
        jobs: [job(name, 'test-weekly', '30 7 * * 1'), job(name, 'test-minutely', '* * * * *')],
        lease: name === 'a' ? dyingLease : lease(name),
        // The test says when each instance looks at the lease: at its start and its ticks.
        leaseEveryMs: 3_600_000,
      });
    /** One tick of bree's, as at the minute (asked again while its previous worker is still exiting). */
    const tick = async (s: ReturnType<typeof instance>) => {
      const before = s.ticks;
      await expect
        .poll(async () => {
          if (s.ticks === before) await s.trigger();
          return s.ticks;
        }, { timeout: 10_000, interval: 200 })
        .toBeGreaterThan(before);
      await s.idle();
    };
    // Last Monday's briefing ran: both instances start at this Monday's slot, and both would catch it up.
    await recordSlot(handle.db, 'test-weekly', new Date('2026-11-16T07:30:00+07:00'));
    const [a, b] = [instance('a'), instance('b')];
    await a.start();
    await a.idle();
    await b.start();
    await b.idle();
    // 07:30:50: b ticks with the 07:30 slot of test-minutely due and not yet run, and leaves it to the holder.
    advance(50_000);
    await tick(b);
    expect(ran).toEqual(['a test-weekly 2026-11-23T00:30:00.000Z']);
    expect([a.lease.held, b.lease.held]).toEqual([true, false]);

    // a dies; at 07:31 its lease has run out: b's tick takes it and runs the slots due.
    await a.stop();
    advance(10_000);
    await tick(b);
    expect(await getLastSlot(handle.db, 'test-minutely')).toEqual(new Date('2026-11-23T07:31:00+07:00'));
    expect(ran).toEqual(['a test-weekly 2026-11-23T00:30:00.000Z', 'b test-minutely 2026-11-23T00:31:00.000Z']);
    expect(b.lease.held).toBe(true);
    // a, back from the dead (a frozen process), looks at its lease: lost, so it would run nothing.
    expect(await leaseA.check()).toEqual({ held: false, taken: false });
    await b.stop();
    // b gave the lease up as it stopped.
    expect(await getLease(handle.db, SCHEDULER_LEASE)).toBeUndefined();
  });
});

describe('the lease on PGlite', () => {
  it('is simply held: the one process that may open the database', async () => {
    const handle = await openTestDb('pglite');
    try {
      const lease = createSchedulerLease({ db: handle.db, logger: pino({ level: 'silent' }), now: () => new Date(), shared: false });
      expect(await lease.check()).toEqual({ held: true, taken: true });
      expect(await lease.check()).toEqual({ held: true, taken: false });
      expect(await getLease(handle.db, SCHEDULER_LEASE)).toBeUndefined();
    } finally {
      await handle.close();
    }
  });
});
