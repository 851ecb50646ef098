import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` for real: the Node entry in its own process, over HTTP, stopped by a signal.
const root = join(import.meta.dirname, '../..');
const token = 'e2e-admin-token-0123456789';

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startNode(env: Record<string, string>): Child {
  // Only what the test sets: an outer DATABASE_URL or bot token must not leak into this start.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor<T>(probe: () => T | undefined, what: string, child: Child, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (child.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ${what}; stdout:\n${child.stdout()}\nstderr:\n${child.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start (server/node.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thads-node-'));
  const pgliteDir = join(dir, 'pglite');
  const env = { PORT: '0', HOST: '127.0.0.1', PGLITE_DIR: pgliteDir, SEED_DEMO: 'auto', ADMIN_TOKEN: token, LOG_LEVEL: 'warn' };
  const children: Child[] = [];
  afterAll(() => {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo into a new embedded database, serves it, refuses a second start, and stops on SIGTERM', async () => {
    const first = startNode(env);
    children.push(first);
    const url = await waitFor(() => /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(first.stdout())?.[1], 'banner', first);
    expect(first.stdout()).toMatch(/Demo data: province BH loaded: \d+ units/);
    expect(first.stdout()).toContain(`PGlite (embedded) in ${pgliteDir}`);

    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });
    const summary = await fetch(`${url}/api/units/BH/summary`, { headers: { Authorization: `Bearer ${token}` } });
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({ unit: 'BH', cases: expect.any(Object), money: expect.any(Object) });

    // PGlite is one process's database: a second start must refuse, saying why and what to do.
    const second = startNode(env);
    children.push(second);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`already open by process ${first.process.pid}`);
    expect(second.stderr()).not.toMatch(/\n\s+at /); // no stack trace

    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);
    // Two server starts, the first loading the demo: on a loaded 2-core machine that alone can pass a minute.
  }, 180_000);

  it('says what is wrong with a PGLITE_DIR it cannot use, never "[object Object]" nor a stack', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const child = startNode({ ...env, PGLITE_DIR: file });
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(new RegExp(`^Cannot open the embedded database in ${file}: `));
    expect(child.stderr()).not.toContain('[object Object]');
    expect(child.stderr()).not.toMatch(/\n\s+at /);
  });

  it('stops with a message naming the bad variable', async () => {
    const child = startNode({ ...env, PORT: 'eighty' });
    children.push(child);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/^Invalid configuration:\n {2}PORT: /);
    expect(child.stderr()).not.toMatch(/\n\s+at /);
  });
});
