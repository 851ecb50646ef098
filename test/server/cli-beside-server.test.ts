import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.ts';
import { createDb } from '../../db/client.ts';
import { getSummary, getSummaryShared } from '../../db/numbers/summary.ts';
import { claimUpdate, isClaimed } from '../../db/processed-updates.ts';
import { runCli } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import { type RunningServer, startServer } from '../../server/start.ts';
import { TEST_NOW } from '../helpers/app-deps.ts';

// `thads` beside a running `npm start` on the embedded database: through the server's socket,
// with real PGlite on disk, postgres.js and the server's own code writing and reading meanwhile.

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'thads-beside-'));
const pgliteDir = join(root, 'pglite');
const env = { PGLITE_DIR: pgliteDir, DATABASE_URL: '', LOG_LEVEL: '', DEFAULT_LOCALE: 'vi' };
const AT = '2026-09-30'; // work year 2026, from 2025-10-01: the fixtures' year

async function thads(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, isTTY: false };
  const code = await runCli(argv, env, io, { now: () => TEST_NOW });
  return { code, ...out };
}

/** `count` cases of TN-HT, the last one bad (an unknown status) when `badLast`. */
function casesFile(name: string, prefix: string, count: number, badLast = false): string {
  const lines = ['code,unit_code,officer_code,decision_no,decision_date,accepted_date,amount,status,status_date,verified_on,due_date,flags'];
  for (let i = 1; i <= count; i++) {
    const status = badLast && i === count ? 'lost' : 'enforcing';
    lines.push(`${prefix}-${i},TN-HT,HT02,${i}/QĐ,2025-10-01,2025-10-02,${1_000_000 + i},${status},2025-10-02,,,`);
  }
  const file = join(root, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('the CLI beside a running server on PGlite', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ env: { ...env, PORT: '0', SEED_DEMO: 'never', JOBS: 'off', LOG_LEVEL: 'silent' }, now: () => TEST_NOW });
    for (const kind of ['units', 'staff', 'cases']) {
      const result = await thads('import', kind, join(fixtures, `${kind}.csv`));
      expect(result.code, result.stderr).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('says on its first lines that the CLI and the console work beside it, and through what', () => {
    expect(running.banner).toContain(`npm run thads -- summary BH  (in another terminal, beside this server: through its socket ${pgliteDir}.sock)`);
    expect(running.banner).toContain('npm run console -- --as BH-DS-CHV01  (in another terminal, beside this server');
  });

  it('answers through the server, saying so in one line in the person\'s language', async () => {
    const vi = await thads('summary', 'TN', '--at', AT, '--json');
    expect(vi.code).toBe(0);
    expect(JSON.parse(vi.stdout)).toMatchObject({ unit: 'TN' });
    expect(vi.stderr).toBe(`Dùng cơ sở dữ liệu của máy chủ đang chạy (tiến trình ${process.pid}), qua ${pgliteDir}.sock.\n`);
    const en = await thads('summary', 'TN', '--at', AT, '--lang', 'en');
    expect(en.stderr).toBe(`Using the running server's database (process ${process.pid}) through ${pgliteDir}.sock.\n`);
  });

  it('makes the server forget the figures it kept once an import through the socket has committed', async () => {
    const { deps } = running;
    const kept = await getSummaryShared(deps.db, 'TN', AT, deps.numbers, deps.cache);
    expect(await getSummaryShared(deps.db, 'TN', AT, deps.numbers, deps.cache)).toBe(kept); // kept, not recomputed
    const imported = await thads('import', 'collections', join(fixtures, 'collections.csv'));
    expect(imported.code, imported.stderr).toBe(0);
    const after = await getSummaryShared(deps.db, 'TN', AT, deps.numbers, deps.cache);
    expect(after.money.done).toBeGreaterThan(kept.money.done);
    expect(after).toEqual(await getSummary(deps.db, 'TN', AT, deps.numbers));
  });

  it('runs an import and the server\'s own writes and reads side by side, never one inside the other', { timeout: 120_000 }, async () => {
    const { deps } = running;
    const casesBefore = (await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total;
    const server = serverWork(deps, 'ok');
    const imported = await thads('import', 'cases', casesFile('many.csv', 'MANY', 1_500));
    const { claims, totals } = await server.stop();
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/1\.500/);
    // Each server read saw the import wholly or not at all; every server write is there.
    expect(new Set(totals).size).toBeLessThanOrEqual(2);
    for (const total of totals) expect([casesBefore, casesBefore + 1_500]).toContain(total);
    for (const id of claims) expect(await isClaimed(deps.db, 'telegram', id)).toBe(true);
    expect(claims.length).toBeGreaterThan(1);
    expect((await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total).toBe(casesBefore + 1_500);
  });

  it('leaves nothing of an import refused half-way, and rolls back none of the server\'s writes with it', { timeout: 120_000 }, async () => {
    const { deps } = running;
    const casesBefore = (await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total;
    const server = serverWork(deps, 'refused');
    const refused = await thads('import', 'cases', casesFile('bad.csv', 'BAD', 1_500, true));
    const { claims, totals } = await server.stop();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv:1501: status:/);
    for (const total of totals) expect(total).toBe(casesBefore);
    for (const id of claims) expect(await isClaimed(deps.db, 'telegram', id)).toBe(true);
    expect(claims.length).toBeGreaterThan(1);
    expect((await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total).toBe(casesBefore);
  });

  it('rolls back a dry run that wrote every row, and none of the server\'s writes made meanwhile', { timeout: 120_000 }, async () => {
    const { deps } = running;
    const casesBefore = (await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total;
    const server = serverWork(deps, 'dry');
    const dry = await thads('import', 'cases', casesFile('dry.csv', 'DRY', 1_500), '--dry-run');
    const { claims, totals } = await server.stop();
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/thêm mới 1\.500/);
    for (const total of totals) expect(total).toBe(casesBefore);
    for (const id of claims) expect(await isClaimed(deps.db, 'telegram', id)).toBe(true);
    expect((await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total).toBe(casesBefore);
  });

  // Last: it stops the server.
  it('tells the person in one line when the server stops under an import, which leaves nothing', { timeout: 120_000 }, async () => {
    const casesBefore = (await getSummary(running.deps.db, 'TN-HT', AT, running.deps.numbers)).cases.total;
    const file = casesFile('cut.csv', 'CUT', 20_000);
    // A real `thads` process: whatever breaks in it when its server vanishes (postgres.js can throw
    // from its own timer then) must end in one line, never a stack trace.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', 'cases', file], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: { ...process.env, ...env },
    });
    let stderr = '';
    let stopped: Promise<void> | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Once connected (its one-line notice), give the import a moment to be well inside its transaction.
      stopped ??= new Promise((resolve) => setTimeout(resolve, 300)).then(() => running.stop());
    });
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    await stopped;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(2);
    expect([
      `Máy chủ đang chạy (tiến trình ${process.pid}) đã ngắt kết nối, có lẽ vì nó vừa dừng: việc đang làm dở không được lưu. Hãy chạy lại lệnh.`,
      t('vi', 'cli.interrupted'),
    ]).toContain(lines[1]);
    expect(stderr).not.toMatch(/\n\s+at /);
    const alone = await createDb({ pgliteDir });
    try {
      const deps = { ...running.deps, db: alone.db };
      expect((await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total).toBe(casesBefore);
    } finally {
      await alone.close();
    }
  });
});

/** The server's own code writing (a claimed update) and reading (a summary) in a loop until stopped. */
function serverWork(deps: RunningServer['deps'], tag: string) {
  const claims: string[] = [];
  const totals: number[] = [];
  let stopping = false;
  const loop = (async () => {
    for (let i = 0; !stopping; i++) {
      // The server's work starts from I/O (a request, a timer): a loop of promises alone would
      // never let the socket's clients be read at all.
      await new Promise((resolve) => setImmediate(resolve));
      const id = `${tag}-${i}`;
      expect(await claimUpdate(deps.db, 'telegram', id)).toBe(true);
      claims.push(id);
      totals.push((await getSummary(deps.db, 'TN-HT', AT, deps.numbers)).cases.total);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await loop;
      return { claims, totals };
    },
  };
}
