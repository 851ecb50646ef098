import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Two real processes: `npm start`'s entry holding the embedded database, and the `thads` binary
// beside it; then the server stopped, and killed.

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'test/fixtures/import');
const dir = mkdtempSync(join(tmpdir(), 'thads-beside-process-'));
const pgliteDir = join(dir, 'pglite');
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: '', DEFAULT_LOCALE: 'vi', PGLITE_DIR: pgliteDir };

const thads = (...args: string[]) => run(['server/cli.ts', ...args]);

/** A script of ours as its npm script runs it, with `input` on its stdin. */
function run(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env });
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The server's entry, resolved once its banner is out. */
function startServer(): Promise<{ child: ChildProcess; banner: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: root,
    env: { ...env, PORT: '0', SEED_DEMO: 'never', JOBS: 'off', LOG_LEVEL: 'silent' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('Stop with Ctrl+C')) resolve({ child, banner: out, exited });
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before its banner: ${out}`)));
  });
}

describe('thads beside npm start, as processes', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('works through the running server, then alone once it stopped or died', { timeout: 300_000 }, async () => {
    const first = await startServer();
    children.push(first.child);
    expect(first.banner).toContain(`(in another terminal, beside this server: through its socket ${pgliteDir}.sock)`);
    expect(JSON.parse(readFileSync(`${pgliteDir}.server.json`, 'utf8'))).toEqual({ pid: first.child.pid, socket: `${pgliteDir}.sock` });

    const line = `Dùng cơ sở dữ liệu của máy chủ đang chạy (tiến trình ${first.child.pid}), qua ${pgliteDir}.sock.\n`;
    const imported = await thads('import', 'units', join(fixtures, 'units.csv'));
    expect(imported).toMatchObject({ code: 0, stderr: line });
    const summary = await thads('summary', 'TN', '--json');
    expect(summary).toMatchObject({ code: 0, stderr: line });
    expect(JSON.parse(summary.stdout)).toMatchObject({ unit: 'TN' });
    expect(await thads('import', 'staff', join(fixtures, 'staff.csv'))).toMatchObject({ code: 0 });
    const chat = await run(['server/console.ts', '--as', 'HT02', '--lang', 'en'], '/trogiup\n');
    expect(chat.code).toBe(0);
    expect(chat.stderr).toBe(`Using the running server's database (process ${first.child.pid}) through ${pgliteDir}.sock.\n`);
    expect(chat.stdout).toContain('Phạm Thị Dung (HT02');

    // A clean stop removes the record and the socket: the CLI opens the directory itself.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(`${pgliteDir}.server.json`)).toBe(false);
    expect(existsSync(`${pgliteDir}.sock`)).toBe(false);
    expect(await thads('summary', 'TN', '--json')).toMatchObject({ code: 0, stderr: '' });

    // A server that dies leaves its record, lock and socket behind: a dead pid, ignored.
    const second = await startServer();
    children.push(second.child);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(JSON.parse(readFileSync(`${pgliteDir}.server.json`, 'utf8'))).toMatchObject({ pid: second.child.pid });
    const alone = await thads('summary', 'TN', '--json');
    expect(alone).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(alone.stdout)).toMatchObject({ unit: 'TN' });

    // And the next server takes the place over.
    const third = await startServer();
    children.push(third.child);
    expect(await thads('summary', 'TN', '--json')).toMatchObject({ code: 0, stderr: line.replace(String(first.child.pid), String(third.child.pid)) });
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});
