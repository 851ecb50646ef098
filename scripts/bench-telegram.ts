/**
 * `tomtat` through the Telegram webhook: the server as `npm start` runs it (PGlite in memory,
 * the demo province), its outgoing Bot API calls going to a stand-in on loopback, and rounds of
 * 50 updates posted at once (distinct update ids, linked staff, each asking for their own unit).
 * The stand-in and the load generator run in a second process (scripts/bench-telegram-load.ts).
 * Run alone with `npx tsx scripts/bench-telegram.ts`; `npm run bench` runs it last.
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { queryRows } from '../db/client.ts';
import { startServer } from '../server/start.ts';
import { describeTimes, runLoad, startLoadProcess, withThrowawayDatabase } from './bench-kit.ts';
import type { LoadPlan, LoadResult } from './bench-telegram-load.ts';

const TOKEN = '100200:bench';
const SECRET = 'bench-secret';
const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_TELEGRAM_ROUNDS ?? 6);

const describe = (times: number[]) => describeTimes(times, [50, 95]);

export async function benchTelegram(): Promise<void> {
  await benchOn('PGlite', {});
  await withThrowawayDatabase('thads_bench_tg', 'telegram', (url) => benchOn('PostgreSQL', { DATABASE_URL: url }));
}

async function benchOn(label: string, dbEnv: Record<string, string>): Promise<void> {
  const { child, standInUrl } = await startLoadProcess('./bench-telegram-load.ts');
  const running = await startServer({
    env: { PGLITE_DIR: 'memory://', SEED_DEMO: 'always', PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: standInUrl, ...dbEnv },
    now: () => new Date('2026-11-23T03:00:00Z'),
    logger: pino({ level: 'warn' }),
  });
  try {
    // Every staff member of a local unit gets a Telegram account (user id 900000 + staff id).
    const { db, cache } = running.deps;
    await db.execute(sql`insert into chat_identities (platform, external_id, staff_id, source)
      select 'telegram', (900000 + s.id)::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
      where u.kind = 'local' and s.active`);
    // Written past the writers of db/: the cache is told, as they would tell it.
    cache.changed('people');
    const users = (await queryRows<{ id: string }>(db, sql`select external_id as id from chat_identities where platform = 'telegram' order by id`)).map((r) => Number(r.id));
    const { alone, webhook, handled } = await runLoad<LoadPlan, LoadResult>(child, { serverUrl: running.url, secret: SECRET, users, rounds: ROUNDS, concurrent: CONCURRENT });
    console.log(`[telegram] /tomtat through POST /telegram/webhook, ${label}, ${users.length} linked staff of the demo's local units, ${ROUNDS} rounds of ${CONCURRENT} concurrent updates:`);
    // The route answers once the update is handled (up to 8 s), so the two figures are close.
    console.log(`[telegram]   webhook response: ${describe(webhook)} (goal p95 ≤ 300 ms)`);
    console.log(`[telegram]   until the answer reached the Bot API stand-in: ${describe(handled)}`);
    console.log(`[telegram]   one update at a time, for comparison: ${describe(alone)}`);
  } finally {
    await running.stop();
    child.kill();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchTelegram();
