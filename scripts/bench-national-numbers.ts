/**
 * The numbers on the national set (PostgreSQL): a local unit's and a province's summary against
 * the hand-written floor (scripts/bench-summary-floor.ts, checked to give the same figures), the
 * ranking of a province's units and the overdue list. Each is timed in `rounds` rounds; within a
 * round the summary and its floor alternate call by call, so both see the same machine; the
 * figures are the medians over the rounds of each round's p50 and p95, and the ratio the median
 * of each round's ratio.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createCalendar } from '../db/calendar.ts';
import { type Db, queryRows } from '../db/client.ts';
import { getOverdue } from '../db/numbers/overdue.ts';
import { getRanking } from '../db/numbers/ranking.ts';
import { getSummary } from '../db/numbers/summary.ts';
import { defaultOverdueRules } from '../db/overdue-rules.ts';
import { percentile } from './bench-kit.ts';
import { median, record } from './bench-report.ts';
import { assertSameFigures, coreFiguresFloor, coreOf } from './bench-summary-floor.ts';

const TODAY = '2026-11-23';
const options = { calendar: createCalendar(), rules: defaultOverdueRules };

export interface NumbersPlan {
  rounds: number;
  /** Calls per round for a local unit and for a province. */
  localRuns: number;
  provinceRuns: number;
}

const p = (times: number[], q: number) => percentile([...times].sort((a, b) => a - b), q);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Summary vs floor for one unit, interleaved call by call. */
async function summaryAgainstFloor(db: Db, code: string, label: string, runs: number, rounds: number): Promise<void> {
  assertSameFigures(code, await coreFiguresFloor(db, code, TODAY), coreOf(await getSummary(db, code, TODAY, options)));
  for (let i = 0; i < 5; i++) {
    await getSummary(db, code, TODAY, options);
    await coreFiguresFloor(db, code, TODAY);
  }
  const perRound: { s50: number; s95: number; f50: number; f95: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const summary: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Which goes first alternates, so neither always finds the other's pages warm.
      const first = i % 2 === 0;
      if (first) summary.push(await time(() => getSummary(db, code, TODAY, options)));
      floor.push(await time(() => coreFiguresFloor(db, code, TODAY)));
      if (!first) summary.push(await time(() => getSummary(db, code, TODAY, options)));
    }
    perRound.push({ s50: p(summary, 50), s95: p(summary, 95), f50: p(floor, 50), f95: p(floor, 95) });
  }
  const note = `${rounds} rounds × ${runs} calls, interleaved with the floor; p95 per round ${perRound.map((x) => x.s95.toFixed(0)).join('/')} ms`;
  for (const q of ['50', '95'] as const) {
    record({
      name: `summary of ${label}, p${q}`,
      driver: 'postgres',
      value: median(perRound.map((x) => x[`s${q}`])),
      floor: median(perRound.map((x) => x[`f${q}`])),
      ratio: median(perRound.map((x) => x[`s${q}`] / x[`f${q}`])),
      unit: 'ms',
      goal: q === '95' ? 'ratio ≤ 1.3×' : undefined,
      met: q === '95' ? median(perRound.map((x) => x.s95 / x.f95)) <= 1.3 : undefined,
      note,
    });
  }
}

/** A call timed in rounds: the medians of each round's p50 and p95. */
async function timed(name: string, fn: () => Promise<unknown>, runs: number, rounds: number): Promise<void> {
  for (let i = 0; i < 3; i++) await fn();
  const perRound: { p50: number; p95: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await time(fn));
    perRound.push({ p50: p(times, 50), p95: p(times, 95) });
  }
  const note = `${rounds} rounds × ${runs} calls`;
  record({ name: `${name}, p50`, driver: 'postgres', value: median(perRound.map((x) => x.p50)), unit: 'ms', note });
  record({ name: `${name}, p95`, driver: 'postgres', value: median(perRound.map((x) => x.p95)), unit: 'ms', note });
}

export async function benchNationalNumbers(db: Db, plan: NumbersPlan): Promise<void> {
  // The floor reads a case's status from its mirror alone: exact only if no case changed twice.
  const [twice] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases where prev_status_date is not null`);
  if (Number(twice?.n) > 0) throw new Error(`${twice?.n} cases changed status twice: the summary floor would not be exact on them`);
  const [local] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases c join units u on u.id = c.unit_id where u.code = 'T07-03'`);
  const [province] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cases c join units u on u.id = c.unit_id where u.code like 'T07-%'`);
  console.log(`\n— Numbers on the national set (PostgreSQL): local unit T07-03 (${local?.n} cases), province T07 (${province?.n} cases)`);
  await summaryAgainstFloor(db, 'T07-03', `a local unit (T07-03, ${local?.n} cases)`, plan.localRuns, plan.rounds);
  await summaryAgainstFloor(db, 'T07', `a province (T07, ${province?.n} cases)`, plan.provinceRuns, plan.rounds);
  await timed('ranking of a province\'s units (T07)', () => getRanking(db, 'T07', TODAY, options), plan.provinceRuns, plan.rounds);
  await timed('overdue list of a local unit (T07-03, first 50)', () => getOverdue(db, 'T07-03', TODAY, options), plan.localRuns, plan.rounds);
  await timed('overdue list of a province (T07, first 50)', () => getOverdue(db, 'T07', TODAY, options), plan.provinceRuns, plan.rounds);
}
