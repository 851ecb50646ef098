import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByStatus } from '../../db/outbox.ts';
import { releasePace, reservePace } from '../../db/send-pace.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { createDelivery } from '../../jobs/senders/index.ts';
import { createSharedPace } from '../../jobs/shared-pace.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { platformSenders } from '../../server/platforms.ts';
import { type ChatApiStandIn, startChatApiStandIn, telegramAnswers } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { paceViolations } from '../helpers/pace-check.ts';

const plan = (platform: 'telegram' | 'slack', chatId: string, n: number): PlannedMessage => ({
  job: 'weekly-briefing',
  destination: { platform, chatId },
  period: `2026-W48 U${n}`,
  locale: 'vi',
  reply: { title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text: `${chatId} #${n}` }] },
});

// 45 private chats with one message each, 3 groups with four each (units sharing a group), 2 Slack channels with three.
const planned: PlannedMessage[] = [
  ...Array.from({ length: 45 }, (_, i) => plan('telegram', String(5000 + i), i)),
  ...['-901', '-902', '-903'].flatMap((chat) => [1, 2, 3, 4].map((n) => plan('telegram', chat, n))),
  ...['C1', 'C2'].flatMap((channel) => [1, 2, 3].map((n) => plan('slack', channel, n))),
];

describe.each(drivers)('the send pace kept in the database, on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const deliveryService = (pace: boolean) =>
    createDelivery(
      {
        db: handle.db,
        logger: pino({ level: 'silent' }),
        config: { defaultLocale: 'vi' },
        senders: platformSenders({
          defaultLocale: 'vi',
          telegram: { token: '1:test', apiRoot: standIn.telegramApiRoot },
          slack: { token: 'xoxb-test', apiUrl: standIn.slackApiUrl },
        }),
      },
      { pace: pace ? createSharedPace(handle.db) : false },
    );

  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
    await handle.db.execute(sql`delete from send_pace`);
    await standIn?.close();
    standIn = await startChatApiStandIn();
  });

  it('reserves a place on every key at once, holds it while in flight, and dates it by the answer', async () => {
    const limits = [
      { key: 'k:all', max: 2, windowMs: 1000 },
      { key: 'k:chat', max: 1, windowMs: 1000 },
    ];
    const first = await reservePace(handle.db, limits, 30_000);
    expect(first.reserved).toBe(true);
    // The chat's one place is taken by a send not yet answered: wait for its answer.
    expect(await reservePace(handle.db, limits, 30_000)).toMatchObject({ reserved: false, inFlight: true });
    // Another chat is free: the overall key has a second place.
    expect((await reservePace(handle.db, [limits[0]!, { key: 'k:other', max: 1, windowMs: 1000 }], 30_000)).reserved).toBe(true);
    if (!first.reserved) throw new Error('unreachable');
    await releasePace(handle.db, ['k:all', 'k:chat'], first.token);
    // Answered now: the chat waits at most its window from now, and the overall key is full for as long.
    const after = await reservePace(handle.db, limits, 30_000);
    expect(after).toMatchObject({ reserved: false, inFlight: false });
    expect(after.reserved === false && after.waitMs <= 1000).toBe(true);
  });

  it('keeps two delivery services together within Telegram’s and Slack’s limits, each message once', async () => {
    await enqueue(handle.db, planned);
    const [a, b] = [deliveryService(true), deliveryService(true)];
    const [ra, rb] = await Promise.all([a.drainAll(), b.drainAll()]);
    const sent = (r: typeof ra) => (r.telegram?.sent ?? 0) + (r.slack?.sent ?? 0);
    // Both sent part of the outbox, and together all of it.
    expect(sent(ra)).toBeGreaterThan(0);
    expect(sent(rb)).toBeGreaterThan(0);
    expect(sent(ra) + sent(rb)).toBe(planned.length);
    expect(await countByStatus(handle.db)).toMatchObject({ sent: planned.length, pending: 0, sending: 0 });
    const texts = standIn.arrivals.map((x) => `${x.chatId} ${x.text}`);
    expect(new Set(texts).size).toBe(planned.length);
    expect(texts).toHaveLength(planned.length);
    expect(paceViolations(standIn.arrivals)).toEqual([]);
  });

  it('without it, two services each at full pace break the limits (what the shared pace prevents)', async () => {
    await enqueue(handle.db, planned);
    await Promise.all([deliveryService(false).drainAll(), deliveryService(false).drainAll()]);
    expect(standIn.arrivals).toHaveLength(planned.length);
    expect(paceViolations(standIn.arrivals).length).toBeGreaterThan(0);
  });

  it('a 429 to one service holds the other’s sends to that chat for retry_after', async () => {
    standIn.script('-901', telegramAnswers.tooMany(2));
    await enqueue(handle.db, planned.filter((p) => p.destination.chatId === '-901'));
    // Two rows held at a time: each service holds some of that chat's rows.
    const results = await Promise.all([deliveryService(true).drainAll({ concurrency: 2 }), deliveryService(true).drainAll({ concurrency: 2 })]);
    expect(results.map((r) => r.telegram?.sent ?? 0).every((n) => n > 0)).toBe(true);
    const refused = standIn.requests.find((r) => r.status === 429)!;
    expect(refused).toBeDefined();
    const after = standIn.arrivals.filter((x) => x.chatId === '-901');
    expect(after).toHaveLength(4);
    // No send to that chat, from either service, within retry_after of the 429 (a few ms spared for timer granularity).
    for (const x of after) expect(x.at - refused.at).toBeGreaterThanOrEqual(1995);
  });
});
