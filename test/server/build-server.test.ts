import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` runs the server built to plain JavaScript (scripts/build-server.mjs), not through
// tsx: the bundle must find what its sources find beside them (the migrations, bree's worker
// shim, the chart fonts) and keep the lazily loaded parts (XLSX) working.
const root = join(import.meta.dirname, '../..');
const outdir = join(root, 'dist', `test-${process.pid}`);
const token = 'build-test-admin-token-0123456789';

describe('the built server (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thads-build-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  });

  it('builds, migrates a new embedded database, loads the demo, answers a summary, an XLSX report and a chart, and stops on SIGTERM', async () => {
    execFileSync(process.execPath, ['scripts/build-server.mjs', outdir], { cwd: root });
    expect(existsSync(join(outdir, 'server.mjs'))).toBe(true);

    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: join(dir, 'pglite'), SEED_DEMO: 'auto', ADMIN_TOKEN: token, LOG_LEVEL: 'warn', JOBS: 'on' };
    const started = spawn(process.execPath, [join(outdir, 'server.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let out = '';
    let err = '';
    started.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    let url: string | undefined;
    for (const deadline = Date.now() + 120_000; !url; await new Promise((r) => setTimeout(r, 100))) {
      url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (started.exitCode !== null || Date.now() > deadline) throw new Error(`no banner; stdout:\n${out}\nstderr:\n${err}`);
    }
    expect(out).toMatch(/Demo data: province BH loaded: \d+ units/);

    const auth = { Authorization: `Bearer ${token}` };
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' });
    const summary = await fetch(`${url}/api/units/BH/summary`, { headers: auth });
    expect(await summary.json()).toMatchObject({ unit: 'BH', cases: expect.any(Object), money: expect.any(Object) });
    const xlsx = await fetch(`${url}/api/units/BH/report.xlsx`, { headers: auth });
    expect(xlsx.status).toBe(200);
    // An XLSX file is a ZIP archive: "PK".
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');

    // ECharts and resvg are required on the first chart, from the bundle (bot/charts/png.ts).
    const png = await fetch(`${url}/api/units/BH/charts/rates.png`, { headers: auth });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).not.toMatch(/\n\s+at /);
  }, 240_000);
});
