import { count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT } from '../../bot/core/dispatch.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { auditLog, cases, collections, dialogues, notes, staff, verifications } from '../../db/schema.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase } from '../helpers/fixtures.ts';
import { reportSnapshot } from '../helpers/report-snapshot.ts';
import { noCache } from '../../db/result-cache.ts';

/** A new case for a demo officer: accepted 05/10/2026, 50 triệu, 2 triệu of it collected, 48 triệu owed. */
async function addOwnCase(db: Db, officer: string, code: string) {
  const [who] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, officer));
  await addCase(db, { code, unitId: who!.unitId, officerId: who!.id, accepted: '2026-10-05', amount: 50_000_000, collections: [['2026-11-02', 2_000_000]] });
  return { code, remaining: 48_000_000 };
}

const lastAudit = async (db: Db, code: string) =>
  (await db.select().from(auditLog).where(eq(auditLog.entityCode, code)).orderBy(desc(auditLog.id)).limit(1))[0]!;

describe('capnhat: progress reports typed in full', () => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  let next = 0;
  /** A new enforcing case of BH-DS-CHV01, 50 triệu owed, that no other test has touched. */
  const fresh = () => addOwnCase(db, 'BH-DS-CHV01', `BH-DS-T-${++next}`);
  /** Runs a message that must be refused with `text`, and checks that nothing changed. */
  const refused = async (as: string | null, message: string, text: string | RegExp) => {
    const before = await reportSnapshot(db);
    const [answer] = await say(core, as, message);
    expect(answer!.text).toMatch(typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text);
    expect(await reportSnapshot(db)).toEqual(before);
  };

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(db);
  });
  afterAll(() => handle.close());

  it('records a collection at once, through the audit trail, and answers with the new state', async () => {
    const c = await fresh();
    const [answer] = await say(core, 'BH-DS-CHV01', `/capnhat ${c.code.toLowerCase()} thu 1.500.000`);
    expect(answer!.text).toContain(`Đã ghi nhận khoản thu 1.500.000 ₫ ngày 23/11/2026 cho việc ${c.code}.`);
    expect(answer!.text).toContain('Đã thu: 3.500.000 ₫\nCòn phải thi hành: 46.500.000 ₫');
    expect(answer!.text).toContain('Trạng thái: đang thi hành');
    expect(answer!.buttons).toEqual([]);
    const [row] = await db.select().from(collections).orderBy(desc(collections.id)).limit(1);
    expect(row).toMatchObject({ amount: 1_500_000, collectedOn: '2026-11-23', source: 'telegram' });
    const audit = await lastAudit(db, c.code);
    expect(audit).toMatchObject({ action: 'case.collect', channel: 'telegram', actor: 'BH-DS-CHV01 Bùi Văn Hải' });
  });

  it('takes Vietnamese amounts and a date of the past', async () => {
    const c = await fresh();
    const [answer] = await say(core, 'BH-DS-CHV01', `/update ${c.code} collect 2 triệu 300 nghìn 20/11/2026`);
    expect(answer!.text).toContain('Đã ghi nhận khoản thu 2.300.000 ₫ ngày 20/11/2026');
  });

  it('writes "console" in the audit trail for a report made on the console', async () => {
    const c = await fresh();
    await say(core, 'BH-DS-CHV01', `capnhat ${c.code} thu 1tr`, { platform: 'console' });
    expect(await lastAudit(db, c.code)).toMatchObject({ action: 'case.collect', channel: 'console', actor: 'BH-DS-CHV01 Bùi Văn Hải' });
    const [row] = await db.select().from(collections).orderBy(desc(collections.id)).limit(1);
    expect(row!.source).toBe('console');
  });

  it('offers to mark a case completed once nothing is owed, and completes it', async () => {
    const c = await fresh();
    const [paid] = await say(core, 'BH-DS-CHV01', `/capnhat ${c.code} thu ${c.remaining}`);
    expect(paid!.text).toContain('Còn phải thi hành: 0 ₫');
    expect(paid!.text).toContain('đã thu đủ');
    expect(paid!.buttons).toEqual([`capnhat ${c.code} xong`]);
    const [done] = await say(core, 'BH-DS-CHV01', paid!.buttons[0]!);
    expect(done!.text).toContain(`Đã ghi nhận việc ${c.code} thi hành xong ngày 23/11/2026.`);
    expect(done!.text).toContain('Trạng thái: thi hành xong (từ 23/11/2026)');
    // Reopening a completed case is a leader's decision (Law on THADS; db/status-rules.ts).
    await refused(
      'BH-DS-CHV01',
      `/capnhat ${c.code} trangthai dang thi hanh`,
      `Việc thi hành án ${c.code} đã ở trạng thái "thi hành xong": chỉ lãnh đạo mới được mở lại việc (chuyển sang "đang thi hành").`,
    );
    const [reopened] = await say(core, 'BH-DS-TP', `/capnhat ${c.code} trangthai đang thi hành`);
    expect(reopened!.text).toContain(`Đã chuyển việc ${c.code} từ "thi hành xong" sang "đang thi hành" từ ngày 23/11/2026.`);
    expect(await lastAudit(db, c.code)).toMatchObject({ action: 'case.status', actor: 'BH-DS-TP Hoàng Văn Dũng' });
  });

  it('refuses, in words and money the person reads, what the law or the books do not allow', async () => {
    const c = await fresh();
    const [owed, above] = ['48.000.000', '48.000.001'];
    await refused('BH-DS-CHV01', `/capnhat ${c.code} thu ${c.remaining + 1}`,
      `Khoản thu ${above} ₫ vượt quá số tiền còn phải thi hành của việc ${c.code} (${owed} ₫).`);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} thu 1tr 24/11/2026`,
      'Ngày 24/11/2026 chưa đến (hôm nay là 23/11/2026): chỉ báo cáo việc đã xảy ra.');
    await refused('BH-DS-CHV01', `/capnhat ${c.code} thu 1tr 31/02/2026`, 'Ngày "31/02/2026" không hợp lệ.');
    await refused('BH-DS-CHV01', `/capnhat ${c.code} thu 1,500`, /^Số tiền "1,500"/);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} xong`,
      `Việc thi hành án ${c.code} còn ${owed} ₫ chưa thi hành: hãy ghi khoản thu cuối cùng trước khi báo thi hành xong.`);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} trangthai hoan 01/01/2020`, /^Ngày 01\/01\/2020 sớm hơn ngày thụ lý/);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} trangthai ngu dong`, /^Không rõ trạng thái "ngu dong"\. Hãy gõ một trong: dangthihanh \(đang thi hành\), hoan/);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} lam gi`, /^Chưa đúng cú pháp\. Cách dùng: \/capnhat <mã việc> thu/);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} ghichu ${'x'.repeat(2001)}`, 'Nội dung dài 2.001 ký tự, vượt quá giới hạn 2.000 ký tự.');
    await refused('BH-DS-CHV01', `/capnhat ${c.code} ghichu ${'x'.repeat(10_000)}`,
      `Tin nhắn quá dài (tối đa ${MAX_INPUT} ký tự). Vui lòng gửi ngắn gọn hơn.`);
  });

  it('moves a status by its Vietnamese name, from a given day, and refuses a move the law has not', async () => {
    const c = await fresh();
    const [answer] = await say(core, 'BH-DS-CHV01', `/capnhat ${c.code} trangthai tạm đình chỉ 20/11/2026`);
    expect(answer!.text).toContain(`Đã chuyển việc ${c.code} từ "đang thi hành" sang "tạm đình chỉ thi hành án" từ ngày 20/11/2026.`);
    const [row] = await db.select().from(cases).where(eq(cases.code, c.code));
    expect(row).toMatchObject({ status: 'suspended', statusDate: '2026-11-20' });
    await refused('BH-DS-CHV01', `/capnhat ${c.code} trangthai hoan`,
      `Không thể chuyển việc thi hành án ${c.code} từ "tạm đình chỉ thi hành án" sang "hoãn thi hành án".`);
    await refused('BH-DS-CHV01', `/capnhat ${c.code} trangthai tamdinhchi`, `Việc thi hành án ${c.code} đã ở trạng thái "tạm đình chỉ thi hành án".`);
  });

  it('records a verification with a remark, and a note exactly as typed, HTML and all', async () => {
    const c = await fresh();
    const [verified] = await say(core, 'BH-DS-CHV01', `/capnhat ${c.code} xacminh 21/11/2026 Đã xác minh tại UBND xã`);
    expect(verified!.text).toContain(`Đã ghi nhận xác minh điều kiện thi hành án của việc ${c.code} ngày 21/11/2026.`);
    const [v] = await db.select().from(verifications).orderBy(desc(verifications.id)).limit(1);
    expect(v).toMatchObject({ verifiedOn: '2026-11-21', note: 'Đã xác minh tại UBND xã', source: 'telegram' });
    const typed = '<b>Đương sự</b> hẹn nộp & <script>alert(1)</script>';
    const [noted] = await say(core, 'BH-DS-CHV01', `/capnhat ${c.code} ghichu ${typed}`);
    expect(noted!.text).toContain(`Đã thêm ghi chú vào việc ${c.code}.`);
    const [n] = await db.select().from(notes).orderBy(desc(notes.id)).limit(1);
    expect(n!.body).toBe(typed);
    expect(await lastAudit(db, c.code)).toMatchObject({ action: 'case.note', channel: 'telegram' });
  });

  it('lets the unit’s leaders report on any of its cases, and nobody else', async () => {
    const c = await fresh();
    const [leader] = await say(core, 'BH-DS-PP', `/capnhat ${c.code} thu 100k`);
    expect(leader!.text).toContain('Đã ghi nhận khoản thu 100.000 ₫');
    const unknown = (await say(core, 'BH-DS-CHV02', '/capnhat BH-DS-2026-9999 thu 100k'))[0]!.text;
    await refused('BH-DS-CHV02', `/capnhat ${c.code} thu 100k`, unknown.replace('BH-DS-2026-9999', c.code));
    await refused('BH-HA-TP', `/capnhat ${c.code} thu 100k`, unknown.replace('BH-DS-2026-9999', c.code));
    await refused('BH-CT', `/capnhat ${c.code} thu 100k`,
      `Bạn không cập nhật được việc ${c.code}: chỉ Chấp hành viên được giao việc và lãnh đạo đơn vị đang giữ việc mới báo cáo tiến độ.`);
    await refused('BH-DS-TK', `/capnhat ${c.code} thu 100k`, 'Bạn không có quyền dùng lệnh /capnhat ở đây.');
    await refused(null, `/capnhat ${c.code} thu 100k`, /^Tài khoản chat này chưa được liên kết/);
  });

  it('answers each person in their own language', async () => {
    const c = await addOwnCase(db, 'BH-HA-CHV01', 'BH-HA-T-1');
    await say(core, 'BH-HA-CHV01', '/language en');
    const [answer] = await say(core, 'BH-HA-CHV01', `/update ${c.code} collect ${c.remaining + 1}`);
    expect(answer!.text).toBe(
      `The collection 48,000,001 ₫ is more than case ${c.code} still owes (48,000,000 ₫).`,
    );
    const [status] = await say(core, 'BH-HA-CHV01', `/update ${c.code} status postponed`);
    expect(status!.text).toContain(`Moved case ${c.code} from "being enforced" to "postponed" from 23 Nov 2026.`);
    await say(core, 'BH-HA-CHV01', '/ngonngu vi');
    expect(await db.select({ n: count() }).from(dialogues)).toEqual([{ n: 0 }]);
  });
});
