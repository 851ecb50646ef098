import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../db/outbox.ts';
import { chatIdentities } from '../../db/schema.ts';
import { removeUnitChannel, setUnitChannel } from '../../db/unit-channels.ts';
import { NOTICES_JOB, planUnreachableNotice } from '../../jobs/outbox-notices.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';

/** An outbox row of the weekly briefing that bounced from `destination`. */
const bounced = (platform: Delivery['platform'], destination: string, job = 'weekly-briefing') =>
  ({ id: 1, job, platform, destination, period: '2026-W48', attempts: 1 }) as Delivery;

const where = (planned: { job: string; destination: { platform: string; chatId: string }; period: string }[]) =>
  planned.map((p) => `${p.job} ${p.destination.platform}:${p.destination.chatId} ${p.period}`);

describe.each(drivers)('who is told of an unreachable chat, on %s', (driver) => {
  let handle: TestDb;
  let province: number;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    // Province P (Telegram group -100) and its unit L1 (-101, C101); the head is linked on Slack only.
    province = await addUnit(handle.db, 'P', 'province');
    const l1 = await addUnit(handle.db, 'L1', 'local', 'P');
    await setChannels(handle.db, province, { telegram: '-100' });
    await setChannels(handle.db, l1, { telegram: '-101', slack: 'C101' });
    const head = await addStaff(handle.db, 'P-HEAD', province, 'province_head');
    await handle.db.insert(chatIdentities).values({ platform: 'slack', externalId: 'U777', staffId: head, source: 'import' });
  });
  afterAll(() => handle.close());

  it('tells the leaders linked on the platform, privately', async () => {
    const planned = await planUnreachableNotice(handle.db, bounced('slack', 'C101'), 'not_in_channel', 'vi');
    expect(where(planned)).toEqual([`${NOTICES_JOB} slack:U777 slack:C101`]);
  });

  it('with no leader linked there, the province’s own group, unless that is what bounced', async () => {
    expect(where(await planUnreachableNotice(handle.db, bounced('telegram', '-101'), 'kicked', 'vi'))).toEqual([`${NOTICES_JOB} telegram:-100 telegram:-101`]);
    expect(await planUnreachableNotice(handle.db, bounced('telegram', '-100'), 'kicked', 'vi')).toEqual([]);
  });

  it('prefers the province leaders’ group to its own, and falls back to its own when the leaders’ group bounced', async () => {
    await setUnitChannel(handle.db, province, 'telegram', '-109', 'leaders');
    try {
      const planned = await planUnreachableNotice(handle.db, bounced('telegram', '-101'), 'kicked', 'en');
      expect(where(planned)).toEqual([`${NOTICES_JOB} telegram:-109 telegram:-101`]);
      expect(planned[0]!.locale).toBe('en');
      expect(where(await planUnreachableNotice(handle.db, bounced('telegram', '-109'), 'kicked', 'vi'))).toEqual([`${NOTICES_JOB} telegram:-100 telegram:-109`]);
    } finally {
      await removeUnitChannel(handle.db, province, 'telegram', 'leaders');
    }
  });

  it('plans nothing for a bounced notice or a chat that is no one’s', async () => {
    expect(await planUnreachableNotice(handle.db, bounced('telegram', '-101', NOTICES_JOB), 'kicked', 'vi')).toEqual([]);
    expect(await planUnreachableNotice(handle.db, bounced('telegram', '-555'), 'kicked', 'vi')).toEqual([]);
  });
});
