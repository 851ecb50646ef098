import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLastSlot } from '../../db/job-runs.ts';
import { deliveries, jobRuns } from '../../db/schema.ts';
import { runJob } from '../../jobs/run-job.ts';
import { createDelivery } from '../../jobs/senders/index.ts';
import type { Job, PlannedMessage } from '../../jobs/types.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

/** A job whose body plans fixed messages for the ISO day of `now`: the body is not under test here. */
const testJob: Job = {
  name: 'test-digest',
  defaultSchedule: '0 8 * * *',
  workingDaysOnly: true,
  async run(_deps, now) {
    const period = now.toISOString().slice(0, 10);
    const message = (platform: 'telegram' | 'slack', chatId: string): PlannedMessage => ({
      job: 'test-digest',
      destination: { platform, chatId },
      period,
      locale: 'vi',
      reply: { title: `Bản tin ${period}`, blocks: [{ kind: 'text', text: `Gửi ${chatId}` }] },
    });
    return [message('telegram', '-11'), message('telegram', '-12'), message('telegram', '42'), message('slack', 'C1')];
  },
};

describe.each(drivers)('running a job on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  let deps: Deps;
  const slot = new Date('2026-11-23T01:00:00Z');

  beforeAll(async () => {
    handle = await openTestDb(driver);
    standIn = await startChatApiStandIn();
    // Telegram configured, Slack not: Slack's messages wait in the outbox.
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: '1:test', TELEGRAM_MODE: 'polling', TELEGRAM_API_ROOT: standIn.telegramApiRoot }).deps;
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

  it('plans, keeps, records the slot and delivers; the same slot again sends nothing', async () => {
    const first = await runJob(deps, testJob, slot);
    expect(first).toMatchObject({ added: 4, existing: 0, waiting: { slack: 1 } });
    expect(first.delivered.telegram).toMatchObject({ sent: 3, failed: 0 });
    expect(standIn.arrivals.map((a) => a.chatId).sort()).toEqual(['-11', '-12', '42']);
    expect(await getLastSlot(handle.db, 'test-digest')).toEqual(slot);

    const again = await runJob(deps, testJob, slot);
    expect(again).toMatchObject({ added: 0, existing: 4 });
    expect(again.delivered.telegram).toMatchObject({ sent: 0 });
    expect(standIn.arrivals).toHaveLength(3);
    const rows = await handle.db.select().from(deliveries);
    expect(rows.filter((r) => r.platform === 'slack').map((r) => r.status)).toEqual(['pending']);
  });

  it('a second process running the same slot at the same time sends each message once', async () => {
    const other = createDelivery(deps);
    const [a, b] = await Promise.all([runJob(deps, testJob, slot), runJob(deps, testJob, slot, { delivery: other })]);
    expect(a.added + b.added).toBe(4);
    expect(standIn.arrivals.map((x) => x.chatId).sort()).toEqual(['-11', '-12', '42']);
  });

  it('a by-hand run for an instant still to come does not record its slot', async () => {
    const future = new Date(Date.now() + 30 * 24 * 3600_000);
    await runJob(deps, testJob, slot);
    await runJob(deps, testJob, future, { deliver: false });
    // Otherwise the scheduler would take every slot until then as already run.
    expect(await getLastSlot(handle.db, 'test-digest')).toEqual(slot);
  });

  it('a dry run plans and writes nothing', async () => {
    const dry = await runJob(deps, testJob, slot, { dryRun: true });
    expect(dry.planned).toHaveLength(4);
    expect(dry.added).toBe(0);
    expect(await handle.db.select().from(deliveries)).toEqual([]);
    expect(await getLastSlot(handle.db, 'test-digest')).toBeUndefined();
    expect(standIn.arrivals).toEqual([]);
  });

  it('a run by hand for an older instant does not move the last slot back', async () => {
    await runJob(deps, testJob, slot, { deliver: false });
    await runJob(deps, testJob, new Date('2026-11-20T01:00:00Z'), { deliver: false });
    expect(await getLastSlot(handle.db, 'test-digest')).toEqual(slot);
  });
});
