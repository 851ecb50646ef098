import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import {
  clearDialogue,
  DIALOGUE_TTL_MS,
  type DialogueKey,
  getDialogue,
  pruneDialogues,
  setDialogue,
  takeDialogue,
} from '../../db/dialogues.ts';
import { dialogues } from '../../db/schema.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit } from '../helpers/fixtures.ts';

const t0 = new Date('2026-11-23T02:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(drivers)('dialogues on %s', (driver) => {
  let handle: TestDb;
  let db: Db;
  let staffId: number;
  let otherStaffId: number;
  let n = 0;
  /** A fresh chat per test, so tests do not see each other's dialogues. */
  const key = (): DialogueKey => ({ platform: 'telegram', chatId: `chat-${++n}`, accountId: '42', staffId });

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    const unitId = await addUnit(db, 'D1', 'local');
    staffId = await addStaff(db, 'D1-CHV01', unitId);
    otherStaffId = await addStaff(db, 'D1-CHV02', unitId);
  });
  afterAll(() => handle.close());

  it('keeps a state per account and chat, replaced by the next step', async () => {
    const k = key();
    expect(await getDialogue(db, k, t0)).toBeNull();
    await setDialogue(db, k, { case: 'C-1', line: 'capnhat C-1 thu ?' }, t0);
    await setDialogue(db, { ...k, accountId: '43' }, { case: 'C-9' }, t0);
    expect(await getDialogue(db, k, t0)).toEqual({ case: 'C-1', line: 'capnhat C-1 thu ?' });
    await setDialogue(db, k, { case: 'C-1', pending: { action: 'thu', amount: 5_000_000_000 } }, later(1000));
    expect(await getDialogue(db, k, later(1000))).toEqual({ case: 'C-1', pending: { action: 'thu', amount: 5_000_000_000 } });
    expect(await getDialogue(db, { ...k, chatId: 'elsewhere' }, t0)).toBeNull();
    expect(await getDialogue(db, { ...k, accountId: '43' }, t0)).toEqual({ case: 'C-9' });
  });

  it('treats an expired dialogue as absent, and each step restarts the clock', async () => {
    const k = key();
    await setDialogue(db, k, { case: 'C-2' }, t0);
    expect(await getDialogue(db, k, later(DIALOGUE_TTL_MS - 1))).not.toBeNull();
    expect(await getDialogue(db, k, later(DIALOGUE_TTL_MS))).toBeNull();
    await setDialogue(db, k, { case: 'C-2', line: 'x' }, later(DIALOGUE_TTL_MS));
    expect(await getDialogue(db, k, later(DIALOGUE_TTL_MS + 60_000))).toEqual({ case: 'C-2', line: 'x' });
  });

  it('does not hand a dialogue to another staff member after the account is re-linked', async () => {
    const k = key();
    await setDialogue(db, k, { case: 'C-3' }, t0);
    expect(await getDialogue(db, { ...k, staffId: otherStaffId }, t0)).toBeNull();
    expect(await takeDialogue(db, { ...k, staffId: otherStaffId }, { case: 'C-3' }, t0)).toBeNull();
    // The new holder starting a dialogue replaces the old one rather than failing on the key.
    await setDialogue(db, { ...k, staffId: otherStaffId }, { case: 'C-4' }, t0);
    expect(await getDialogue(db, { ...k, staffId: otherStaffId }, t0)).toEqual({ case: 'C-4' });
    expect(await getDialogue(db, k, t0)).toBeNull();
  });

  it('clears one dialogue, or only the one about a given case', async () => {
    const k = key();
    await setDialogue(db, k, { case: 'C-5' }, t0);
    expect(await clearDialogue(db, k, { case: 'C-6' })).toBe(false);
    expect(await getDialogue(db, k, t0)).not.toBeNull();
    expect(await clearDialogue(db, k, { case: 'C-5' })).toBe(true);
    expect(await clearDialogue(db, k)).toBe(false);
    expect(await getDialogue(db, k, t0)).toBeNull();
  });

  it('gives a pending state to exactly one of several takers, and only while it matches and lives', async () => {
    const k = key();
    const pending = { case: 'C-7', pending: { action: 'thu', amount: 1_500_000 } };
    await setDialogue(db, k, { ...pending, line: 'capnhat C-7 thu ?' }, t0);
    expect(await takeDialogue(db, k, { case: 'C-7', pending: { action: 'thu', amount: 1_000_000 } }, t0)).toBeNull();
    expect(await takeDialogue(db, k, pending, later(DIALOGUE_TTL_MS))).toBeNull();
    const takes = await Promise.all([1, 2, 3].map(() => takeDialogue(db, k, pending, t0)));
    expect(takes.filter((s) => s !== null)).toEqual([{ ...pending, line: 'capnhat C-7 thu ?' }]);
    expect(await getDialogue(db, k, t0)).toBeNull();
  });

  it('puts the dialogue back when the transaction that took it fails', async () => {
    const k = key();
    const pending = { case: 'C-8', pending: { action: 'trangthai', status: 'postponed' } };
    await setDialogue(db, k, pending, t0);
    const failed = await db
      .transaction(async (tx) => {
        expect(await takeDialogue(tx, k, pending, t0)).not.toBeNull();
        throw new Error('refused');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('refused');
    expect(await getDialogue(db, k, t0)).toEqual(pending);
  });

  it('prunes expired dialogues only', async () => {
    const live = key();
    const stale = key();
    await setDialogue(db, stale, { case: 'old' }, t0);
    await setDialogue(db, live, { case: 'new' }, later(DIALOGUE_TTL_MS));
    const before = (await db.select({ n: count() }).from(dialogues))[0]!.n;
    expect(await pruneDialogues(db, later(DIALOGUE_TTL_MS))).toBeGreaterThanOrEqual(1);
    const after = (await db.select({ n: count() }).from(dialogues))[0]!.n;
    expect(after).toBeLessThan(before);
    expect(await getDialogue(db, live, later(DIALOGUE_TTL_MS))).toEqual({ case: 'new' });
  });
});
