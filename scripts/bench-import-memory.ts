/**
 * The server's memory while it imports a large cases.csv through `POST /api/import/cases`: the
 * real entry (`server/node.ts`) in its own process, on PGlite (a data directory on disk, as
 * `npm start` keeps it) and on a throwaway PostgreSQL database. Its resident memory (VmRSS) is
 * sampled while idle, after the units and staff are in, then all through the import.
 * Goal: at most 100 MB over idle for a 50 MB file (BENCH_IMPORT_MB sets the size).
 * Run alone with `npx tsx scripts/bench-import-memory.ts`; `npm run bench` runs it too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeBenchCsv } from './bench-data.ts';
import { withThrowawayDatabase } from './bench-kit.ts';

const MEGABYTES = Number(process.env.BENCH_IMPORT_MB ?? 50);
const TOKEN = 'bench-import-memory-token';
const TODAY = '2026-11-23';
const GOAL_GROWTH_MB = 100;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Measure {
  idleMb: number;
  peakMb: number;
  seconds: number;
  status: number;
  answer: string;
}

export async function benchImportMemory(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'thads-bench-import-'));
  try {
    const files = writeFiles(dir);
    console.log(`[import memory] cases.csv of ${mb(statSync(files.cases).size)} MB (${files.rows} cases), through POST /api/import/cases:`);
    report('PGlite (data directory on disk)', await measure({ PGLITE_DIR: join(dir, 'pglite') }, files));
    const pg = await withThrowawayDatabase('thads_bench_mem', 'import memory', (url) => measure({ DATABASE_URL: url }, files));
    if (pg) report('PostgreSQL', pg);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, m: Measure): void {
  const growth = m.peakMb - m.idleMb;
  const verdict = growth <= GOAL_GROWTH_MB ? 'within' : 'OVER';
  console.log(
    `[import memory]   ${label}: idle ${m.idleMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB, growth ${growth.toFixed(0)} MB ` +
      `(goal ≤ ${GOAL_GROWTH_MB} MB: ${verdict}); import ${m.seconds.toFixed(1)} s, HTTP ${m.status} ${m.answer}`,
  );
}

/** units.csv, staff.csv and a cases.csv of about MEGABYTES, written to `dir`. */
function writeFiles(dir: string): { units: string; staff: string; cases: string; rows: number } {
  // makeBenchCsv's case lines run about 105 bytes; collections are not needed here.
  const rows = Math.round((MEGABYTES * 1024 * 1024) / 105);
  const csv = makeBenchCsv({ units: 10, officersPerUnit: 10, cases: rows, today: TODAY });
  const path = (name: string) => join(dir, `${name}.csv`);
  for (const kind of ['units', 'staff', 'cases'] as const) writeFileSync(path(kind), csv[kind]);
  return { units: path('units'), staff: path('staff'), cases: path('cases'), rows };
}

async function measure(dbEnv: Record<string, string>, files: { units: string; staff: string; cases: string }): Promise<Measure> {
  // A first run creates the database and takes the units and staff; the measured run starts on
  // it afresh, as a server restarted some time after set-up (creating a PGlite directory alone
  // touches several hundred MB that a restarted server never sees again).
  await withServer(dbEnv, async (base) => {
    for (const kind of ['units', 'staff'] as const) {
      const answer = await post(`${base}/${kind}`, files[kind]);
      if (answer.status !== 200) throw new Error(`${kind}.csv: HTTP ${answer.status} ${answer.body}`);
    }
  });
  return withServer(dbEnv, async (base, pid) => {
    await sleep(3000); // let start-up settle
    const idle: number[] = [];
    for (let i = 0; i < 10; i++, await sleep(100)) idle.push(rssMb(pid));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
    const started = performance.now();
    const answer = await post(`${base}/cases`, files.cases).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, rssMb(pid));
    return { idleMb: Math.max(...idle), peakMb: peak, seconds, status: answer.status, answer: answer.body.slice(0, 200) };
  });
}

/** Runs `server/node.ts` in its own process for the time of `work`. */
async function withServer<T>(dbEnv: Record<string, string>, work: (base: string, pid: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN: TOKEN, SEED_DEMO: 'never', JOBS: 'off', LOG_LEVEL: 'warn', ...dbEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => server.once('exit', done));
  try {
    await listening(server);
    return await work(`http://127.0.0.1:${port}/api/import`, server.pid!);
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

/** The process's resident memory now, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** Streams a file as the body, as `curl --data-binary @file` does. */
function post(url: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv', 'Content-Length': statSync(file).size },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('http://127.0.0.1:')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before listening: ${out}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchImportMemory();
