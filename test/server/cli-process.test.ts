import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real binary entry, as `npm run thads` does, and collects what it printed. */
function thads(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: '', DEFAULT_LOCALE: 'vi', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the thads process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thads-process-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds the demo into a PGlite directory, then answers summary --json with only JSON on stdout', { timeout: 180_000 }, async () => {
    const env = { PGLITE_DIR: join(dir, 'db') };
    const seed = await thads(['seed-demo'], env);
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/Đã nạp dữ liệu mẫu tỉnh BH/);

    const summary = await thads(['summary', 'BH', '--json'], env);
    expect(summary.code).toBe(0);
    expect(summary.stderr).toBe('');
    const json = JSON.parse(summary.stdout);
    expect(json).toMatchObject({ unit: 'BH', cases: expect.any(Object), money: expect.any(Object) });

    const unknown = await thads(['summary', 'NOPE'], env);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'Không tìm thấy đơn vị "NOPE".\n' });

    const usage = await thads([], env);
    expect(usage.code).toBe(2);
  });
});
