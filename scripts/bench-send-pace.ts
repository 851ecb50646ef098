/**
 * What the shared send pace (db/send-pace.ts) costs a message on PostgreSQL: one reserve and one
 * release, for a Telegram group's three keys (overall, chat, group), each message to another chat
 * so nothing waits. `npx tsx scripts/bench-send-pace.ts [count]` (BENCH_DATABASE_URL as the other benches).
 */
import { createDb } from '../db/client.ts';
import { releasePace, reservePace } from '../db/send-pace.ts';
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
  } finally {
    await handle.close();
  }
});
