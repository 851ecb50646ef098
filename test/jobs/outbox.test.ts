import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from '../../db/client.ts';
import { CLAIM_LEASE_MS, claimDue, countByStatus, expireStale, MAX_DELIVERY_AGE_MS, markProgress, markRetry, markSent } from '../../db/outbox.ts';
import { deliveries } from '../../db/schema.ts';
import { enqueue, readPayload } from '../../jobs/outbox.ts';
import { RateLimiter } from '../../jobs/pacing.ts';
import { drainOutbox } from '../../jobs/senders/drain.ts';
import { createTelegramSender } from '../../bot/telegram/sender.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

const silent = pino({ level: 'silent' });

function planned(chatId: string, period = '2026-W48', text = `Briefing for ${chatId}`): PlannedMessage {
  return {
    job: 'test-briefing',
    destination: { platform: 'telegram', chatId },
    period,
    locale: 'vi',
    reply: { title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text }] },
  };
}

describe.each(drivers)('the outbox on %s', (driver) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.delete(deliveries);
  });

  it('keeps one row per job, destination and period, however often it is planned', async () => {
    const first = await enqueue(handle.db, [planned('-1'), planned('-2'), planned('-2')]);
    expect(first).toEqual({ added: 2, existing: 1 });
    const again = await enqueue(handle.db, [planned('-1'), planned('-2'), planned('-1', '2026-W49')]);
    expect(again).toEqual({ added: 1, existing: 2 });
    const rows = await handle.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => `${r.destination} ${r.period} ${r.status}`)).toEqual(['-1 2026-W48 pending', '-2 2026-W48 pending', '-1 2026-W49 pending']);
    expect(readPayload(rows[0]!)).toEqual({ reply: planned('-1').reply, locale: 'vi', mentions: [] });
  });

  it('gives up, with the reason, a message still unsent a day after it was planned', async () => {
    const planned0 = new Date('2026-11-23T00:30:00Z');
    await enqueue(handle.db, [planned('-1'), planned('-2')], planned0);
    await enqueue(handle.db, [planned('-3')], new Date(planned0.getTime() + 2 * 3_600_000));
    await claimDue(handle.db, 'telegram', 1, planned0); // -1 is in flight
    const dayLater = new Date(planned0.getTime() + MAX_DELIVERY_AGE_MS + 60_000);
    expect(await expireStale(handle.db, 'slack', dayLater)).toBe(0);
    // -1's lease has long run out (its sender died): given up too; -3 is not a day old yet.
    expect(await expireStale(handle.db, 'telegram', dayLater)).toBe(2);
    const rows = await handle.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => `${r.destination} ${r.status}`)).toEqual(['-1 failed', '-2 failed', '-3 pending']);
    expect(rows[0]!.lastError).toBe('expired: not sent within 24 h of being planned');
  });

  it('gives each due row to one claim, and a row left sending back after its lease', async () => {
    const now = new Date('2026-11-23T00:30:00Z');
    await enqueue(handle.db, [planned('-1'), planned('-2'), planned('-3')], now);
    const first = await claimDue(handle.db, 'telegram', 2, now);
    const second = await claimDue(handle.db, 'telegram', 5, now);
    expect(first.map((r) => r.destination)).toEqual(['-1', '-2']);
    expect(second.map((r) => r.destination)).toEqual(['-3']);
    expect(first.every((r) => r.status === 'sending' && r.attempts === 1)).toBe(true);
    expect(await claimDue(handle.db, 'telegram', 5, now)).toEqual([]);
    expect(await claimDue(handle.db, 'slack', 5, new Date(now.getTime() + 2 * CLAIM_LEASE_MS))).toEqual([]);
    // A sender that died holding rows: after the lease they are due again, as a new try.
    const later = new Date(now.getTime() + CLAIM_LEASE_MS + 1);
    const reclaimed = await claimDue(handle.db, 'telegram', 5, later);
    expect(reclaimed.map((r) => [r.destination, r.attempts])).toEqual([['-1', 2], ['-2', 2], ['-3', 2]]);
    // The first sender comes back late: its claim is gone, so it records nothing over the second's.
    expect(await markSent(handle.db, first[0]!, ['7'], later)).toBe(false);
    expect(await markRetry(handle.db, first[1]!, later, '502 Bad Gateway', { counted: true })).toBe(false);
    expect(await markProgress(handle.db, first[0]!, ['7'])).toBe(false);
    expect(await markSent(handle.db, reclaimed[0]!, ['8'], later)).toBe(true);
    const rows = await handle.db.select().from(deliveries).orderBy(deliveries.id);
    expect(rows.map((r) => `${r.destination} ${r.status} ${r.attempts} ${r.externalId ?? ''}`)).toEqual(['-1 sent 2 8', '-2 sending 2 ', '-3 sending 2 ']);
  });

  it('gives back the try a 429 took, and keeps the one a failure took', async () => {
    const now = new Date('2026-11-23T00:30:00Z');
    await enqueue(handle.db, [planned('-1'), planned('-2')], now);
    const [a, b] = await claimDue(handle.db, 'telegram', 2, now);
    const at = new Date(now.getTime() + 5000);
    await markRetry(handle.db, a!, at, '429 Too Many Requests', { counted: false });
    await markRetry(handle.db, b!, at, '502 Bad Gateway', { counted: true });
    expect(await claimDue(handle.db, 'telegram', 5, now)).toEqual([]);
    const again = await claimDue(handle.db, 'telegram', 5, at);
    expect(again.map((r) => [r.destination, r.attempts, r.lastError])).toEqual([
      ['-1', 1, '429 Too Many Requests'],
      ['-2', 2, '502 Bad Gateway'],
    ]);
  });
});

describe.each(drivers)('two senders draining one outbox on %s', (driver) => {
  let handle: TestDb;
  let second: DbHandle;
  let standIn: ChatApiStandIn;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    // On PostgreSQL a second pool, as a second server process would have; PGlite is one connection.
    second = handle.url ? await createDb({ databaseUrl: handle.url, pgliteDir: '', migrate: false }) : handle;
    standIn = await startChatApiStandIn();
  });
  afterAll(async () => {
    if (second !== handle) await second.close();
    await handle.close();
    await standIn.close();
  });
  afterEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
  });

  it('deliver each message exactly once between them', async () => {
    const chats = Array.from({ length: 80 }, (_, i) => String(-1000 - i));
    await enqueue(handle.db, chats.map((c) => planned(c)));
    const drain = (db: DbHandle['db']) =>
      drainOutbox(createTelegramSender({ token: '1:test', apiRoot: standIn.telegramApiRoot }), {
        db,
        limiter: new RateLimiter(),
        logger: silent,
        defaultLocale: 'vi',
        concurrency: 6,
      });
    const [a, b] = await Promise.all([drain(handle.db), drain(second.db)]);
    expect(a.sent + b.sent).toBe(80);
    if (driver === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
    expect(standIn.arrivals.map((x) => x.chatId).sort()).toEqual([...chats].sort());
    expect(await countByStatus(handle.db)).toMatchObject({ sent: 80, pending: 0, sending: 0 });
  });
});
