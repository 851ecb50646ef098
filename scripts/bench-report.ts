/**
 * What `npm run bench` measured, as one list of figures: printed as a table at the end and
 * written to bench-results.json (gitignored) so that BENCHMARKS.md can be refreshed from it.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { execSync } from 'node:child_process';

export interface Figure {
  /** What was measured, e.g. "summary of a local unit (T07-03), p95". */
  name: string;
  /** postgres, pglite, or both/none. */
  driver: 'postgres' | 'pglite' | '-';
  value: number;
  unit: string;
  /** The floor measured in the same run, in the same unit, when one exists. */
  floor?: number;
  /** value ÷ floor: for times and memory lower is better, for throughput (req/s, rows/s) higher. */
  ratio?: number;
  /** The goal, in words (from the issue), and whether this run met it. */
  goal?: string;
  met?: boolean;
  /** How it was measured: runs, rounds, spread. */
  note?: string;
  /** The machine's 1-minute load average when the figure was taken (it is shared: read the figures with it). */
  load?: number;
}

export const figures: Figure[] = [];
/** Anything else worth keeping in the JSON: the CPU profiles' top functions, the data set. */
export const notes: Record<string, unknown> = {};

/** Records a figure (ratio computed when a floor is given) and prints it at once. */
export function record(f: Figure): Figure {
  const withLoad = { ...f, load: Number(loadavg()[0]!.toFixed(2)) };
  const withRatio = f.floor !== undefined && f.floor > 0 && f.ratio === undefined ? { ...withLoad, ratio: f.value / f.floor } : withLoad;
  figures.push(withRatio);
  console.log(`  ${line(withRatio)}`);
  return withRatio;
}

const num = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

function line(f: Figure): string {
  const floor = f.floor !== undefined ? `, floor ${num(f.floor)} ${f.unit}, ratio ${f.ratio?.toFixed(2)}×` : '';
  const goal = f.goal ? ` (goal ${f.goal}: ${f.met === undefined ? '—' : f.met ? 'met' : 'NOT met'})` : '';
  return `[${f.driver}] ${f.name}: ${num(f.value)} ${f.unit}${floor}${goal}${f.note ? ` — ${f.note}` : ''}`;
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The machine, its load and the tools' versions, for the record. */
export function machine(): Record<string, string> {
  const pg = (() => {
    try {
      return execSync(`psql "${process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    date: new Date().toISOString(),
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    node: process.version,
    postgres: pg,
    load: loadavg().map((l) => l.toFixed(2)).join(', '),
  };
}

/** Prints the table of every figure and writes them, with the run's settings, to `file`. */
export function finish(file: string, settings: Record<string, unknown>, started: Record<string, string>): void {
  const ended = machine();
  console.log('\n=== Results ===');
  console.log(`machine: ${started.cpus}; Node ${started.node}; PostgreSQL ${started.postgres}`);
  console.log(`load average (1, 5, 15 min) at start: ${started.load}; at end: ${ended.load}`);
  const rows = figures.map((f) => [
    f.driver,
    f.name,
    `${num(f.value)} ${f.unit}`,
    f.floor !== undefined ? `${num(f.floor)} ${f.unit}` : '',
    f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : '',
    f.goal ? `${f.goal}${f.met === undefined ? '' : f.met ? ' ✓' : ' ✗'}` : '',
  ]);
  const head = ['driver', 'figure', 'measured', 'floor', 'ratio', 'goal'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(fmt(r));
  writeFileSync(file, `${JSON.stringify({ started, ended, settings, figures, notes }, null, 2)}\n`);
  console.log(`\nWritten to ${file}`);
}
