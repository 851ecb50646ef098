/**
 * What a crash mid-delivery costs, measured on real processes: `thads jobs run weekly-briefing`
 * delivers the national Monday briefing (389 Telegram groups) on PostgreSQL to a Bot API
 * stand-in on loopback that enforces Telegram's limits, and is killed (SIGKILL) mid-delivery:
 * the instant the stand-in takes the n-th message (n random: sends come in bursts, and this
 * lands in one), or with BENCH_CRASH_AT=time a random instant after the first (which mostly
 * falls between bursts). The rows it left `sending` then have their lease run out (their
 * next_attempt_at is set back: the senders read the system clock, not `--now`), a second run
 * delivers them, and the stand-in counts the parts that arrived twice.
 * `tsx scripts/bench-jobs-crash.ts` (BENCH_CRASH_ROUNDS, default 6); not part of `npm run bench`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { startChatApiStandIn } from '../test/helpers/chat-api-stand-in.ts';
import { openNationalDb } from './bench-jobs-compose.ts';
import { seedNationalData } from './national-data.ts';

const ROUNDS = Number(process.env.BENCH_CRASH_ROUNDS ?? 6);
const AT_TIME = process.env.BENCH_CRASH_AT === 'time';
const NOW = '2026-11-23T00:30:00Z'; // Monday 07:30 in Viet Nam
const cli = fileURLToPath(new URL('../server/cli.ts', import.meta.url));
const national = process.env.BENCH_NATIONAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/thads_bench_national';

function runCli(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', cli, 'jobs', 'run', 'weekly-briefing', '--now', NOW], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function main() {
  const handle = await openNationalDb(national);
  await seedNationalData(handle.db);
  const standIn = await startChatApiStandIn({ enforceTelegramLimits: true });
  const env = {
    DATABASE_URL: national,
    TELEGRAM_BOT_TOKEN: '100200:crash',
    TELEGRAM_MODE: 'polling',
    TELEGRAM_API_ROOT: standIn.telegramApiRoot,
    SEED_DEMO: 'never',
    LOG_LEVEL: 'error',
  };
  const figures: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      await handle.db.execute(sql`delete from deliveries where job = 'weekly-briefing'`);
      standIn.arrivals.length = 0;
      standIn.requests.length = 0;
      const first = runCli(env);
      const killAt = 20 + Math.floor(Math.random() * 340);
      const push = standIn.arrivals.push.bind(standIn.arrivals);
      if (!AT_TIME) {
        standIn.arrivals.push = (...items) => {
          const length = push(...items);
          if (length === killAt) first.kill('SIGKILL');
          return length;
        };
      }
      const delay = 500 + Math.random() * 10_500;
      if (AT_TIME) {
        while (standIn.arrivals.length === 0 && first.exitCode === null) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, delay));
        first.kill('SIGKILL');
      }
      await exited(first);
      standIn.arrivals.push = push;
      const when = AT_TIME ? `${(delay / 1000).toFixed(1)} s after the first arrival` : `as message ${killAt} arrived`;
      const delivered = new Set(standIn.arrivals.map((a) => a.chatId));
      const left = await queryRows<{ destination: string }>(
        handle.db,
        sql`select destination from deliveries where job = 'weekly-briefing' and platform = 'telegram' and status = 'sending'`,
      );
      const maybeSent = left.filter((r) => delivered.has(r.destination)).length;
      // The lease runs out: the rows left sending are due again.
      await handle.db.execute(sql`update deliveries set next_attempt_at = now() - interval '1 second' where status = 'sending'`);
      const second = runCli(env);
      await exited(second);
      const seen = new Set<string>();
      let duplicates = 0;
      for (const a of standIn.arrivals) {
        const key = `${a.chatId}\n${a.text}`;
        if (seen.has(key)) duplicates++;
        seen.add(key);
      }
      const [counts] = await queryRows<{ sent: number; total: number }>(
        handle.db,
        sql`select count(*) filter (where status = 'sent')::int as sent, count(*)::int as total from deliveries where job = 'weekly-briefing' and platform = 'telegram'`,
      );
      figures.push(duplicates);
      console.log(
        `[crash] round ${round}: killed ${when}, ${delivered.size} chats reached; ` +
          `left sending ${left.length} (already delivered ${maybeSent}, never sent ${left.length - maybeSent}); ` +
          `after the second run: ${duplicates} parts arrived twice, rows sent ${counts?.sent}/${counts?.total}, 429 answers ${standIn.limitViolations}`,
      );
    }
    const sorted = [...figures].sort((a, b) => a - b);
    console.log(`[crash] ${ROUNDS} kills: duplicates per crash ${sorted.join(', ')} (max ${sorted.at(-1)})`);
  } finally {
    await handle.db.execute(sql`delete from deliveries where job = 'weekly-briefing'`).catch(() => {});
    await standIn.close();
    await handle.close();
  }
}

await main();
