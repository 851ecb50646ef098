/**
 * `/thads tomtat` through `POST /slack/events`: the server as `npm start` runs it (the demo
 * province; PGlite in memory, then PostgreSQL), Bolt's outgoing calls and the response URLs going
 * to a stand-in on loopback, and rounds of 50 signed commands posted at once (distinct trigger
 * ids, linked staff, each asking for their own unit). The goal is Slack's: the ack, p99 ≤ 300 ms.
 * The stand-in and the load generator run in a second process (scripts/bench-slack-load.ts).
 * Run alone with `npx tsx scripts/bench-slack.ts`; `npm run bench` runs it after the Telegram bench.
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { queryRows } from '../db/client.ts';
import { startServer } from '../server/start.ts';
import { describeTimes, percentile, runLoad, startLoadProcess, withThrowawayDatabase } from './bench-kit.ts';
import { record } from './bench-report.ts';
import type { SlackLoadPlan, SlackLoadResult } from './bench-slack-load.ts';

const TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_SLACK_ROUNDS ?? 6);

const describe = (times: number[]) => describeTimes(times, [50, 95, 99]);

/** Both drivers by default; `npm run bench -- --quick` asks for fewer rounds on PostgreSQL alone. */
export async function benchSlack(plan: { rounds?: number; pglite?: boolean } = {}): Promise<void> {
  const rounds = plan.rounds ?? ROUNDS;
  if (plan.pglite ?? true) await benchOn('PGlite', {}, rounds);
  await withThrowawayDatabase('thads_bench_slack', 'slack', (url) => benchOn('PostgreSQL', { DATABASE_URL: url }, rounds));
}

async function benchOn(label: string, dbEnv: Record<string, string>, ROUNDS: number): Promise<void> {
  const { child, standInUrl } = await startLoadProcess('./bench-slack-load.ts');
  const running = await startServer({
    env: { PGLITE_DIR: 'memory://', SEED_DEMO: 'always', PORT: '0', SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${standInUrl}/api/`, ...dbEnv },
    now: () => new Date('2026-11-23T03:00:00Z'),
    logger: pino({ level: 'error' }), // each unsigned request of the floor is a warning
  });
  try {
    // Every staff member of a local unit gets a Slack account (U + staff id).
    const { db, cache } = running.deps;
    await db.execute(sql`insert into chat_identities (platform, external_id, staff_id, source)
      select 'slack', 'U' || s.id::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
      where u.kind = 'local' and s.active`);
    // Written past the writers of db/: the cache is told, as they would tell it.
    cache.changed('people');
    const users = (await queryRows<{ id: string }>(db, sql`select external_id as id from chat_identities where platform = 'slack' order by id`)).map((r) => r.id);
    const { alone, ack, answered, floor } = await runLoad<SlackLoadPlan, SlackLoadResult>(child, { serverUrl: running.url, signingSecret: SECRET, users, rounds: ROUNDS, concurrent: CONCURRENT });
    console.log(`[slack] /thads tomtat through POST /slack/events, ${label}, ${users.length} linked staff of the demo's local units, ${ROUNDS} rounds of ${CONCURRENT} concurrent commands:`);
    console.log(`[slack]   ack (the HTTP answer): ${describe(ack)} (goal p99 ≤ 300 ms)`);
    console.log(`[slack]   until the answer reached the response URL: ${describe(answered)}`);
    console.log(`[slack]   one command at a time, until its answer: ${describe(alone)}`);
    console.log(`[slack]   for scale, the same rounds of unsigned requests refused at once (401): ${describe(floor)}`);
    const p99 = (times: number[]) => percentile([...times].sort((a, b) => a - b), 99);
    record({
      name: `Slack ack of /thads tomtat, ${CONCURRENT} concurrent, p99`,
      driver: label === 'PGlite' ? 'pglite' : 'postgres',
      value: p99(ack),
      floor: p99(floor),
      unit: 'ms',
      goal: 'p99 ≤ 300 ms',
      met: p99(ack) <= 300,
      note: `${ROUNDS} rounds of ${CONCURRENT}, p99 of all; floor: the same rounds of unsigned requests refused at once (401)`,
    });
  } finally {
    await running.stop();
    child.kill();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSlack();
