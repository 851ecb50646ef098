/**
 * `/tomtat` and `/trogiup` through `POST /telegram/webhook`, the app as `npm start` runs it (its
 * own process, the demo province, PostgreSQL or PGlite on disk), against the bare Hono + grammY
 * floor (scripts/bench-bare-server.ts), both answering through the same Bot API stand-in, under
 * autocannon in a third process (scripts/bench-webhook-load.ts). In each round every (level,
 * command) is run on the floor and on the app, back to back, in alternating order; the figures are
 * the medians over the rounds, the ratio the median of each round's req/s ratio. Resident memory
 * of both servers is read idle (after start) and after the load. With `profile`, the app is
 * started once more under --cpu-prof for its worst (command, 50 concurrent) and the top
 * functions by self time printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { queryRows } from '../db/client.ts';
import { startServer } from '../server/start.ts';
import { withThrowawayDatabase } from './bench-kit.ts';
import { type ServerProcess, startBotApiStandIn, startHelper, startServerProcess } from './bench-processes.ts';
import { profileUnderLoad } from './bench-profile.ts';
import { median, record } from './bench-report.ts';
import type { WebhookPlan, WebhookResult } from './bench-webhook-load.ts';

export interface WebhookBenchPlan {
  rounds: number;
  seconds: number;
  levels: number[];
  profile: boolean;
}

type Driver = 'postgres' | 'pglite';
const COMMANDS = ['tomtat', 'trogiup'] as const;
const TOKEN = '100200:bench';
const SECRET = 'bench-secret';
let nextUpdateId = 1;

/** Seeds the demo into the database of `dbEnv` with the app itself, links a Telegram account to each local unit's staff, returns their ids. */
async function prepare(dbEnv: Record<string, string>): Promise<number[]> {
  const running = await startServer({ env: { ...dbEnv, SEED_DEMO: 'always', PORT: '0', JOBS: 'off' }, logger: pino({ level: 'warn' }) });
  try {
    const { db } = running.deps;
    await db.execute(sql`insert into chat_identities (platform, external_id, staff_id, source)
      select 'telegram', (900000 + s.id)::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
      where u.kind = 'local' and s.active`);
    const rows = await queryRows<{ id: string }>(db, sql`select external_id as id from chat_identities where platform = 'telegram' order by id`);
    return rows.map((r) => Number(r.id));
  } finally {
    await running.stop();
  }
}

