/**
 * Import throughput: a synthetic province (scripts/bench-data.ts: 10 local units, 100 officers,
 * `cases` cases and about as many collections) through the real importer (db/import) into a
 * fresh database, in rows a second for cases and collections. The floor, on PostgreSQL, is the
 * same two CSV texts COPYed into two unlogged tables of text columns in the same database: what
 * the server ingests at best, with no check, no key and no index. `rounds` fresh databases each;
 * the figures are medians.
 */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createDb } from '../db/client.ts';
import { importCsv, type ImportKind } from '../db/import/index.ts';
import { noCache } from '../db/result-cache.ts';
import { makeBenchCsv } from './bench-data.ts';
import { withThrowawayDatabase } from './bench-kit.ts';
import { median, record } from './bench-report.ts';

const TODAY = '2026-11-23';

type Csv = ReturnType<typeof makeBenchCsv>;
const rowsOf = (text: string) => text.split('\n').length - 1;

/** Seconds the real importer takes for units, staff, then cases and collections (the two timed). */
async function importOnce(databaseUrl: string | undefined, csv: Csv): Promise<number> {
  const handle = await createDb({ databaseUrl, pgliteDir: 'memory://' });
  try {
    let timed = 0;
    for (const kind of ['units', 'staff', 'cases', 'collections'] as ImportKind[]) {
      const started = performance.now();
      const result = await importCsv(handle.db, kind, csv[kind as keyof Csv], { actor: { label: 'bench' }, channel: 'import', today: TODAY, changes: noCache });
      if (result.issues.length > 0) throw new Error(`bench ${kind}.csv rejected: ${JSON.stringify(result.issues.slice(0, 3))}`);
      if (kind === 'cases' || kind === 'collections') timed += (performance.now() - started) / 1000;
    }
    return timed;
  } finally {
    await handle.close();
  }
}

/** Seconds to COPY the cases and collections CSV into unlogged text tables. */
async function copyOnce(url: string, csv: Csv): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const columns = (text: string) => text.slice(0, text.indexOf('\n')).split(',').map((c) => `"${c}" text`).join(', ');
    await sql.unsafe(`create unlogged table floor_cases (${columns(csv.cases)}); create unlogged table floor_collections (${columns(csv.collections)})`);
    const started = performance.now();
    for (const [table, text] of [['floor_cases', csv.cases], ['floor_collections', csv.collections]] as const) {
      const writable = await sql.unsafe(`copy ${table} from stdin with (format csv, header true)`).writable();
      await pipeline(Readable.from([text]), writable);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await sql.end();
  }
}

export async function benchImportThroughput(plan: { cases: number; rounds: number; pglite: boolean }): Promise<void> {
  const csv = makeBenchCsv({ units: 10, officersPerUnit: 10, cases: plan.cases, today: TODAY });
  const rows = rowsOf(csv.cases) + rowsOf(csv.collections);
  console.log(`\n— Import throughput: ${rowsOf(csv.cases)} cases + ${rowsOf(csv.collections)} collections (a synthetic province), ${plan.rounds} fresh database(s) each`);
  const pg: { app: number; floor: number }[] = [];
  for (let r = 0; r < plan.rounds; r++) {
    await withThrowawayDatabase('thads_bench_import', 'import', async (url) => {
      const floor = await withThrowawayDatabase('thads_bench_copy', 'import', (copyUrl) => copyOnce(copyUrl, csv));
      pg.push({ app: await importOnce(url, csv), floor: floor ?? NaN });
    });
  }
  if (pg.length > 0) {
    record({
      name: 'import of cases + collections through the importer, rows/s',
      driver: 'postgres',
      value: rows / median(pg.map((x) => x.app)),
      floor: rows / median(pg.map((x) => x.floor)),
      ratio: median(pg.map((x) => x.floor / x.app)),
      unit: 'rows/s',
      note: `${rows} rows; seconds per round ${pg.map((x) => x.app.toFixed(1)).join('/')}; floor: COPY of the same CSV into unlogged text tables, ${pg.map((x) => x.floor.toFixed(2)).join('/')} s`,
    });
  }
  if (plan.pglite) {
    const times: number[] = [];
    for (let r = 0; r < plan.rounds; r++) times.push(await importOnce(undefined, csv));
    record({ name: 'import of cases + collections through the importer, rows/s', driver: 'pglite', value: rows / median(times), unit: 'rows/s', note: `${rows} rows, in memory; seconds per round ${times.map((t) => t.toFixed(1)).join('/')}` });
  }
}
