import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { DEFAULT_MAX_IN_FLIGHT } from '../../jobs/senders/drain.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { type BotApiStandIn, startBotApiStandIn } from './bot-api-stand-in.ts';
import { requirePostgres, type ServerProcess, startServerProcess } from './server-process.ts';

// scripts/bench-jobs-crash.ts measures this on the national briefing; here, the check on every CI run.
const CHATS = Array.from({ length: 60 }, (_, i) => String(-3000 - i));
const KILL_AT = 20;

const plan = (chatId: string): PlannedMessage => ({
  job: 'weekly-briefing',
  destination: { platform: 'telegram', chatId },
  period: '2026-W49',
  locale: 'vi',
  reply: { title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text: `Số liệu tuần của ${chatId}` }] },
});

describe('the server killed (SIGKILL) mid-delivery and started again', () => {
  requirePostgres();
  let handle: TestDb;
  let standIn: BotApiStandIn;
  let server: ServerProcess | undefined;
  const statuses = () => queryRows<{ destination: string; status: string }>(handle.db, sql`select destination, status from deliveries where job = 'weekly-briefing'`);

  beforeAll(async () => {
    handle = await openTestDb('postgres');
    standIn = await startBotApiStandIn();
    // A slow Bot API: sends are on the wire when the kill comes.
    standIn.delayMs = 300;
  });
  afterAll(async () => {
    await server?.kill();
    await standIn.close();
    await handle.close();
  });

  it('delivers every message, and again only those in flight at the kill', async () => {
    await enqueue(handle.db, CHATS.map(plan));
    const env = { DATABASE_URL: handle.url!, TELEGRAM_BOT_TOKEN: '7000001:FAULTS', TELEGRAM_WEBHOOK_SECRET: 'faults-webhook-secret_01', TELEGRAM_API_ROOT: standIn.apiRoot, JOBS: 'on' };
    const killed = new Promise<void>((resolve) => {
      standIn.onMessage = (count) => {
        if (count !== KILL_AT) return;
        server!.process.kill('SIGKILL');
        resolve();
      };
    });
    server = await startServerProcess(env);
    await killed;
    await server.kill();
    standIn.onMessage = undefined;

    const reached = new Set(standIn.messages.map((m) => m.chatId));
    const left = (await statuses()).filter((r) => r.status === 'sending');
    const maybeSent = left.filter((r) => reached.has(r.destination)).length;
    expect(reached.size).toBeGreaterThanOrEqual(KILL_AT);
    expect(reached.size).toBeLessThan(CHATS.length);
    // The claim's lease (10 min) runs out: the rows the dead process held are due again.
    await handle.db.execute(sql`update deliveries set next_attempt_at = now() - interval '1 second' where status = 'sending'`);

    server = await startServerProcess(env);
    for (let i = 0; i < 1200 && (await statuses()).some((r) => r.status !== 'sent'); i++) await new Promise((r) => setTimeout(r, 100));
    await server.kill('SIGTERM');

    expect((await statuses()).filter((r) => r.status !== 'sent')).toEqual([]);
    const arrivals = standIn.messages.map((m) => m.chatId);
    expect(new Set(arrivals)).toEqual(new Set(CHATS));
    const twice = arrivals.length - new Set(arrivals).size;
    console.log(`[faults] killed mid-delivery: ${reached.size} chats reached before the kill, ${left.length} rows left sending (${maybeSent} already delivered), ${twice} messages arrived twice`);
    // What arrived twice is exactly what had arrived but was not yet recorded: the sends in flight.
    expect(twice).toBe(maybeSent);
    expect(twice).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT);
  });
});
