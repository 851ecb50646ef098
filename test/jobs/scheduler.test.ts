import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getLastSlot, recordSlot } from '../../db/job-runs.ts';
import { jobRuns } from '../../db/schema.ts';
import { CronError } from '../../jobs/schedule.ts';
import { createScheduler } from '../../jobs/scheduler.ts';
import type { Job } from '../../jobs/types.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

/** Jobs whose bodies plan one message for the day they run for: the bodies are not under test. */
function testJob(name: string, schedule: string, workingDaysOnly: boolean): Job {
  return {
    name,
    defaultSchedule: schedule,
    workingDaysOnly,
    async run(_deps, now) {
      const period = now.toISOString();
      return [{ job: name, destination: { platform: 'telegram', chatId: '-77' }, period, locale: 'vi', reply: { blocks: [{ kind: 'text', text: `${name} ${period}` }] } }];
    },
  };
}
const weekly = testJob('test-weekly', '30 7 * * 1', false);
const daily = testJob('test-daily', '0 8 * * *', true);

describe('the scheduler (bree ticks, bodies on the main thread)', () => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const depsAt = (wall: string, env: Record<string, string> = {}) =>
    createTestDeps(
      handle,
      { LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '1:test', TELEGRAM_MODE: 'polling', TELEGRAM_API_ROOT: standIn.telegramApiRoot, ...env },
      () => new Date(`${wall}+07:00`),
    ).deps;

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    standIn = await startChatApiStandIn();
  });
  afterAll(async () => {
    await handle.close();
    await standIn.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
    await handle.db.delete(jobRuns);
    standIn.arrivals.length = 0;
  });

  it('runs a slot missed while it was down once on start, if not too late', async () => {
    await recordSlot(handle.db, 'test-weekly', new Date('2026-11-16T07:30:00+07:00'));
    const scheduler = createScheduler(depsAt('2026-11-23T09:00:00'), { jobs: [weekly, daily] });
    await scheduler.start();
    await scheduler.idle();
    await scheduler.stop();
    expect(standIn.textsTo('-77')).toEqual(['test-weekly 2026-11-23T00:30:00.000Z']);
    expect(await getLastSlot(handle.db, 'test-weekly')).toEqual(new Date('2026-11-23T07:30:00+07:00'));
    // test-daily never ran: it has missed nothing and starts at its next slot.
    expect(await getLastSlot(handle.db, 'test-daily')).toBeUndefined();

    // Started again 13 hours after the slot, past JOBS_CATCH_UP_HOURS=12: nothing more.
    await handle.db.delete(jobRuns);
    await recordSlot(handle.db, 'test-weekly', new Date('2026-11-16T07:30:00+07:00'));
    const late = createScheduler(depsAt('2026-11-23T20:31:00'), { jobs: [weekly] });
    await late.start();
    await late.idle();
    await late.stop();
    expect(standIn.arrivals).toHaveLength(1);
  });

  it('runs nothing from before its start for a job that never ran, at the first tick either', async () => {
    // A fresh database started at 14:51: that morning's 08:00 slot is not "missed", nor is Monday's 07:30.
    const afternoon = createScheduler(depsAt('2026-11-23T14:51:00'), { jobs: [weekly, daily] });
    await afternoon.start();
    await afternoon.trigger();
    await expect.poll(() => afternoon.ticks, { timeout: 10_000 }).toBe(1);
    await afternoon.idle();
    await afternoon.stop();
    expect(standIn.arrivals).toEqual([]);
    expect(await getLastSlot(handle.db, 'test-daily')).toBeUndefined();
    expect(await getLastSlot(handle.db, 'test-weekly')).toBeUndefined();

    // The next morning's slot is its first.
    const tomorrow = createScheduler(depsAt('2026-11-24T08:00:00'), { jobs: [daily] });
    await tomorrow.start();
    await tomorrow.trigger();
    await expect.poll(() => getLastSlot(handle.db, 'test-daily'), { timeout: 10_000 }).toEqual(new Date('2026-11-24T08:00:00+07:00'));
    await tomorrow.idle();
    await tomorrow.stop();
    expect(standIn.textsTo('-77')).toEqual(['test-daily 2026-11-24T01:00:00.000Z']);
  });

  it('runs the body when bree’s worker ticks, and skips a working-days job on a holiday', async () => {
    const monday = createScheduler(depsAt('2026-11-23T07:30:00'), { jobs: [weekly] });
    await monday.start();
    await monday.trigger();
    // The worker posts its tick asynchronously: wait until the run it caused is recorded.
    await expect.poll(() => getLastSlot(handle.db, 'test-weekly'), { timeout: 10_000 }).toEqual(new Date('2026-11-23T07:30:00+07:00'));
    await monday.idle();
    await monday.stop();
    expect(standIn.textsTo('-77')).toEqual(['test-weekly 2026-11-23T00:30:00.000Z']);

    // 17 February 2026 is Tết: the 08:00 slot does not exist for a working-days job.
    const tet = createScheduler(depsAt('2026-02-17T08:00:00'), { jobs: [daily] });
    await tet.start();
    await tet.trigger();
    await expect.poll(() => tet.ticks, { timeout: 10_000 }).toBe(1);
    await tet.idle();
    await tet.stop();
    expect(await getLastSlot(handle.db, 'test-daily')).toBeUndefined();
    const workday = createScheduler(depsAt('2026-02-23T08:00:01'), { jobs: [daily] });
    await workday.start();
    await workday.trigger();
    await expect.poll(() => getLastSlot(handle.db, 'test-daily'), { timeout: 10_000 }).toEqual(new Date('2026-02-23T08:00:00+07:00'));
    await workday.idle();
    await workday.stop();
  });

  it('reads every expression as `thads jobs list` does: 7 is Sunday, and day-of-month or day-of-week', async () => {
    const sunday = testJob('test-sunday', '0 8 * * 7', false);
    const firstOrMonday = testJob('test-first-or-monday', '0 9 1 * 1', false);
    // Sunday 22 November 2026, 08:00, and Monday 23 November, 09:00 (not the 1st).
    for (const [job, wall, slot] of [
      [sunday, '2026-11-22T08:00:00', '2026-11-22T08:00:00+07:00'],
      [firstOrMonday, '2026-11-23T09:00:00', '2026-11-23T09:00:00+07:00'],
    ] as const) {
      const scheduler = createScheduler(depsAt(wall, { JOBS_CATCH_UP_HOURS: '0' }), { jobs: [job] });
      await scheduler.start();
      await scheduler.trigger();
      await expect.poll(() => getLastSlot(handle.db, job.name), { timeout: 10_000 }).toEqual(new Date(slot));
      await scheduler.idle();
      await scheduler.stop();
    }
  });

  it('refuses a bad JOB_SCHEDULES naming the job', () => {
    expect(() => createScheduler(depsAt('2026-11-23T07:30:00', { JOB_SCHEDULES: '{"test-weekly":"30 25 * * 1"}' }), { jobs: [weekly] })).toThrow(
      /JOB_SCHEDULES of test-weekly: "30 25 \* \* 1": .*25 expected range 0-23/,
    );
    expect(() => createScheduler(depsAt('2026-11-23T07:30:00', { JOB_SCHEDULES: '{"weekly":"30 7 * * 1"}' }), { jobs: [weekly] })).toThrow(CronError);
  });
});