export async function benchWebhook(plan: WebhookBenchPlan): Promise<void> {
  const standIn = await startBotApiStandIn();
  const load = await startHelper('./bench-webhook-load.ts');
  try {
    await withThrowawayDatabase('thads_bench_webhook', 'webhook', (url) => benchOn('postgres', { DATABASE_URL: url }, plan, standIn.url, load.run));
    const dir = mkdtempSync(join(tmpdir(), 'thads-bench-pglite-'));
    try {
      await benchOn('pglite', { PGLITE_DIR: dir }, plan, standIn.url, load.run);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    load.child.kill();
    await standIn.close();
  }
}

type Run = (plan: WebhookPlan) => Promise<WebhookResult>;

async function benchOn(driver: Driver, dbEnv: Record<string, string>, plan: WebhookBenchPlan, apiRoot: string, run: Run): Promise<void> {
  console.log(`\n— Webhook on ${driver} (the demo province), against a bare Hono + grammY server`);
  const users = await prepare(dbEnv);
  const botEnv = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: apiRoot };
  const appEnv = { ...botEnv, ...dbEnv, JOBS: 'off', SEED_DEMO: 'never' };
  const bare = await startServerProcess('scripts/bench-bare-server.ts', botEnv);
  const app = await startServerProcess('server/node.ts', appEnv);
  const ratios: { key: string; command: string; ratio: number }[] = [];
  try {
    await settle();
    const idle = { app: app.rssMb(), bare: bare.rssMb() };
    const shoot = (server: ServerProcess, command: (typeof COMMANDS)[number], connections: number, seconds: number) => {
      const firstUpdateId = nextUpdateId;
      nextUpdateId += 10_000_000;
      return run({ url: server.url, secret: SECRET, users, command, connections, seconds, firstUpdateId });
    };
    for (const command of COMMANDS) {
      await shoot(bare, command, 50, 2);
      await shoot(app, command, 50, 2); // warm-up: JIT, query plans, connections
    }
    const results = new Map<string, { app: WebhookResult; bare: WebhookResult }[]>();
    for (let round = 0; round < plan.rounds; round++) {
      for (const level of plan.levels) {
        for (const command of COMMANDS) {
          const appFirst = (round + level) % 2 === 0;
          const a = appFirst ? await shoot(app, command, level, plan.seconds) : undefined;
          const b = await shoot(bare, command, level, plan.seconds);
          const a2 = a ?? (await shoot(app, command, level, plan.seconds));
          const key = `${command}|${level}`;
          results.set(key, [...(results.get(key) ?? []), { app: a2, bare: b }]);
        }
      }
    }
    const after = { app: app.rssMb(), bare: bare.rssMb() };
    for (const [key, rs] of results) {
      const [command, level] = key.split('|') as [string, string];
      const failures = rs.reduce((n, r) => n + r.app.non2xx + r.app.errors + r.app.timeouts, 0);
      const note = `${rs.length} rounds × ${plan.seconds} s; req/s per round ${rs.map((r) => r.app.reqPerSec.toFixed(0)).join('/')} vs floor ${rs.map((r) => r.bare.reqPerSec.toFixed(0)).join('/')}${failures ? `; ${failures} non-2xx, errors or timeouts` : ''}`;
      const ratio = median(rs.map((r) => r.app.reqPerSec / r.bare.reqPerSec));
      ratios.push({ key, command, ratio });
      const name = `/${command} through the webhook, ${level} concurrent`;
      record({ name: `${name}, req/s`, driver, value: median(rs.map((r) => r.app.reqPerSec)), floor: median(rs.map((r) => r.bare.reqPerSec)), ratio, unit: 'req/s', goal: '≥ 0.5× the floor', met: ratio >= 0.5, note });
      const p99 = median(rs.map((r) => r.app.p99));
      const at50 = level === '50';
      record({ name: `${name}, p50`, driver, value: median(rs.map((r) => r.app.p50)), floor: median(rs.map((r) => r.bare.p50)), unit: 'ms' });
      record({ name: `${name}, p99`, driver, value: p99, floor: median(rs.map((r) => r.bare.p99)), unit: 'ms', goal: at50 ? 'p99 ≤ 250 ms' : undefined, met: at50 ? p99 <= 250 : undefined });
    }
    const limit = driver === 'postgres' ? 150 : 300;
    for (const [when, rss] of [['idle (after start)', idle], ['after the load', after]] as const) {
      record({ name: `server RSS ${when}`, driver, value: rss.app, floor: rss.bare, unit: 'MB', goal: `≤ ${limit} MB`, met: rss.app <= limit, note: 'node --import tsx server/node.ts, JOBS=off; floor: the bare server' });
    }
  } finally {
    await app.stop();
    await bare.stop();
  }
  if (plan.profile) {
    const worst = ratios.filter((r) => r.key.endsWith('|50')).sort((a, b) => a.ratio - b.ratio)[0];
    if (worst) {
      console.log(`\n— CPU profile of the app on ${driver}, /${worst.command} at 50 concurrent (its worst ratio, ${worst.ratio.toFixed(2)}×)`);
      const command = worst.command as (typeof COMMANDS)[number];
      const shootFor = (seconds: number) => (server: ServerProcess) =>
        run({ url: server.url, secret: SECRET, users, command, connections: 50, seconds, firstUpdateId: (nextUpdateId += 10_000_000) }).then(() => {});
      await profileUnderLoad(appEnv, shootFor(3), shootFor(plan.seconds * 2), `${driver}-${command}`);
    }
  }
}

/** A few seconds for start-up garbage to be collected before "idle" is read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
