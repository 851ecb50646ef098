/**
 * Composing the national Monday briefing: every local unit's giao ban and every province's
 * ranking (34 provinces, 355 units, 1,000,000 cases), goal ≤ 10 s on PostgreSQL, plus the
 * overdue alerts for the same nation, for information. The nation is loaded once into a kept
 * database (BENCH_NATIONAL_DATABASE_URL, default thads_bench_national on the local server) and
 * reused by later runs and by the delivery bench. `tsx scripts/bench-jobs-compose.ts`, or from
 * `npm run bench`.
 */
import { pngCharts } from '../bot/charts/png-charts.ts';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import postgres from 'postgres';
import { t } from '../bot/i18n/index.ts';
import { renderSlack } from '../bot/slack/render.ts';
import { renderTelegram } from '../bot/telegram/render.ts';
import { createCalendar } from '../db/calendar.ts';
import { createDb } from '../db/client.ts';
import { defaultOverdueRules } from '../db/overdue-rules.ts';
import { overdueAlertsJob } from '../jobs/overdue-alerts.ts';
import type { Job, JobDeps } from '../jobs/types.ts';
import { weeklyBriefingJob } from '../jobs/weekly-briefing.ts';
import { median, record } from './bench-report.ts';
import { seedNationalData } from './national-data.ts';

const NOW = new Date('2026-11-23T00:30:00Z'); // Monday 07:30 in Viet Nam
let RUNS = 3;

/** The kept database of the national benches, created when missing. */
export async function openNationalDb(url = process.env.BENCH_NATIONAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/thads_bench_national') {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) await admin.unsafe(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return createDb({ databaseUrl: url, pgliteDir: '' });
}

async function timeJob(job: Job, deps: JobDeps) {
  const times: number[] = [];
  let planned = await job.run(deps, NOW); // warm caches and plans
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    planned = await job.run(deps, NOW);
    times.push((performance.now() - started) / 1000);
  }
  const rendered = planned.map((p) => renderTelegram(p.reply));
  return {
    times,
    planned: planned.length,
    telegramMessages: rendered.reduce((n, r) => n + r.length, 0),
    longest: Math.max(...rendered.flat().map((m) => m.text.length)),
    slackCut: planned.filter((p) => JSON.stringify(renderSlack(p.reply, p.locale).blocks).includes(t(p.locale, 'views.truncated'))).length,
  };
}

/** Runs the bench; without a PostgreSQL server it says so and returns (the goal is PostgreSQL's). */
export async function benchJobsCompose(plan: { runs?: number } = {}): Promise<void> {
  RUNS = plan.runs ?? RUNS;
  let handle: Awaited<ReturnType<typeof openNationalDb>>;
  try {
    handle = await openNationalDb();
  } catch (error) {
    console.log(`[postgres] jobs composition bench skipped: no PostgreSQL (${(error as Error).message})`);
    return;
  }
  try {
    const nation = await seedNationalData(handle.db);
    console.log(
      nation.reused
        ? `National data: reused (${nation.cases.toLocaleString('en')} cases, ${nation.units} local units, 34 provinces)`
        : `National data: ${nation.cases.toLocaleString('en')} cases, ${nation.units} local units, 34 provinces loaded in ${nation.seconds.toFixed(1)} s`,
    );
    const deps: JobDeps = {
      db: handle.db,
      numbers: { calendar: createCalendar(), rules: defaultOverdueRules },
      logger: pino({ level: 'silent' }),
      config: { timeZone: 'Asia/Ho_Chi_Minh', defaultLocale: 'vi' },
      charts: pngCharts,
    };
    for (const [job, goal] of [[weeklyBriefingJob, ' (goal ≤ 10 s)'], [overdueAlertsJob, '']] as const) {
      const r = await timeJob(job, deps);
      const times = r.times.map((s) => `${s.toFixed(2)} s`).join(', ');
      console.log(
        `[postgres] ${job.name}, whole nation: ${times}${goal} — ${r.planned} planned messages, ` +
          `${r.telegramMessages} Telegram messages once split, longest ${r.longest} characters (limit 4096), ${r.slackCut} cut short on Slack`,
      );
      const value = median(r.times);
      record({
        name: `composing every ${job.name === weeklyBriefingJob.name ? 'weekly briefing' : 'overdue alert'} of the nation (${r.planned} planned messages)`,
        driver: 'postgres',
        value,
        unit: 's',
        ...(goal ? { goal: '≤ 10 s', met: value <= 10 } : {}),
        note: `median of ${RUNS} runs after one to warm: ${times}`,
      });
    }
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchJobsCompose();
