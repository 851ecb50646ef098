/**
 * Chart render times (issue 12): the units' rates (the demo province's 9 units, and 160 units),
 * the monthly rates (a full work year, 12 points) with the query that feeds it; on PGlite.
 */
import { performance } from 'node:perf_hooks';
import { renderMonthlyRatesChart } from '../bot/charts/monthly-rates.ts';
import { renderUnitsRatesChart } from '../bot/charts/units-rates.ts';
import { createCalendar } from '../db/calendar.ts';
import { createDb } from '../db/client.ts';
import { seedDemo } from '../db/demo/index.ts';
import { getMonthlyRates } from '../db/numbers/monthly-rates.ts';
import { getRanking } from '../db/numbers/ranking.ts';
import { defaultOverdueRules } from '../db/overdue-rules.ts';
import { noCache } from '../db/result-cache.ts';
import { percentile } from './bench-kit.ts';

async function timed<T>(runs: number, work: () => T | Promise<T>): Promise<{ p50: number; max: number; last: T }> {
  let last = await work(); // warm: fonts, ECharts' modules, query plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times.at(-1)!, last };
}

export async function benchCharts(): Promise<void> {
  const handle = await createDb({ pgliteDir: 'memory://' });
  try {
    await seedDemo(handle.db, { today: '2027-09-30', changes: noCache });
    const ranking = await getRanking(handle.db, 'BH', '2027-09-30', { calendar: createCalendar(), rules: defaultOverdueRules });
    const units = await timed(20, () => renderUnitsRatesChart(ranking, 'vi'));
    console.log(`[charts] units' rates, ${ranking.rows.length} units, 1280×720: p50 ${units.p50.toFixed(0)} ms, max ${units.max.toFixed(0)} ms, ${(units.last.length / 1024).toFixed(0)} KiB`);
    const many = { ...ranking, rows: Array.from({ length: 160 }, (_, i) => ({ ...ranking.rows[i % ranking.rows.length]!, name: `Đơn vị ${i + 1}` })) };
    const wide = await timed(5, () => renderUnitsRatesChart(many, 'vi'));
    console.log(`[charts] units' rates, 160 units (6000×720): p50 ${wide.p50.toFixed(0)} ms, ${(wide.last.length / 1024).toFixed(0)} KiB`);
    const query = await timed(10, () => getMonthlyRates(handle.db, 'BH', '2027-09-30'));
    console.log(`[charts] monthly rates query, province, 12 months (25 queries) [pglite]: p50 ${query.p50.toFixed(0)} ms`);
    const monthly = await timed(20, () => renderMonthlyRatesChart(query.last, 'vi'));
    console.log(`[charts] monthly rates, 12 months × 4 lines, 1280×720: p50 ${monthly.p50.toFixed(0)} ms, max ${monthly.max.toFixed(0)} ms, ${(monthly.last.length / 1024).toFixed(0)} KiB`);
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCharts();
