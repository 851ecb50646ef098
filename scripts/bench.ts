/**
 * `npm run bench`: the performance goals of the issues, measured and printed.
 * PostgreSQL comes from BENCH_DATABASE_URL (default: the local server, trust auth); a
 * throwaway database is created and dropped. Nothing here runs in `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { createCalendar } from '../db/calendar.ts';
import { createDb, type Db } from '../db/client.ts';
import { importCsv, type ImportKind } from '../db/import/index.ts';
import { getSummary } from '../db/numbers/summary.ts';
import { defaultOverdueRules } from '../db/overdue-rules.ts';
import { noCache } from '../db/result-cache.ts';
import { makeBenchCsv } from './bench-data.ts';
import { percentile, withThrowawayDatabase } from './bench-kit.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const TODAY = '2026-11-23';
const options = { calendar: createCalendar(), rules: defaultOverdueRules };

async function importAll(db: Db, csv: ReturnType<typeof makeBenchCsv>): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const kind of ['units', 'staff', 'cases', 'collections'] as ImportKind[]) {
    const started = performance.now();
    const result = await importCsv(db, kind, csv[kind as keyof typeof csv], { actor: { label: 'bench' }, channel: 'import', today: TODAY, changes: noCache });
    if (result.issues.length > 0) throw new Error(`bench ${kind}.csv rejected: ${JSON.stringify(result.issues.slice(0, 3))}`);
    seconds[kind] = (performance.now() - started) / 1000;
  }
  return seconds;
}

async function timeSummary(db: Db, unit: string, runs: number) {
  for (let i = 0; i < 10; i++) await getSummary(db, unit, TODAY, options); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await getSummary(db, unit, TODAY, options);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main() {
  const csv = makeBenchCsv({ units: 10, officersPerUnit: 10, cases: CASES, today: TODAY });
  const collections = csv.collections.split('\n').length - 1;
  console.log(`Synthetic province: 10 local units, 100 officers, ${CASES} cases, ${collections} collections`);

  for (const driver of ['postgres', 'pglite'] as const) {
    const run = async (url?: string) => {
      const handle = await createDb({ databaseUrl: url, pgliteDir: 'memory://' });
      try {
        const started = performance.now();
        const parts = await importAll(handle.db, csv);
        const total = (performance.now() - started) / 1000;
        const detail = Object.entries(parts).map(([k, s]) => `${k} ${fmt(s)} s`).join(', ');
        console.log(`[${driver}] import of ${CASES} cases + ${collections} collections: ${fmt(total)} s (goal ≤ 60 s) — ${detail}`);
        const local = await timeSummary(handle.db, 'BN-001', 200);
        console.log(`[${driver}] summary of one local unit (${CASES / 10} cases), 200 runs: p50 ${fmt(local.p50)} ms, p95 ${fmt(local.p95)} ms, max ${fmt(local.max)} ms${driver === 'postgres' ? ' (goal p95 ≤ 50 ms)' : ''}`);
        const province = await timeSummary(handle.db, 'BN', 20);
        console.log(`[${driver}] summary of the whole province, 20 runs: p50 ${fmt(province.p50)} ms, p95 ${fmt(province.p95)} ms`);
      } finally {
        await handle.close();
      }
    };
    if (driver === 'postgres') await withThrowawayDatabase('thads_bench', driver, run);
    else await run();
  }
}

await main();
await import('./bench-import-memory.ts').then((memory) => memory.benchImportMemory());
await import('./bench-telegram.ts').then((telegram) => telegram.benchTelegram());
await import('./bench-slack.ts').then((slack) => slack.benchSlack());
await import('./bench-jobs-compose.ts').then((jobs) => jobs.benchJobsCompose());
await import('./bench-jobs-deliver.ts').then((deliver) => deliver.benchJobsDeliver());
await import('./bench-charts.ts').then((charts) => charts.benchCharts());
await import('./bench-web.ts').then((web) => web.benchWeb());
