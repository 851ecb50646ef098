/**
 * What the shared send pace (db/send-pace.ts) costs a message on PostgreSQL: one reserve and one
 * release, for a Telegram group's three keys (overall, chat, group), each message to another chat
 * so nothing waits; then one delivery service sending 389 messages to as many groups (the
 * national briefing's chats) to a Bot API stand-in enforcing Telegram's limits, with and without
 * the shared pace, against the least time the limits allow.
 * `npx tsx scripts/bench-send-pace.ts [count]` (BENCH_DATABASE_URL as the other benches).
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDb, type DbHandle } from '../db/client.ts';
import { releasePace, reservePace } from '../db/send-pace.ts';
import { enqueue } from '../jobs/outbox.ts';
import { leastTelegramTimeMs } from '../jobs/pacing.ts';
import { createDelivery } from '../jobs/senders/index.ts';
import { createSharedPace } from '../jobs/shared-pace.ts';
import { platformSenders } from '../server/platforms.ts';
import { startChatApiStandIn } from '../test/helpers/chat-api-stand-in.ts';
import { describeTimes, withThrowawayDatabase } from './bench-kit.ts';

const count = Number(process.argv[2] ?? 2000);

await withThrowawayDatabase('thads_bench_pace', 'send pace', async (url) => {
  const handle = await createDb({ databaseUrl: url, pgliteDir: '' });
  try {
    const reserve: number[] = [];
    const release: number[] = [];
    for (let i = 0; i < count; i++) {
      const chat = `-${1000 + (i % 400)}`;
      // Telegram's counts (the rows hold as many times), windows of 0 ms so that this loop never waits: only the statements are timed.
      const limits = [
        { key: 'telegram', max: 30, windowMs: 0 },
        { key: `telegram:${chat}`, max: 1, windowMs: 0 },
        { key: `telegram-group:${chat}`, max: 20, windowMs: 0 },
      ];
      let t = performance.now();
      const r = await reservePace(handle.db, limits, 35_000);
      reserve.push(performance.now() - t);
      if (!r.reserved) throw new Error('unexpected wait');
      t = performance.now();
      await releasePace(handle.db, limits.map((l) => l.key), r.token);
      release.push(performance.now() - t);
    }
    // The first 400 create their chats' rows; the rest are what a running server pays.
    console.log(`[send pace] ${count} messages, reserve: ${describeTimes(reserve.slice(400))}; release: ${describeTimes(release.slice(400))}`);
    for (const shared of [false, true, false, true]) await deliver(handle, shared);
  } finally {
    await handle.close();
  }
});

/** One service sends 389 messages to 389 groups; prints the time against the least the limits allow. */
async function deliver(handle: DbHandle, shared: boolean): Promise<void> {
  const standIn = await startChatApiStandIn({ enforceTelegramLimits: true });
  try {
    await handle.db.execute(sql`delete from deliveries`);
    await handle.db.execute(sql`delete from send_pace`);
    const chats = Array.from({ length: 389 }, (_, i) => String(-5000 - i));
    await enqueue(
      handle.db,
      chats.map((chatId) => ({ job: 'bench', destination: { platform: 'telegram', chatId }, period: 'p', locale: 'vi', reply: { blocks: [{ kind: 'text', text: chatId }] } })),
      new Date(),
    );
    const delivery = createDelivery(
      { db: handle.db, logger: pino({ level: 'silent' }), config: { defaultLocale: 'vi' }, senders: platformSenders({ defaultLocale: 'vi', telegram: { token: '1:bench', apiRoot: standIn.telegramApiRoot } }) },
      { pace: shared ? createSharedPace(handle.db) : false },
    );
    const started = performance.now();
    await delivery.drainAll();
    const ms = performance.now() - started;
    const least = leastTelegramTimeMs(new Map(chats.map((c) => [c, 1])));
    console.log(
      `[send pace] 389 groups, one service, ${shared ? 'shared pace' : 'process pace only'}: ${(ms / 1000).toFixed(2)} s, ` +
        `least ${(least / 1000).toFixed(2)} s, ratio ${(ms / least).toFixed(3)}; arrived ${standIn.arrivals.length}; 429 answers ${standIn.limitViolations}`,
    );
  } finally {
    await standIn.close();
  }
}
