import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countByStatus } from '../../db/outbox.ts';
import { deliveries } from '../../db/schema.ts';
import { type ChatApiStandIn, startChatApiStandIn } from '../helpers/chat-api-stand-in.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { addUnit, setChannels } from '../helpers/fixtures.ts';
import { paceViolations } from '../helpers/pace-check.ts';

// Two real servers (`npm start`'s entry) with JOBS=on against one PostgreSQL, sending to a Bot
// API stand-in that answers 429 to whatever exceeds Telegram's limits, as Telegram would.
const root = join(import.meta.dirname, '../..');
// Units sharing two groups come first: the instance that plans holds its first 32 rows, all in
// those two groups, for several seconds at 1 a second per chat, so the other's sender loop finds
// rows left, and both send to the same chats.
const SHARED_GROUPS = ['-9001', '-9002'];
const UNITS_PER_SHARED_GROUP = 20;
const OWN_GROUP_UNITS = 60;

interface Server {
  name: string;
  process: ChildProcess;
  logs: () => Record<string, unknown>[];
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(name: string, env: Record<string, string>): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    // Only what the test sets: an outer DATABASE_URL or token must not leak into these starts.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = () =>
    err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { name, process: child, logs, output: () => `${name} stdout:\n${out}\n${name} stderr:\n${err}`, exited };
}

/** What one server's sender loops sent, by its own logs. */
const sentBy = (server: Server) =>
  server
    .logs()
    .filter((l) => l.msg === 'outbox drained')
    .reduce((n, l) => n + Number((l.results as { telegram?: { sent?: number } } | undefined)?.telegram?.sent ?? 0), 0);

describe('two server processes with jobs on against one PostgreSQL', () => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const servers: Server[] = [];

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) throw new Error('test/faults/two-instances.test.ts needs DATABASE_URL: several instances share a PostgreSQL server, never PGlite');
    handle = await openTestDb('postgres');
    standIn = await startChatApiStandIn({ enforceTelegramLimits: true });
    // A province with its group; local units sharing three groups (each unit its own briefing),
    // and units each with their own group: a briefing of one message per unit, two for the province.
    const province = await addUnit(handle.db, 'P', 'province');
    await setChannels(handle.db, province, { telegram: '-9000' });
    let n = 0;
    for (const group of SHARED_GROUPS) {
      for (let i = 0; i < UNITS_PER_SHARED_GROUP; i++) await setChannels(handle.db, await addUnit(handle.db, `S${++n}`, 'local', 'P'), { telegram: group });
    }
    for (let i = 0; i < OWN_GROUP_UNITS; i++) await setChannels(handle.db, await addUnit(handle.db, `O${i}`, 'local', 'P'), { telegram: String(-9100 - i) });
  });
  afterAll(async () => {
    for (const s of servers) if (s.process.exitCode === null) s.process.kill('SIGKILL');
    await handle?.close();
    await standIn?.close();
  });

  it('runs the briefing once, delivers each message once, and both together keep Telegram’s limits', async () => {
    // The briefing's slot: a minute at least 45 s away, so that both instances are up before it comes.
    const slot = new Date(Math.ceil((Date.now() + 45_000) / 60_000) * 60_000);
    const env = {
      DATABASE_URL: handle.url!,
      PORT: '0',
      HOST: '127.0.0.1',
      JOBS: 'on',
      SEED_DEMO: 'never',
      TZ_APP: 'UTC',
      JOB_SCHEDULES: JSON.stringify({ 'weekly-briefing': `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *` }),
      TELEGRAM_BOT_TOKEN: '1:test',
      TELEGRAM_WEBHOOK_SECRET: 'two-instances-secret',
      TELEGRAM_API_ROOT: standIn.telegramApiRoot,
      LOG_LEVEL: 'debug',
    };
    servers.push(startServer('first', env), startServer('second', env));
    const started = (s: Server) => s.logs().some((l) => l.msg === 'scheduler started');
    while (!servers.every(started)) {
      if (servers.some((s) => s.process.exitCode !== null)) throw new Error(servers.map((s) => s.output()).join('\n'));
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Date.now(), 'both instances up before the slot').toBeLessThan(slot.getTime());
    const expected = 1 + SHARED_GROUPS.length * UNITS_PER_SHARED_GROUP + OWN_GROUP_UNITS;
    // Everything planned is sent (or the test says what each server printed).
    const deadline = slot.getTime() + 120_000;
    for (;;) {
      const counts = await countByStatus(handle.db, 'weekly-briefing');
      if (counts.sent === expected) break;
      const dead = servers.find((s) => s.process.exitCode !== null);
      if (dead || Date.now() > deadline) throw new Error(`not delivered: ${JSON.stringify(counts)}\n${servers.map((s) => s.output()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const s of servers) s.process.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);

    // One instance took the lease and ran the body; the other never did.
    const ran = servers.map((s) => s.logs().filter((l) => l.msg === 'job ran' && l.job === 'weekly-briefing').length);
    const took = servers.map((s) => s.logs().some((l) => l.msg === 'took the scheduler lease: this instance runs the jobs'));
    expect(took.filter(Boolean)).toHaveLength(1);
    expect(ran[took.indexOf(false)]).toBe(0);
    expect(ran[took.indexOf(true)]).toBe(1);

    // Each message once: the province's ranking and chart, one briefing per unit in its group.
    const rows = await handle.db.select().from(deliveries).where(sql`${deliveries.job} = 'weekly-briefing'`);
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const arrivals = standIn.arrivals;
    // A row's parts (the province's ranking is long: its text in two messages, then its chart) are its message ids.
    const parts = rows.flatMap((r) => (r.externalId ?? '').split(','));
    expect(arrivals).toHaveLength(parts.length);
    expect(new Set(arrivals.map((a) => a.messageId))).toEqual(new Set(parts));
    expect(new Set(arrivals.map((a) => a.messageId)).size).toBe(arrivals.length);
    for (const group of SHARED_GROUPS) expect(arrivals.filter((a) => a.chatId === group)).toHaveLength(UNITS_PER_SHARED_GROUP);
    expect(arrivals.filter((a) => a.chatId === '-9000').length).toBeGreaterThanOrEqual(2);
    expect(new Set(arrivals.map((a) => `${a.chatId} ${a.text}`)).size).toBe(arrivals.length);
    // Both sent, and together within the limits: no 429 asked for, none deserved.
    expect(servers.map(sentBy).every((n) => n > 0)).toBe(true);
    expect(servers.map(sentBy).reduce((a, b) => a + b, 0)).toBe(expected);
    expect(standIn.limitViolations).toBe(0);
    expect(standIn.requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(paceViolations(arrivals)).toEqual([]);
  }, 240_000);
});
