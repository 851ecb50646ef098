import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { UserError } from '../../db/errors.ts';
import { closeFinding, getFinding, reopenFinding, reportRemedy } from '../../db/findings.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { noCache } from '../../db/result-cache.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// The demo's inspection of Thạch Bàn (db/demo/inspection.ts), concluded 23/09/2026.
const OPEN = 'BH-TB-KT2026-02'; // open, overdue since 06/11/2026, BH-TB-CHV02 responsible
const REPORTED = 'BH-TB-KT2026-04'; // reported, BH-TB-CHV01 responsible
const RESPONSIBLE = 'BH-TB-CHV02';
const COLLEAGUE = 'BH-TB-CHV01';
const UNIT_HEAD = 'BH-TB-TP';
const CLERK = 'BH-TB-KT';
const PROVINCE_HEAD = 'BH-CT';
const DEPUTY = 'BH-PCT1';
const OTHER_UNIT_HEAD = 'BH-DS-TP';

describe.each(drivers)('inspection findings through the core: kiemtra and khacphuc (%s)', (driver) => {
  let handle: TestDb;
  let db: Db;
  const talk = async (as: string, text: string) => (await say(createTestCore(db), as, text, { id: `chat-${as}` }))[0]!;
  /** Everything a finding step writes: compared whole before and after a refusal. */
  const snapshot = async () => ({
    findings: await queryRows(db, sql`select code, status, reported_note, reported_at::text, updated_at::text from findings order by code`),
    events: await queryRows(db, sql`select finding_id, kind, staff_id, channel, note from finding_events order by id`),
    audit: await queryRows(db, sql`select action, entity_code, details from audit_log where entity = 'finding' order by id`),
  });
  const statusOf = async (code: string) => (await getFinding(db, code, '2026-11-23'))!.status;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
  });
  afterAll(() => handle.close());

  it('lists a unit’s open and reported findings, overdue first, with the buttons each person may press', async () => {
    const head = await talk(UNIT_HEAD, '/kiemtra');
    expect(head.text).toContain('Kết luận kiểm tra chưa khắc phục xong: Phòng Thi hành án dân sự khu vực Thạch Bàn (BH-TB), 5 nội dung');
    expect(head.text.indexOf(`${OPEN} · quá hạn 17 ngày`)).toBeLessThan(head.text.indexOf(`${REPORTED} · đã báo cáo khắc phục, chờ phúc tra`));
    expect(head.text).toContain('Thời hạn khắc phục: 06/11/2026');
    // A unit leader reports for any open finding of the unit, and closes nothing.
    expect(head.buttons).toEqual(['khacphuc BH-TB-KT2026-02', 'khacphuc BH-TB-KT2026-05', 'khacphuc BH-TB-KT2026-03']);
    // An officer sees the unit's findings too, with a button only under their own.
    expect((await talk(RESPONSIBLE, '/kiemtra')).buttons).toEqual([`khacphuc ${OPEN}`]);
    // A province leader: the whole province by default, follow-up buttons under what was reported.
    const leader = await talk(PROVINCE_HEAD, '/inspections');
    expect(leader.text).toContain('Thi hành án dân sự tỉnh Bình Hà (BH), 5 nội dung');
    expect(leader.buttons).toContain(`khacphuc dong ${REPORTED}`);
    expect(leader.buttons).toContain(`khacphuc mo ${REPORTED}`);
    expect((await talk(PROVINCE_HEAD, '/kiemtra BH-TB')).text).toContain('(BH-TB), 5 nội dung');
    expect((await talk(PROVINCE_HEAD, '/kiemtra BH-DS')).text).toContain('Không có nội dung kết luận kiểm tra nào');
    // Another unit's staff may not name Thạch Bàn: answered as an unknown unit.
    expect((await talk(OTHER_UNIT_HEAD, '/kiemtra BH-TB')).text).toBe((await talk(OTHER_UNIT_HEAD, '/kiemtra KHONGCO')).text.replace('KHONGCO', 'BH-TB'));
  });

  it('refuses what a person may not do or did wrong, clearly, changing nothing', async () => {
    const before = await snapshot();
    const unknown = await talk(OTHER_UNIT_HEAD, '/khacphuc BH-XX-KT2026-09 Đã khắc phục');
    expect(unknown.text).toBe('Không tìm thấy nội dung kết luận kiểm tra "BH-XX-KT2026-09". Gõ /kiemtra để xem các nội dung của đơn vị.');
    // Another unit's finding is answered exactly like one that does not exist.
    const hidden = await talk(OTHER_UNIT_HEAD, `/khacphuc ${OPEN} Đã khắc phục`);
    expect(hidden.text).toBe(unknown.text.replace('BH-XX-KT2026-09', OPEN));
    expect((await talk(OTHER_UNIT_HEAD, `/khacphuc dong ${REPORTED}`)).text).toBe(unknown.text.replace('BH-XX-KT2026-09', REPORTED));
    // A colleague sees it but is not responsible; a unit leader does not close; a clerk does not reopen.
    expect((await talk(COLLEAGUE, `/khacphuc ${OPEN} Đã làm`)).text).toContain('Chỉ người được giao hoặc lãnh đạo đơn vị được kiểm tra');
    expect((await talk(UNIT_HEAD, `/khacphuc dong ${REPORTED}`)).text).toBe(`Chỉ lãnh đạo THADS tỉnh mới đóng (sau phúc tra) hoặc mở lại nội dung ${REPORTED}.`);
    expect((await talk(CLERK, `/khacphuc mo ${REPORTED} Chưa đạt`)).text).toContain('Chỉ lãnh đạo THADS tỉnh');
    // Wrong states.
    expect((await talk(PROVINCE_HEAD, `/khacphuc dong ${OPEN}`)).text).toContain('chưa được báo cáo kết quả khắc phục nên chưa thể đóng');
    expect((await talk(PROVINCE_HEAD, `/khacphuc mo ${OPEN} Lý do`)).text).toContain('không cần mở lại');
    expect((await talk(COLLEAGUE, `/khacphuc ${REPORTED} Lần nữa`)).text).toContain('đang chờ phúc tra; không ghi nhận thêm');
    // Too long: 2,500 characters reach the writer, 10,000 do not even reach the command.
    expect((await talk(RESPONSIBLE, `/khacphuc ${OPEN} ${'a'.repeat(2500)}`)).text).toBe('Nội dung quá dài (2.500 ký tự, tối đa 2.000). Hãy viết ngắn gọn hơn.');
    expect((await talk(RESPONSIBLE, `/khacphuc ${OPEN} ${'a'.repeat(10_000)}`)).text).toContain('Tin nhắn quá dài');
    expect((await talk(RESPONSIBLE, `/khacphuc ${OPEN} Đã xong\u0007`)).text).toContain('ký tự điều khiển');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses in the writers too: no reason, a 10,000-character note, control characters, a hidden finding', async () => {
    const before = await snapshot();
    const ctx = { now: new Date('2026-11-23T02:00:00Z'), today: '2026-11-23', changes: noCache };
    const as = async (code: string) => ({ person: (await getPersonByCode(db, code))!, channel: 'console' as const });
    const refusal = (promise: Promise<unknown>) => promise.then(() => 'done', (e: unknown) => (e instanceof UserError ? e.code : String(e)));
    expect(await refusal(reopenFinding(db, REPORTED, { reason: '   ' }, await as(PROVINCE_HEAD), ctx))).toBe('finding.reason_required');
    expect(await refusal(reportRemedy(db, OPEN, { note: 'x'.repeat(10_000) }, await as(RESPONSIBLE), ctx))).toBe('finding.note_too_long');
    expect(await refusal(reportRemedy(db, OPEN, { note: 'Đã\u001b[31m xong' }, await as(RESPONSIBLE), ctx))).toBe('finding.control_characters');
    expect(await refusal(reportRemedy(db, OPEN, { note: '' }, await as(RESPONSIBLE), ctx))).toBe('finding.note_required');
    expect(await refusal(closeFinding(db, REPORTED, {}, await as(OTHER_UNIT_HEAD), ctx))).toBe('finding_not_found');
    expect(await refusal(closeFinding(db, REPORTED, {}, await as(UNIT_HEAD), ctx))).toBe('finding.province_only');
    expect(await snapshot()).toEqual(before);
  });

  it('goes open → reported (step by step) → closed → open, and reported → open, each step in its history and the audit trail', async () => {
    // Reopening from the button asks for the reason first; "huy" drops it.
    const asked = await talk(PROVINCE_HEAD, `khacphuc mo ${REPORTED}`);
    expect(asked.text).toContain(`Nhập lý do mở lại nội dung ${REPORTED}`);
    expect((await talk(PROVINCE_HEAD, 'huy')).text).toContain('Đã hủy');
    expect(await statusOf(REPORTED)).toBe('reported');

    // The responsible officer, step by step: the command, then the note as the next message.
    const ask = await talk(RESPONSIBLE, `/khacphuc ${OPEN}`);
    expect(ask.text).toContain(`Nhập kết quả khắc phục nội dung ${OPEN}, tối đa 2.000 ký tự (hoặc gõ /khacphuc ${OPEN} <kết quả>)`);
    const reported = await talk(RESPONSIBLE, 'Đã lập danh sách và phân công xác minh lại 9 việc; đã cập nhật kết quả.');
    expect(reported.text).toBe(
      `Đã ghi nhận báo cáo kết quả khắc phục nội dung ${OPEN}: chuyển từ "chưa khắc phục" sang "đã báo cáo khắc phục, chờ phúc tra".\n` +
        'Kết quả: Đã lập danh sách và phân công xác minh lại 9 việc; đã cập nhật kết quả.',
    );
    expect(await statusOf(OPEN)).toBe('reported');

    const closed = await talk(PROVINCE_HEAD, `/khacphuc dong ${OPEN} Phúc tra ngày 20/11/2026: đạt yêu cầu.`);
    expect(closed.text).toBe(
      `Đã đóng nội dung ${OPEN} sau phúc tra: chuyển từ "đã báo cáo khắc phục, chờ phúc tra" sang "đã khắc phục xong".\nGhi chú phúc tra: Phúc tra ngày 20/11/2026: đạt yêu cầu.`,
    );
    expect((await talk(UNIT_HEAD, '/kiemtra')).text).not.toContain(OPEN);

    // closed → open, the reason typed after the button's question.
    await talk(DEPUTY, `khacphuc mo ${OPEN}`);
    const reopened = await talk(DEPUTY, 'Kiểm tra lại thấy còn 02 việc chưa xác minh.');
    expect(reopened.text).toContain(`Đã mở lại nội dung ${OPEN}: chuyển từ "đã khắc phục xong (đã phúc tra)" sang "chưa khắc phục"`);
    expect(reopened.text).toContain('Lý do: Kiểm tra lại thấy còn 02 việc chưa xác minh.');
    expect(await statusOf(OPEN)).toBe('open');

    // reported → open, in English words.
    expect((await talk(COLLEAGUE, `/remedy reopen ${REPORTED} x`)).text).toContain('Chỉ lãnh đạo THADS tỉnh');
    expect((await talk(PROVINCE_HEAD, `/remedy reopen ${REPORTED} Thiếu biên bản của 02 hồ sơ.`)).text).toContain(`Đã mở lại nội dung ${REPORTED}`);
    expect(await statusOf(REPORTED)).toBe('open');

    const finding = (await getFinding(db, OPEN, '2026-11-23'))!;
    expect(finding.reportedNote).toBeNull();
    expect(finding.events.map((e) => [e.kind, e.staffCode, e.channel])).toEqual([
      ['reported', RESPONSIBLE, 'telegram'],
      ['closed', PROVINCE_HEAD, 'telegram'],
      ['reopened', DEPUTY, 'telegram'],
    ]);
    expect(finding.events[2]!.note).toBe('Kiểm tra lại thấy còn 02 việc chưa xác minh.');
    const audit = await queryRows<{ action: string; entity_code: string; details: Record<string, unknown> }>(
      db,
      sql`select action, entity_code, details from audit_log where entity = 'finding' order by id`,
    );
    expect(audit.map((a) => [a.action, a.entity_code, a.details.from, a.details.to])).toEqual([
      ['finding.report', OPEN, 'open', 'reported'],
      ['finding.close', OPEN, 'reported', 'closed'],
      ['finding.reopen', OPEN, 'closed', 'open'],
      ['finding.reopen', REPORTED, 'reported', 'open'],
    ]);
    expect((await getFinding(db, REPORTED, '2026-11-23'))!.events.map((e) => e.kind)).toEqual(['reopened']);
  });

  it('shows one finding with its history to whoever may see it, and as an unknown unit to anyone else', async () => {
    const detail = await talk(UNIT_HEAD, `/kiemtra ${OPEN}`);
    expect(detail.text).toContain(`Nội dung kết luận kiểm tra ${OPEN} · quá hạn 17 ngày`);
    expect(detail.text).toContain('Thời hạn khắc phục: 06/11/2026');
    expect(detail.text).toMatch(/Quá trình khắc phục:\n23\/11\/2026 · báo cáo kết quả khắc phục · Hồ Văn Tài: Đã lập danh sách/);
    expect(detail.text).toContain('23/11/2026 · mở lại · Trần Thị Thu Hà: Kiểm tra lại thấy còn 02 việc chưa xác minh.');
    expect(detail.buttons).toEqual([`khacphuc ${OPEN}`]);
    expect((await talk(PROVINCE_HEAD, `/kiemtra ${OPEN}`)).buttons).toEqual([]);
    const hidden = await talk(OTHER_UNIT_HEAD, `/kiemtra ${OPEN}`);
    expect(hidden.text).toBe((await talk(OTHER_UNIT_HEAD, '/kiemtra BH-XX-KT2026-09')).text.replace('BH-XX-KT2026-09', OPEN));
  });

  it('speaks English to those who chose it', async () => {
    await talk(CLERK, '/language en');
    const listed = await talk(CLERK, '/inspections');
    expect(listed.text).toContain('Inspection findings not yet closed: Phòng Thi hành án dân sự khu vực Thạch Bàn (BH-TB)');
    expect(listed.text).toContain(`${OPEN} · 17 days overdue`);
    expect((await talk(CLERK, `/remedy close ${OPEN}`)).text).toBe(`Only province leaders close (after follow-up) or reopen finding ${OPEN}.`);
  });
});
