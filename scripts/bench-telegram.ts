/**
 * `tomtat` through the Telegram webhook: the server as `npm start` runs it (PGlite in memory,
 * the demo province), its outgoing Bot API calls going to a stand-in on loopback, and rounds of
 * 50 updates posted at once (distinct update ids, linked staff, each asking for their own unit).
 * Run alone with `npx tsx scripts/bench-telegram.ts`; `npm run bench` runs it last.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { queryRows } from '../db/client.ts';
import { startServer } from '../server/start.ts';

const TOKEN = '100200:bench';
const SECRET = 'bench-secret';
const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_TELEGRAM_ROUNDS ?? 6);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A Bot API stand-in: answers what the bot calls, and tells when a chat got its answer. */
function startStandIn(onMessage: (chatId: number) => void): Promise<{ url: string; server: Server }> {
  let messageId = 1;
  const server = createServer(async (req, res) => {
    const method = req.url?.split('/').pop() ?? '';
    const body = await readJson(req);
    let result: unknown = true;
    if (method === 'getMe') result = { id: 100200, is_bot: true, first_name: 'THADS', username: 'thads_bench_bot' };
    else if (method === 'getUpdates') result = [];
    else if (method === 'sendMessage') {
      result = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'group' }, text: body.text };
      onMessage(Number(body.chat_id));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const describe = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
};

export async function benchTelegram(): Promise<void> {
  await benchOn('PGlite', {});
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `thads_bench_tg_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.log(`[telegram] PostgreSQL run skipped (${adminUrl}: ${(error as Error).message})`);
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
  const answered = new Map<number, () => void>();
  const standIn = await startStandIn((chatId) => answered.get(chatId)?.());
  const running = await startServer({
    env: { PGLITE_DIR: 'memory://', SEED_DEMO: 'always', PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: standIn.url, ...dbEnv },
    now: () => new Date('2026-11-23T03:00:00Z'),
    logger: pino({ level: 'warn' }),
  });
  try {
    // Every staff member of a local unit gets a Telegram account (user id 900000 + staff id).
    const { db } = running.deps;
    await db.execute(sql`insert into chat_identities (platform, external_id, staff_id, source)
      select 'telegram', (900000 + s.id)::text, s.id, 'link' from staff s join units u on u.id = s.unit_id
      where u.kind = 'local' and s.active`);
    const users = (await queryRows<{ id: string }>(db, sql`select external_id as id from chat_identities where platform = 'telegram' order by id`)).map((r) => Number(r.id));
    let updateId = 1;
    // Each update comes from its own group, so the stand-in can tell whose answer arrived.
    const send = async (i: number) => {
      const id = updateId++;
      const chatId = -1_000_000 - id;
      const update = {
        update_id: id,
        message: { message_id: id, date: 1_795_000_000, text: '/tomtat', entities: [{ type: 'bot_command', offset: 0, length: 7 }],
          from: { id: users[i % users.length]!, is_bot: false, first_name: 'Cán bộ' }, chat: { id: chatId, type: 'group', title: 'Phòng' } },
      };
      const started = performance.now();
      const done = new Promise<number>((resolve) => answered.set(chatId, () => resolve(performance.now() - started)));
      const res = await fetch(`${running.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(update),
      });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      const webhook = performance.now() - started;
      return { webhook, handled: await done };
    };
    for (let i = 0; i < 10; i++) await send(i); // warm-up: JIT, query plans, keep-alive connections
    const alone: number[] = [];
    for (let i = 0; i < 30; i++) alone.push((await send(i)).handled);
    const webhook: number[] = [];
    const handled: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => send(i)));
      for (const r of results) {
        webhook.push(r.webhook);
        handled.push(r.handled);
      }
    }
    console.log(`[telegram] /tomtat through POST /telegram/webhook, ${label}, ${users.length} linked staff of the demo's local units, ${ROUNDS} rounds of ${CONCURRENT} concurrent updates:`);
    // The route answers once the update is handled (up to 8 s), so the two figures are close.
    console.log(`[telegram]   webhook response: ${describe(webhook)} (goal p95 ≤ 300 ms)`);
    console.log(`[telegram]   until the answer reached the Bot API stand-in: ${describe(handled)}`);
    console.log(`[telegram]   one update at a time, for comparison: ${describe(alone)}`);
  } finally {
    await running.stop();
    standIn.server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchTelegram();
