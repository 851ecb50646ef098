/**
 * `/thads tomtat` through `POST /slack/events`: the server as `npm start` runs it (the demo
 * province; PGlite in memory, then PostgreSQL), Bolt's outgoing calls and the response URLs going
 * to a stand-in on loopback, and rounds of 50 signed commands posted at once (distinct trigger
 * ids, linked staff, each asking for their own unit). The goal is Slack's: the ack, p99 ≤ 300 ms.
 * The stand-in and the load generator run in a second process (scripts/bench-slack-load.ts).
 * Run alone with `npx tsx scripts/bench-slack.ts`; `npm run bench` runs it after the Telegram bench.
 */
import { randomBytes } from 'node:crypto';
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { queryRows } from '../db/client.ts';
import { startServer } from '../server/start.ts';
import type { SlackLoadPlan, SlackLoadResult } from './bench-slack-load.ts';

const TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_SLACK_ROUNDS ?? 6);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function startLoadProcess(): Promise<{ child: ChildProcess; standInUrl: string }> {
  const child = fork(fileURLToPath(new URL('./bench-slack-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { type: string; url: string }) => resolve({ child, standInUrl: m.url }));
  });
}

function runLoad(child: ChildProcess, plan: SlackLoadPlan): Promise<SlackLoadResult> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: { type: 'done'; result: SlackLoadResult } | { type: 'failed'; error: string }) =>
      m.type === 'done' ? resolve(m.result) : reject(new Error(m.error)),
    );
    child.send({ type: 'run', plan });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const describe = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => percentile(s, p).toFixed(1);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
};

export async function benchSlack(): Promise<void> {
  await benchOn('PGlite', {});
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `thads_bench_slack_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.log(`[slack] PostgreSQL run skipped (${adminUrl}: ${(error as Error).message})`);
    await admin.end();
    return;
  }
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await benchOn('PostgreSQL', { DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function benchOn(label: string, dbEnv: Record<string, string>): Promise<void> {
  const { child, standInUrl } = await startLoadProcess();
  const running = await startServer({
    env: { PGLITE_DIR: 'memory://', SEED_DEMO: 'always', PORT: '0', SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${standInUrl}/api/`, ...dbEnv },
    now: () => new Date('2026-11-23T03:00:00Z'),
    logger: pino({ level: 'warn' }),
  });
  try {
    // Every staff member of a local unit gets a Slack account (U + staff id).
    const { db } = running.deps;
    await db.execute(sql`insert into chat_identities (platform, external_id, staff_id, source)
      select 'slack', 'U' || s.id::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
      where u.kind = 'local' and s.active`);
    const users = (await queryRows<{ id: string }>(db, sql`select external_id as id from chat_identities where platform = 'slack' order by id`)).map((r) => r.id);
    const { alone, ack, answered, floor } = await runLoad(child, { serverUrl: running.url, signingSecret: SECRET, users, rounds: ROUNDS, concurrent: CONCURRENT });
    console.log(`[slack] /thads tomtat through POST /slack/events, ${label}, ${users.length} linked staff of the demo's local units, ${ROUNDS} rounds of ${CONCURRENT} concurrent commands:`);
    console.log(`[slack]   ack (the HTTP answer): ${describe(ack)} (goal p99 ≤ 300 ms)`);
    console.log(`[slack]   until the answer reached the response URL: ${describe(answered)}`);
    console.log(`[slack]   one command at a time, until its answer: ${describe(alone)}`);
    console.log(`[slack]   for scale, the same rounds of unsigned requests refused at once (401): ${describe(floor)}`);
  } finally {
    await running.stop();
    child.kill();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchSlack();
