import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/demo/index.ts';
import { expectSummaryAddsUp } from '../helpers/books.ts';
import { auditLog, linkCodes, staff } from '../../db/schema.ts';
import type { Deps } from '../../server/deps.ts';
import { hashLinkCode } from '../../db/link-codes.ts';
import { runCli, runWithDeps } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { noCache } from '../../db/result-cache.ts';

function capture(): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    isTTY: false,
  };
  return { io, out };
}

describe('thads command line, without a database', () => {
  const run = async (argv: string[]) => {
    const { io, out } = capture();
    // Any attempt to open a database here is a bug: usage and help need none.
    const code = await runCli(argv, { DEFAULT_LOCALE: 'vi' }, io, {
      openDeps: () => Promise.reject(new Error('no database expected')),
    });
    return { code, ...out };
  };

  it('prints the usage: exit 0 for help, 2 with no command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('thads summary <unit> [--at YYYY-MM-DD] [--json]');
    expect((await run(['help'])).code).toBe(0);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Chưa nhập lệnh.');
    expect(none.stderr).toContain('Cách dùng:');
  });

  it('refuses unknown commands, flags and missing arguments with exit 2', async () => {
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Không có lệnh "frobnicate".') });
    expect(await run(['summary', 'BH', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--bogus') });
    expect(await run(['summary'])).toMatchObject({ code: 2, stderr: expect.stringContaining('thiếu <unit>') });
    expect(await run(['summary', 'BH', '--dry-run'])).toMatchObject({ code: 2 });
    expect(await run(['summary', 'BH', '--lang', 'fr'])).toMatchObject({ code: 2 });
    expect(await run(['summary', 'BH', '--at'])).toMatchObject({ code: 2 });
  });

  it('asks for a subcommand of jobs', async () => {
    const jobs = await run(['jobs']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain('cần một lệnh con');
    expect(await run(['jobs', 'run'])).toMatchObject({ code: 2, stderr: expect.stringContaining('thiếu <job>') });
  });

  it('reports a bad configuration in one message naming the variable', async () => {
    const { io, out } = capture();
    const code = await runCli(['migrate'], { TZ_APP: 'Mars/Olympus' }, io);
    expect(code).toBe(1);
    expect(out.stderr).toContain('TZ_APP');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.each(drivers)('thads commands on %s with the demo province', (driver) => {
  let handle: TestDb;
  let deps: Deps;
  const dir = mkdtempSync(join(tmpdir(), 'thads-cli-'));
  const run = async (...argv: string[]) => {
    const { io, out } = capture();
    const code = await runWithDeps(deps, argv, io);
    return { code, ...out };
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    deps = createTestDeps(handle, { LOG_LEVEL: 'silent' }).deps;
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('summary --json prints exactly the contract object', async () => {
    const { code, stdout, stderr } = await run('summary', 'BH', '--at', '2026-11-23', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ unit: 'BH', work_year: 2027, from: '2026-10-01', at: '2026-11-23' });
    // Version 2: the keys of CONTRACT.md in its order (`kind` besides), the rows adding up.
    expect(Object.keys(json)).toEqual([
      'unit', 'name', 'kind', 'work_year', 'from', 'at', 'cases', 'money', 'targets', 'same_period_last_year', 'carried_cut', 'targets_met',
      'credit', 'flags', 'overdue',
    ]);
    const bookKeys = [
      'carried_over', 'new', 'total', 'entrusted', 'withdrawn', 'to_enforce', 'with_conditions', 'without_conditions',
      'completed', 'terminated', 'done', 'enforcing', 'postponed', 'suspended', 'carried_to_next', 'carried_with_conditions', 'rate',
    ];
    expect(Object.keys(json.cases)).toEqual(bookKeys);
    expect(Object.keys(json.money)).toEqual(bookKeys);
    expectSummaryAddsUp(json);
    expect(Object.keys(json.carried_cut)).toEqual(['base_at', 'cases_base', 'money_base', 'cases', 'money']);
    expect(json.carried_cut.base_at).toBe('2026-09-30');
    expect(Object.keys(json.targets_met)).toEqual(['cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut', 'count']);
    // The demo has credit cases and flagged ones: some of each, no more than the whole.
    expect(json.credit.cases).toBeGreaterThan(0);
    expect(json.credit.cases).toBeLessThanOrEqual(json.cases.to_enforce);
    expect(json.credit.done_cases).toBeLessThanOrEqual(json.credit.cases);
    expect(json.credit.done_money).toBeLessThanOrEqual(json.credit.money);
    expect(json.flags.complaint + json.flags.complex).toBeGreaterThan(0);
    expect(json.flags.complaint).toBeLessThanOrEqual(json.cases.carried_to_next);
    expect(json.same_period_last_year).toHaveProperty('cases_rate');
  });

  it('summary defaults to today in TZ_APP, not in UTC', async () => {
    // 18:00 UTC on the 23rd is already the 24th in Hà Nội.
    const late = { ...deps, now: () => new Date('2026-11-23T18:00:00Z') };
    const { io, out } = capture();
    expect(await runWithDeps(late, ['summary', 'BH-DS', '--json'], io)).toBe(0);
    expect(JSON.parse(out.stdout).at).toBe('2026-11-24');
  });

  it('summary for people: Vietnamese labels, vi-VN numbers, rates', async () => {
    const { code, stdout } = await run('summary', 'BH', '--at', '2026-11-23');
    expect(code).toBe(0);
    expect(stdout).toContain('Kết quả thi hành án dân sự năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)');
    expect(stdout).toContain('Tỷ lệ thi hành xong về việc');
    expect(stdout).toContain('Tổng số thụ lý');
    expect(stdout).toMatch(/\d{1,3}(\.\d{3})+ ₫/);
    expect(stdout).toMatch(/\d+,\d{2}%/);
    const en = await run('summary', 'BH', '--at', '2026-11-23', '--lang', 'en');
    expect(en.stdout).toContain('Rate done by cases');
    expect(en.stdout).toMatch(/\d{1,3}(,\d{3})+ ₫/);
  });

  it('an unknown unit is a user error: exit 1 and one Vietnamese line', async () => {
    const { code, stdout, stderr } = await run('summary', 'NOPE');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('Không tìm thấy đơn vị "NOPE".\n');
    expect((await run('ranking', 'NOPE', '--lang', 'en')).stderr).toBe('No unit "NOPE" was found.\n');
  });

  it('a bad --at is refused with the reason', async () => {
    const { code, stderr } = await run('summary', 'BH', '--at', '2026-13-01');
    expect(code).toBe(1);
    expect(stderr).toContain('Ngày "2026-13-01" không hợp lệ');
  });

  it('ranking <local unit> --json gives each officer the summary keys, their own targets and targets_met', async () => {
    const { code, stdout, stderr } = await run('ranking', 'BH-DS', '--at', '2026-11-23', '--json');
    expect([code, stderr]).toEqual([0, '']);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ unit: 'BH-DS', work_year: 2027, at: '2026-11-23', by: 'officers' });
    expect(json.rows.length).toBeGreaterThan(1);
    const bookKeys = [
      'carried_over', 'new', 'total', 'entrusted', 'withdrawn', 'to_enforce', 'with_conditions', 'without_conditions',
      'completed', 'terminated', 'done', 'enforcing', 'postponed', 'suspended', 'carried_to_next', 'carried_with_conditions', 'rate',
    ];
    const summary = JSON.parse((await run('summary', 'BH-DS', '--at', '2026-11-23', '--json')).stdout);
    for (const row of json.rows) {
      expect(Object.keys(row)).toEqual(['rank', 'code', 'name', 'cases', 'money', 'targets', 'carried_cut', 'targets_met', 'meets']);
      expect(Object.keys(row.cases)).toEqual(bookKeys);
      expect(Object.keys(row.money)).toEqual(bookKeys);
      expectSummaryAddsUp(row);
      expect(Object.keys(row.carried_cut)).toEqual(['base_at', 'cases_base', 'money_base', 'cases', 'money']);
      // The demo gives every officer targets of their own: never the unit's row.
      expect(Object.keys(row.targets)).toEqual(['cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut']);
      expect(Object.keys(row.targets_met)).toEqual(['cases_rate', 'money_rate', 'carried_cases_cut', 'carried_money_cut', 'count']);
    }
    // The first (most senior) officer's targets are a notch above the unit's.
    expect(json.rows.some((r: { targets: unknown }) => JSON.stringify(r.targets) !== JSON.stringify(summary.targets))).toBe(true);
    // A case held by no officer is in the unit's base only.
    const casesBase = json.rows.reduce((n: number, r: { carried_cut: { cases_base: number } }) => n + r.carried_cut.cases_base, 0);
    expect(casesBase).toBeLessThanOrEqual(summary.carried_cut.cases_base);
  });

  it('ranking and overdue print tables, and JSON on request', async () => {
    const ranking = await run('ranking', 'BH', '--at', '2026-11-23');
    expect(ranking.code).toBe(0);
    expect(ranking.stdout).toMatch(/^Hạng\s+Đơn vị\s+Xong\/Có ĐK\s+Tỷ lệ việc\s+Tỷ lệ tiền\s+Chỉ tiêu đạt$/m);
    expect(ranking.stdout).toMatch(/(đạt [0-3]\/4|đạt cả 04|chưa giao chỉ tiêu)$/m);
    expect(ranking.stdout).toContain('(BH-DS)');
    const rankingJson = JSON.parse((await run('ranking', 'BH', '--json')).stdout);
    expect(rankingJson).toMatchObject({ unit: 'BH', by: 'units' });
    const overdue = await run('overdue', 'BH-TB', '--at', '2026-11-23');
    expect(overdue.code).toBe(0);
    expect(overdue.stdout).toMatch(/Chậm xác minh điều kiện thi hành án|Có điều kiện, quá 01 năm chưa thi hành xong|Quá hạn xác minh lại \((06 tháng|01 năm)\)/);
    expect(overdue.stdout).toContain('Nội dung kết luận kiểm tra quá hạn khắc phục');
    const overdueJson = JSON.parse((await run('overdue', 'BH-TB', '--limit', '5', '--json')).stdout);
    expect(overdueJson.cases.length).toBeLessThanOrEqual(5);
    expect((await run('overdue', 'BH', '--limit', 'all')).code).toBe(2);
  });

  it('import of a bad file: exit 1, file:line: column: lines, nothing imported', async () => {
    const file = join(dir, 'units.csv');
    writeFileSync(file, 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id\nX1,Tỉnh X,province,,,\nX2,Khu vực,district,X1,,\n');
    const { code, stdout, stderr } = await run('import', 'units', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}:3: kind: .+$`, 'm'));
    expect(stderr).toContain('Không nhập gì');
    expect((await run('summary', 'X1')).code).toBe(1);
    expect(await run('import', 'units', join(dir, 'missing.csv'))).toMatchObject({ code: 1, stderr: expect.stringContaining('Không tìm thấy tệp') });
    expect((await run('import', 'gadgets', file)).code).toBe(2);
  });

  it('import of a good file says how many rows were added and updated', async () => {
    const file = join(dir, 'units-ok.csv');
    writeFileSync(file, 'code,name,kind,parent_code,telegram_chat_id,slack_channel_id\nX1,Tỉnh X,province,,,\n');
    const dry = await run('import', 'units', file, '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('(chạy thử, không ghi gì)') });
    expect((await run('summary', 'X1')).code).toBe(1);
    const real = await run('import', 'units', file);
    expect(real.code).toBe(0);
    expect(real.stdout).toBe(`${file}: 1 dòng — thêm mới 1, cập nhật 0\n`);
  });

  it('link-code prints a code, stores only its hash, and audits', async () => {
    const [officer] = await handle.db.select().from(staff).where(eq(staff.role, 'officer')).limit(1);
    const { code, stdout } = await run('link-code', officer!.code);
    expect(code).toBe(0);
    const printed = /Mã liên kết: ([A-Z0-9]{8})/.exec(stdout)?.[1];
    expect(printed).toBeDefined();
    expect(stdout).toContain(officer!.fullName);
    expect(stdout).toContain(`/lienket ${printed}`);
    expect(stdout).toContain('24/11/2026 10:00'); // 24 hours after the test clock, in Hà Nội time
    const rows = await handle.db.select().from(linkCodes).where(eq(linkCodes.staffId, officer!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).toBe(await hashLinkCode(printed!));
    expect(JSON.stringify(rows)).not.toContain(printed);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'link_code.create'));
    expect(audit.at(-1)).toMatchObject({ channel: 'console', entityCode: officer!.code });
    expect(JSON.stringify(audit)).not.toContain(printed);
    // A second code replaces the first.
    await run('link-code', officer!.code);
    expect(await handle.db.select().from(linkCodes).where(eq(linkCodes.staffId, officer!.id))).toHaveLength(1);
    expect(await run('link-code', 'NOBODY')).toMatchObject({ code: 1, stderr: 'Không tìm thấy cán bộ có mã "NOBODY".\n' });
  });

  it('seed-demo refuses to load the demo twice; migrate reports the applied state', async () => {
    expect(await run('seed-demo')).toMatchObject({ code: 1, stderr: 'Dữ liệu mẫu đã có (đơn vị BH): không nạp lại.\n' });
    const migrate = await run('migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/đã áp dụng (\d+)\/\1 bản migration, mới nhất \d{4}_\w+/i);
  });
});
