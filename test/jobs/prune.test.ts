import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDue, markSent } from '../../db/outbox.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { deliveries, dialogues, processedUpdates, signInLinks, webSessions } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { pruneJob } from '../../jobs/schedule-prune.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';

const NOW = new Date('2026-11-23T20:15:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600_000);
const message = (chatId: string) => ({
  job: 'weekly-briefing',
  destination: { platform: 'telegram' as const, chatId },
  period: '2026-W20',
  locale: 'vi' as const,
  reply: { blocks: [{ kind: 'text' as const, text: 'Giao ban' }] },
});

describe.each(drivers)('the prune-records job on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(() => handle.close());

  it('forgets old update claims, expired dialogues and settled old deliveries, and nothing else', async () => {
    const { db } = handle;
    await claimUpdate(db, 'telegram', 'old', daysAgo(8));
    await claimUpdate(db, 'telegram', 'recent', daysAgo(6));
    const staffId = await addStaff(db, 'P-CHV', await addUnit(db, 'P1', 'local'));
    const dialogue = { platform: 'telegram' as const, accountId: '1', staffId, state: {} };
    await db.insert(dialogues).values([
      { ...dialogue, chatId: 'a', expiresAt: daysAgo(1) },
      { ...dialogue, chatId: 'b', expiresAt: new Date(NOW.getTime() + 3600_000) },
    ]);
    await enqueue(db, [message('-1'), message('-2')], daysAgo(200));
    await enqueue(db, [message('-3')], daysAgo(10));
    const [first] = await claimDue(db, 'telegram', 1, daysAgo(200));
    await markSent(db, first!, ['7'], daysAgo(200));

    const planned = await pruneJob.run(createJobDeps(db), NOW);
    expect(planned).toEqual([]);
    expect((await db.select().from(processedUpdates)).map((r) => r.updateId)).toEqual(['recent']);
    expect((await db.select().from(dialogues)).map((r) => r.chatId)).toEqual(['b']);
    // The old sent row goes; an old row never settled (pending) and a recent one stay.
    expect((await db.select().from(deliveries).orderBy(deliveries.id)).map((r) => `${r.destination} ${r.status}`)).toEqual(['-2 pending', '-3 pending']);
  });

  it('forgets sign-in links and web sessions a day after they ended, and keeps the others', async () => {
    const { db } = handle;
    const staffId = await addStaff(db, 'P-WEB', await addUnit(db, 'P2', 'local'));
    const hours = (n: number) => new Date(NOW.getTime() + n * 3600_000);
    await db.insert(signInLinks).values([
      { tokenHash: 'old', staffId, expiresAt: hours(-25) },
      { tokenHash: 'used-yesterday', staffId, expiresAt: hours(-23), usedAt: hours(-23.1) },
    ]);
    await db.insert(webSessions).values([
      { idHash: 'expired', staffId, createdAt: hours(-40), expiresAt: hours(-28) },
      { idHash: 'signed-out', staffId, createdAt: hours(-30), expiresAt: hours(6), revokedAt: hours(-26) },
      { idHash: 'signed-out-today', staffId, createdAt: hours(-3), expiresAt: hours(9), revokedAt: hours(-2) },
      { idHash: 'live', staffId, createdAt: hours(-1), expiresAt: hours(11) },
    ]);
    await pruneJob.run(createJobDeps(db), NOW);
    expect((await db.select().from(signInLinks)).map((r) => r.tokenHash)).toEqual(['used-yesterday']);
    expect((await db.select().from(webSessions)).map((r) => r.idHash).sort()).toEqual(['live', 'signed-out-today']);
  });
});
