/**
 * Delivering the national Monday briefing (355 units + 34 provinces, every one with a Telegram
 * group) through the outbox and the Telegram sender, to a stand-in Bot API on loopback that
 * enforces Telegram's limits (30/s overall, 1/s per chat, 20/min per group) and answers 429 to
 * whatever exceeds them; the stand-in runs in a second process, as Telegram is elsewhere. Goal (issue 15): ≤ 1.05 × the least time those limits allow, and no 429.
 * The nation comes from the kept database of the composition bench (scripts/national-data.ts);
 * without PostgreSQL, the same number of synthetic briefings of the same size go through PGlite.
 * `tsx scripts/bench-jobs-deliver.ts`, or from `npm run bench`. To see what the cap on sends in
 * flight costs when answers are slow: BENCH_DELIVER_LATENCY_MS adds that much to every answer
 * (half before the request leaves, half after the answer comes back), BENCH_DELIVER_IN_FLIGHT
 * sets the cap (default the senders' own).
 */
import { pngCharts } from '../bot/charts/png-charts.ts';
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createCalendar } from '../db/calendar.ts';
import { createDb, type DbHandle } from '../db/client.ts';
import { defaultOverdueRules } from '../db/overdue-rules.ts';
import { countByStatus } from '../db/outbox.ts';
import { enqueue } from '../jobs/outbox.ts';
import { leastTelegramTimeMs } from '../jobs/pacing.ts';
import { createDelivery } from '../jobs/senders/index.ts';
import { platformSenders } from '../server/platforms.ts';
import { renderWithMentions } from '../bot/telegram/sender.ts';
import type { JobDeps, PlannedMessage } from '../jobs/types.ts';
import { weeklyBriefingJob } from '../jobs/weekly-briefing.ts';
import { openNationalDb } from './bench-jobs-compose.ts';
import { median, record } from './bench-report.ts';
import { NATIONAL_LOCAL_UNITS, NATIONAL_PROVINCES, seedNationalData } from './national-data.ts';

const NOW = new Date('2026-11-23T00:30:00Z'); // Monday 07:30 in Viet Nam
const GOAL_RATIO = 1.05;
const LATENCY_MS = Number(process.env.BENCH_DELIVER_LATENCY_MS ?? 0);
const IN_FLIGHT = process.env.BENCH_DELIVER_IN_FLIGHT ? Number(process.env.BENCH_DELIVER_IN_FLIGHT) : undefined;

/** fetch with `LATENCY_MS` more between the request and its answer, as a distant API adds. */
const slowFetch: typeof fetch = async (input, init) => {
  const sleep = () => new Promise((resolve) => setTimeout(resolve, LATENCY_MS / 2));
  await sleep();
  const response = await fetch(input, init);
  await sleep();
  return response;
};

/** The national briefings for Telegram: from the national database, or synthetic ones of the same shape. */
async function planBriefings(): Promise<{ handle: DbHandle; planned: PlannedMessage[]; source: string }> {
  try {
    const handle = await openNationalDb();
    await seedNationalData(handle.db);
    const deps: JobDeps = {
      db: handle.db,
      numbers: { calendar: createCalendar(), rules: defaultOverdueRules },
      logger: pino({ level: 'silent' }),
      config: { timeZone: 'Asia/Ho_Chi_Minh', defaultLocale: 'vi' },
      charts: pngCharts,
    };
    const planned = (await weeklyBriefingJob.run(deps, NOW)).filter((p) => p.destination.platform === 'telegram');
    return { handle, planned, source: 'postgres, national data (weekly-briefing job)' };
  } catch (error) {
    console.log(`[deliver] no national PostgreSQL (${(error as Error).message}): synthetic briefings on PGlite`);
    const handle = await createDb({ pgliteDir: 'memory://' });
    return { handle, planned: syntheticBriefings(), source: 'pglite, synthetic briefings' };
  }
}

/** As many briefings as the nation has units, each a title, a few fields and a ten-row table. */
function syntheticBriefings(): PlannedMessage[] {
  return Array.from({ length: NATIONAL_LOCAL_UNITS + NATIONAL_PROVINCES }, (_, i) => ({
    job: 'weekly-briefing',
    destination: { platform: 'telegram', chatId: String(-1_000_000 - i) },
    period: '2026-W48',
    locale: 'vi',
    reply: {
      title: `Giao ban tuần 48 — Đơn vị ${i}`,
      blocks: [
        { kind: 'fields', fields: [{ label: 'Tỷ lệ về việc', value: '41,23%' }, { label: 'Tỷ lệ về tiền', value: '18,07%' }] },
        { kind: 'table', headers: ['Việc', 'Chấp hành viên', 'Quá hạn', 'Còn phải thi hành'], rows: Array.from({ length: 10 }, (_, r) => [`V${i}-${r}`, `Nguyễn Văn ${r}`, `${r * 3} ngày`, `${(r + 1) * 12_345_000} ₫`]) },
      ],
    },
  }));
}

