import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/demo/index.ts';
import { noCache } from '../../db/result-cache.ts';
import { runWithDeps } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';

describe('thads questions', () => {
  let handle: TestDb;
  let deps: Deps;
  let ds = '';
  const run = async (...argv: string[]) => {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, isTTY: false };
    const code = await runWithDeps(deps, argv, io);
    return { code, ...out };
  };

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps;
    const core = createTestCore(handle.db);
    ds = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    await say(core, 'BH-CT', `/chatvan ${ds} Vì sao chưa xác minh?`);
    await say(core, 'BH-CT', `/chatvan ${await firstCaseOf(handle.db, 'BH-HA-CHV01')} Tiến độ thu tiền?`);
    await say(core, 'BH-DS-TP', '/traloi CV1 Đã xác minh ngày 20/11/2026.');
  });
  afterAll(() => handle.close());

  it('lists every question with its answer, a unit’s, and the open ones only', async () => {
    const all = await run('questions');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Mã\s+Mã việc\s+Đơn vị\s+Người chất vấn/m);
    expect(all.stdout).toMatch(new RegExp(`^CV1\\s+${ds}\\s+BH-DS\\s+Nguyễn Văn Thành\\s+23/11/2026\\s+Vì sao chưa xác minh\\?\\s+Hoàng Văn Dũng \\(23/11/2026\\)\\s+Đã xác minh`, 'm'));
    expect(all.stdout).toMatch(/^CV2\s.*chưa trả lời/m);
    expect((await run('questions', 'BH-DS')).stdout).not.toContain('CV2');
    const open = await run('questions', 'BH', '--open');
    expect(open.stdout).not.toContain('CV1');
    expect(open.stdout).toContain('CV2');
    expect(JSON.parse((await run('questions', '--open', '--json')).stdout)).toMatchObject([{ ref: 'CV2', answer: null }]);
    expect((await run('questions', 'BH-TB', '--open')).stdout).toBe('Không có chất vấn nào.\n');
    expect((await run('questions', 'BH-XX')).code).toBe(1);
    expect((await run('questions', 'BH', 'BH-DS')).code).toBe(2);
  });
});
