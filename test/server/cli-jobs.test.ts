import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { runWithDeps } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/types.ts';
import type { Deps } from '../../server/deps.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { type ChatApiStandIn, startChatApiStandIn, telegramAnswers } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { setChannels } from '../helpers/fixtures.ts';
import { noCache } from '../../db/result-cache.ts';

const MONDAY = '2026-11-23T07:30:00+07:00';

describe.each(drivers)('thads jobs and thads deliveries on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  let deps: Deps;
  let channels: number;
  const run = async (...argv: string[]) => {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, isTTY: false };
    const code = await runWithDeps(deps, argv, io);
    return { code, ...out };
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    // Every demo unit gets a Telegram group; one of them has removed the bot.
    const ids = (await queryRows<{ id: number }>(handle.db, sql`select id from units`)).map((r) => Number(r.id));
    for (const id of ids) await setChannels(handle.db, id, { telegram: `-100${id}` });
    channels = ids.length;
    standIn = await startChatApiStandIn();
    standIn.refuse('-1002', telegramAnswers.kicked());
    const env = { LOG_LEVEL: 'silent' as const, TELEGRAM_BOT_TOKEN: '1:test', TELEGRAM_MODE: 'polling' as const, TELEGRAM_API_ROOT: standIn.telegramApiRoot };
    deps = createTestDeps(handle, env, () => new Date(MONDAY)).deps;
  });
  afterAll(async () => {
    await handle.close();
    await standIn.close();
  });

  it('jobs run --dry-run prints the messages and writes nothing', async () => {
    const { code, stdout, stderr } = await run('jobs', 'run', 'weekly-briefing', '--now', MONDAY, '--dry-run');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Tác vụ weekly-briefing, lượt chạy lúc 2026-11-23 07:30 (giờ Asia/Ho_Chi_Minh)');
    expect(stdout).toContain('── telegram -100');
    expect(stdout).toContain('Chạy thử: không ghi và không gửi gì.');
    expect(standIn.arrivals).toEqual([]);
    expect((await run('deliveries')).stdout).toContain('Hàng đợi không có tin nhắn nào.');
  });

  it('jobs run inspection-reminders --dry-run plans the demo reminders and writes nothing', async () => {
    const { code, stdout, stderr } = await run('jobs', 'run', 'inspection-reminders', '--now', '2026-11-23T08:30:00+07:00', '--dry-run');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Tác vụ inspection-reminders, lượt chạy lúc 2026-11-23 08:30 (giờ Asia/Ho_Chi_Minh)');
    expect(stdout).toContain('Chạy thử: không ghi và không gửi gì.');
    expect(standIn.arrivals).toEqual([]);
  });

  it('jobs run prune-records --dry-run deletes nothing', async () => {
    await handle.db.execute(sql`insert into processed_updates (platform, update_id, created_at) values ('telegram', 'old-claim', '2026-01-01')`);
    const { code, stdout } = await run('jobs', 'run', 'prune-records', '--now', MONDAY, '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('Đây là tác vụ dọn dẹp dữ liệu, không gửi tin nhắn: chạy thử không xóa gì.');
    const left = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from processed_updates where update_id = 'old-claim'`);
    expect(left[0]!.n).toBe(1);
    await run('jobs', 'run', 'prune-records', '--now', MONDAY);
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from processed_updates where update_id = 'old-claim'`))[0]!.n).toBe(0);
  });

  it('jobs run delivers once; a second run at the same instant sends nothing', async () => {
    const first = await run('jobs', 'run', 'weekly-briefing', '--now', MONDAY, '--json');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json).toMatchObject({ job: 'weekly-briefing', slot: '2026-11-23T00:30:00.000Z', dry_run: false, existing: 0 });
    expect(json.planned).toBe(channels);
    // Every group but the kicked one got its briefing, and the province's leaders one notice of it.
    expect(json.delivered.telegram).toMatchObject({ sent: channels, unreachable: 1, failed: 0 });
    const notices = standIn.arrivals.filter((a) => a.text.includes('Không gửi được tin nhắn tới'));
    expect(notices).toHaveLength(1);
    const briefings = standIn.arrivals.filter((a) => !notices.includes(a) && !a.photo);
    expect(briefings.map((a) => a.chatId).sort()).toEqual([...new Set(briefings.map((a) => a.chatId))].sort());
    expect(briefings).toHaveLength(channels - 1);
    // The province's group gets its units' chart after its table, once.
    const photos = standIn.arrivals.filter((a) => a.photo);
    expect(photos).toHaveLength(1);
    const province = briefings.find((a) => a.text.includes('Xếp hạng các đơn vị thuộc'))!;
    expect(photos[0]).toMatchObject({ chatId: province.chatId, text: 'Tỷ lệ thi hành xong của các đơn vị, tính đến 23/11/2026' });
    const arrived = standIn.arrivals.length;

    const second = await run('jobs', 'run', 'weekly-briefing', '--now', MONDAY);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Dự kiến ${channels} tin nhắn: 0 mới, ${channels} đã có từ lần chạy trước (không gửi lại).`);
    expect(standIn.arrivals).toHaveLength(arrived);
  });

  it('jobs list shows schedules, the last slot and the next one in TZ_APP', async () => {
    const { code, stdout } = await run('jobs', 'list', '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toMatch(/weekly-briefing\s+30 7 \* \* 1\s+no\s+2026-11-23 07:30\s+2026-11-30 07:30/);
    expect(stdout).toMatch(/overdue-alerts\s+0 8 \* \* \*\s+yes\s+never\s+2026-11-23 08:00/);
    expect(stdout).toMatch(/inspection-reminders\s+30 8 \* \* \*\s+yes\s+never\s+2026-11-23 08:30/);
    const json = JSON.parse((await run('jobs', 'list', '--json')).stdout);
    expect(json.jobs.find((j: { job: string }) => j.job === 'weekly-briefing')).toMatchObject({ next_slot_local: '2026-11-30 07:30' });
  });

  it('deliveries shows the outbox, --failed only what did not arrive', async () => {
    const all = await run('deliveries', '--limit', '500', '--json');
    const { counts, deliveries } = JSON.parse(all.stdout);
    expect(counts).toMatchObject({ unreachable: 1, failed: 0, pending: 0 });
    expect(deliveries.length).toBe(counts.sent + 1);
    expect(deliveries.filter((d: { job: string }) => d.job === 'delivery-notices')).toHaveLength(1);
    const failed = await run('deliveries', '--failed');
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('-1002');
    expect(failed.stdout).toContain('không tới được');
    expect(failed.stdout).toContain('403 Forbidden: bot was kicked');
    expect(failed.stdout.split('\n').filter((l) => l.includes('weekly-briefing'))).toHaveLength(1);
  });

  it('refuses an unknown job (exit 1) and a bad --now (exit 2), changing nothing', async () => {
    expect(await run('jobs', 'run', 'nope')).toMatchObject({ code: 1, stderr: expect.stringContaining('Không có tác vụ "nope"') });
    const bad = await run('jobs', 'run', 'weekly-briefing', '--now', '2026-11-23');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--now "2026-11-23" không hợp lệ');
    expect(await run('deliveries', '--failed', '--limit', '0')).toMatchObject({ code: 2 });
  });
});
