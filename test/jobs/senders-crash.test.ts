import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, countByStatus } from '../../db/outbox.ts';
import { deliveries } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { type Clock, RateLimiter, systemClock } from '../../jobs/pacing.ts';
import { DEFAULT_MAX_IN_FLIGHT, drainOutbox } from '../../jobs/senders/drain.ts';
import { createTelegramSender } from '../../bot/telegram/sender.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { dieAtAnswer, loseDatabaseAtAnswer } from '../helpers/process-death.ts';

const chats = Array.from({ length: 70 }, (_, i) => String(-2000 - i));

const plan = (chatId: string): PlannedMessage => ({
  job: 'weekly-briefing',
  destination: { platform: 'telegram', chatId },
  period: '2026-W48',
  locale: 'vi',
  reply: { title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text: `Số liệu của ${chatId}` }] },
});

describe.each(drivers)('a sender killed mid-delivery on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const drain = (db: TestDb['db'], fetch: typeof globalThis.fetch, clock: Clock = systemClock) =>
    drainOutbox(createTelegramSender({ token: '1:test', apiRoot: standIn.telegramApiRoot, fetch }), {
      db,
      limiter: new RateLimiter(clock),
      logger: pino({ level: 'silent' }),
      defaultLocale: 'vi',
      clock,
    });

  /** Another sender, once the lease has run out, delivers what the first left; returns the parts that arrived twice. */
  const drainAfterLease = async () => {
    const afterLease: Clock = { now: () => Date.now() + CLAIM_LEASE_MS + 1000, sleep: systemClock.sleep };
    await drain(handle.db, fetch, afterLease);
    const arrivals = standIn.arrivals.map((a) => a.chatId);
    expect(new Set(arrivals)).toEqual(new Set(chats));
    expect(await countByStatus(handle.db)).toMatchObject({ sent: chats.length, sending: 0, pending: 0 });
    return arrivals.length - new Set(arrivals).size;
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
    await standIn?.close();
    standIn = await startChatApiStandIn();
  });

  // The 1st answer comes back in the first burst of sends; the 31st once the first second is over.
  it.each([1, 31])('sends again after the lease at most the sends in flight, when it dies as answer %i comes back', async (answer) => {
    await enqueue(handle.db, chats.map(plan));
    const death = dieAtAnswer(handle.db, answer);
    void drain(death.db, death.fetch);
    await death.settled();
    const reached = new Set(standIn.arrivals.map((a) => a.chatId));
    expect(reached.size).toBeGreaterThanOrEqual(answer);
    const left = await handle.db.select().from(deliveries).where(eq(deliveries.status, 'sending'));
    const maybeSent = left.filter((row) => reached.has(row.destination));

    const duplicates = await drainAfterLease();
    // The answer the process died reading was delivered and never recorded: it goes twice.
    expect(duplicates).toBe(maybeSent.length);
    expect(duplicates).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT);
  });

  it('stops sending when it loses its database, so that no more than the sends in flight go twice', async () => {
    await enqueue(handle.db, chats.map(plan));
    const loss = loseDatabaseAtAnswer(handle.db, 31);
    await expect(drain(loss.db, loss.fetch)).rejects.toThrow('connection lost');
    await loss.settled();
    expect(standIn.arrivals.length).toBeGreaterThanOrEqual(31);
    const duplicates = await drainAfterLease();
    expect(duplicates).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT);
  });
});
