import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLastSlot } from '../../db/job-runs.ts';
import { runCronTick } from '../../jobs/cron-tick.ts';
import { createDelivery } from '../../jobs/senders/index.ts';
import type { Job, PlannedMessage } from '../../jobs/types.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

/** A working-days job at 08:00 in Ha Noi planning one message for its slot's day. */
const testJob: Job = {
  name: 'tick-digest',
  defaultSchedule: '0 8 * * *',
  workingDaysOnly: true,
  async run(_deps, now): Promise<PlannedMessage[]> {
    const period = now.toISOString().slice(0, 10);
    return [{ job: 'tick-digest', destination: { platform: 'telegram', chatId: '-21' }, period, locale: 'vi', reply: { title: `Tin ${period}`, blocks: [] } }];
  },
};

// What a Workers Cron Trigger does each minute (jobs/cron-tick.ts), here on Node's drivers.
describe.each(drivers)('a cron tick on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const tick = async (at: string, env: Record<string, string> = {}) => {
    const { deps } = createTestDeps(handle, { TELEGRAM_BOT_TOKEN: '1:t', TELEGRAM_MODE: 'polling', TELEGRAM_API_ROOT: standIn.telegramApiRoot, ...env });
    return runCronTick(deps, { jobs: [testJob], delivery: createDelivery(deps), at: new Date(at), drainUntil: Date.now() + 20_000 });
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    standIn = await startChatApiStandIn();
  });
  afterAll(async () => {
    await standIn.close();
    await handle.close();
  });

  it('does not run a job that never ran for a slot long past (a first deploy in the evening)', async () => {
    // Monday 23/11/2026 10:00 in Ha Noi: the 08:00 slot is two hours old.
    const result = await tick('2026-11-23T03:00:00Z');
    expect(result.ran).toEqual([]);
    expect(await getLastSlot(handle.db, 'tick-digest')).toBeUndefined();
  });

  it('runs and delivers the slot due at the trigger, then nothing more for it', async () => {
    const first = await tick('2026-11-24T01:00:00Z');
    expect(first.ran.map((r) => r.slot.toISOString())).toEqual(['2026-11-24T01:00:00.000Z']);
    expect(first.delivered.telegram?.sent).toBe(1);
    const again = await tick('2026-11-24T01:01:00Z');
    expect(again.ran).toEqual([]);
    expect(standIn.textsTo('-21')).toHaveLength(1);
  });

  it('skips a Saturday slot of a working-days job, and with JOBS=off only sends', async () => {
    expect((await tick('2026-11-28T01:00:00Z')).ran).toEqual([]);
    expect((await tick('2026-11-30T01:00:00Z', { JOBS: 'off' })).ran).toEqual([]);
    expect(await getLastSlot(handle.db, 'tick-digest')).toEqual(new Date('2026-11-24T01:00:00Z'));
  });
});
