/**
 * The server's resident memory as an operator runs it: the start command of package.json
 * (or BENCH_MEMORY_COMMAND) in its own process tree, PGlite in a fresh directory or a
 * throwaway PostgreSQL database, the demo province loaded by the first start. Figures are
 * VmRSS summed over the start command's process tree (tsx runs the server in a child of its
 * own; the shell of `build && run` adds about 1 MB):
 *   1. the first start, which loads the demo: its peak (VmHWM) and its RSS once listening;
 *   2. a second start on that database: idle (after 5 s), then after 2,000 `/tomtat` updates
 *      through POST /telegram/webhook (50 at once, 42 linked staff, replies to a Bot API
 *      stand-in in this process) and 500 GET /healthz.
 * Run: `npx tsx scripts/bench-memory.ts [pglite|postgres]` (both by default).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { withThrowawayDatabase } from './bench-kit.ts';

const TOKEN = '100200:bench';
const SECRET = 'bench-secret';
const PORT = 3900 + Math.floor(Math.random() * 90);
const UPDATES = Number(process.env.BENCH_MEMORY_UPDATES ?? 2000);
const command = process.env.BENCH_MEMORY_COMMAND ?? (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;

const LINK_SQL = `insert into chat_identities (platform, external_id, staff_id, source)
  select 'telegram', (900000 + s.id)::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
  where u.kind = 'local' and s.active on conflict do nothing`;

let answered = 0;
const standIn = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const method = req.url?.split('/').pop() ?? '';
    if (method === 'sendMessage') answered += 1;
    const result = method === 'getMe' ? { id: 100200, is_bot: true, first_name: 'THADS', username: 'thads_bench_bot' } : method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: 1, type: 'group' } } : true;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
  });
});
await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
const standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;

/** kB of `field` (VmRSS, VmHWM) summed over pid and its descendants. */
function treeKb(pid: number, field: string): number {
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  for (const stack = [pid]; stack.length; ) {
    const p = stack.pop()!;
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    total += Number(m?.[1] ?? 0);
    stack.push(...children(p));
  }
  return total;
}
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('sh', ['-c', command], {
    detached: true,
    env: { ...process.env, PORT: String(PORT), LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: standInUrl, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start in 120 s');
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  // The whole group: `a && b` leaves the server a child of the shell.
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

async function load(users: number[]): Promise<void> {
  let next = 0;
  const post = async (id: number) => {
    const update = {
      update_id: id,
      message: { message_id: id, date: 1_795_000_000, text: '/tomtat', entities: [{ type: 'bot_command', offset: 0, length: 7 }], from: { id: users[id % users.length]!, is_bot: false, first_name: 'Cán bộ' }, chat: { id: users[id % users.length]!, type: 'private', first_name: 'Cán bộ' } },
    };
    const res = await fetch(`http://127.0.0.1:${PORT}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: JSON.stringify(update) });
    await res.arrayBuffer();
  };
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < UPDATES) await post(1 + next++);
  }));
  for (let i = 0; i < 500; i++) await (await fetch(`http://127.0.0.1:${PORT}/healthz`)).arrayBuffer();
}

async function measure(label: string, env: Record<string, string>, link: () => Promise<number[]>): Promise<void> {
  const first = await startServer({ ...env, SEED_DEMO: 'always' });
  const firstPeak = treeKb(first.pid!, 'VmHWM');
  const firstRss = treeKb(first.pid!, 'VmRSS');
  await stop(first);
  const users = await link();
  const server = await startServer({ ...env, SEED_DEMO: 'never' });
  await new Promise((r) => setTimeout(r, 5000));
  const idle = treeKb(server.pid!, 'VmRSS');
  answered = 0;
  const started = Date.now();
  await load(users);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const after = treeKb(server.pid!, 'VmRSS');
  const peak = treeKb(server.pid!, 'VmHWM');
  await stop(server);
  console.log(`[memory] ${label}, \`${command}\`: first start with the demo load peak ${mb(firstPeak)} (${mb(firstRss)} once listening); `
    + `second start idle ${mb(idle)}, after ${UPDATES} /tomtat + 500 /healthz (${seconds.toFixed(1)} s, ${answered} answers) ${mb(after)}, peak ${mb(peak)}`);
}

const which = process.argv[2];
if (!which || which === 'pglite') {
  const dir = mkdtempSync(join(tmpdir(), 'thads-mem-'));
  try {
    await measure('PGlite', { PGLITE_DIR: dir }, async () => {
      const db = new PGlite(dir);
      await db.exec(LINK_SQL);
      const rows = (await db.query<{ id: string }>(`select external_id as id from chat_identities where platform = 'telegram'`)).rows;
      await db.close();
      return rows.map((r) => Number(r.id));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (!which || which === 'postgres') {
  await withThrowawayDatabase('thads_bench_mem', 'memory', (url) =>
    measure('PostgreSQL', { DATABASE_URL: url }, async () => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      await sql.unsafe(LINK_SQL);
      const rows = await sql<{ id: string }[]>`select external_id as id from chat_identities where platform = 'telegram'`;
      await sql.end();
      return rows.map((r) => Number(r.id));
    }),
  );
}
standIn.close();