interface Tally {
  arrived: number;
  chats: number;
  limitViolations: number;
}

/** Starts the stand-in process; resolves with it and its URL once it listens. */
function startStandIn(): Promise<{ child: ChildProcess; url: string; tally(): Promise<Tally> }> {
  const child = fork(fileURLToPath(new URL('./bench-jobs-deliver-stand-in.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      child.once('error', reject);
      const on = (m: { type: string } & T) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  return next<{ url: string }>('ready').then(({ url }) => ({
    child,
    url,
    tally: () => {
      const answer = next<Tally>('tally');
      child.send({ type: 'tally' });
      return answer;
    },
  }));
}

/** Delivers the national briefing `runs` times over (one after the other, the outbox emptied between). */
export async function benchJobsDeliver(plan: { runs?: number } = {}): Promise<void> {
  const { handle, planned, source } = await planBriefings();
  const standIn = await startStandIn();
  const runs: { measured: number; least: number; violations: number }[] = [];
  let violationsBefore = 0;
  let arrivedBefore = 0;
  try {
    for (let run = 0; run < (plan.runs ?? 1); run++) {
      await handle.db.execute(sql`delete from deliveries`);
      const perChat = new Map<string, number>();
      for (const p of planned) {
        // A province's chart is one more message (sendPhoto) to its group.
        const parts = renderWithMentions({ reply: p.reply, locale: p.locale, mentions: p.mentions ?? [] }).length + (p.photo ? 1 : 0);
        perChat.set(p.destination.chatId, (perChat.get(p.destination.chatId) ?? 0) + parts);
      }
      const messages = [...perChat.values()].reduce((a, b) => a + b, 0);
      const least = leastTelegramTimeMs(perChat);

      const enqueued = performance.now();
      await enqueue(handle.db, planned, new Date());
      const enqueueMs = performance.now() - enqueued;
      const delivery = createDelivery(
        { db: handle.db, logger: pino({ level: 'silent' }), config: { defaultLocale: 'vi' }, senders: platformSenders({ defaultLocale: 'vi', telegram: { token: '100200:bench', apiRoot: standIn.url } }) },
        { fetch: LATENCY_MS > 0 ? slowFetch : undefined, tuning: IN_FLIGHT ? { maxInFlight: IN_FLIGHT } : {} },
      );
      const started = performance.now();
      const results = await delivery.drainAll();
      const measured = performance.now() - started;
      const counts = await countByStatus(handle.db, 'weekly-briefing');
      const { arrived: arrivedInAll, limitViolations } = await standIn.tally();
      const arrived = arrivedInAll - arrivedBefore;
      arrivedBefore = arrivedInAll;
      const ratio = measured / least;
      console.log(
        `[deliver] ${source}${LATENCY_MS || IN_FLIGHT ? ` (answers +${LATENCY_MS} ms, in flight ${IN_FLIGHT ?? 'default'})` : ''}: ${planned.length} briefings = ${messages} Telegram messages to ${perChat.size} chats; ` +
          `least time the limits allow ${(least / 1000).toFixed(2)} s; measured ${(measured / 1000).toFixed(2)} s; ` +
          `ratio ${ratio.toFixed(3)} (goal ≤ ${GOAL_RATIO}); 429 answers ${limitViolations - violationsBefore} (goal 0); ` +
          `arrived ${arrived}/${messages}, rows sent ${counts.sent}/${planned.length}; enqueue ${enqueueMs.toFixed(0)} ms` +
          (results.telegram?.rateLimited ? `; sender met ${results.telegram.rateLimited} 429s` : ''),
      );
      runs.push({ measured, least, violations: limitViolations - violationsBefore });
      violationsBefore = limitViolations;
      // The stand-in's windows (20 a minute per group) span runs: let them empty before the next one.
      if (run + 1 < (plan.runs ?? 1)) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    const ratio = median(runs.map((r) => r.measured / r.least));
    const violations = runs.reduce((n, r) => n + r.violations, 0);
    record({
      name: `delivering the national weekly briefing to a stand-in enforcing Telegram's limits (${planned.length} briefings)`,
      driver: source.startsWith('postgres') ? 'postgres' : 'pglite',
      value: median(runs.map((r) => r.measured / 1000)),
      floor: median(runs.map((r) => r.least / 1000)),
      ratio,
      unit: 's',
      goal: `≤ ${GOAL_RATIO}× the least time, 0 × 429`,
      met: ratio <= GOAL_RATIO && violations === 0,
      note: `${runs.length} run(s), ratios ${runs.map((r) => (r.measured / r.least).toFixed(3)).join('/')}; 429 answers ${violations}; floor: the least time the limits allow (jobs/pacing.ts)`,
    });
  } finally {
    await handle.db.execute(sql`delete from deliveries`).catch(() => {});
    standIn.child.send({ type: 'stop' });
    await new Promise((resolve) => standIn.child.once('exit', resolve));
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchJobsDeliver();
