import { count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { hasMessage } from '../../bot/i18n/index.ts';
import { enCommands } from '../../bot/i18n/en/commands.ts';
import { viCommands } from '../../bot/i18n/vi/commands.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { auditLog, caseFlags, cases, type CaseStatus, staff } from '../../db/schema.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase } from '../helpers/fixtures.ts';
import { noCache } from '../../db/result-cache.ts';

/** Open cases (codes) of a demo officer, or of a whole unit. */
async function openCodes(db: Db, by: { officer?: string; unit?: string }) {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select c.code from cases c join staff s on s.id = c.officer_id join units u on u.id = c.unit_id
        where c.status in ('enforcing', 'postponed', 'suspended', 'no_conditions')
          and (${by.officer ?? null}::text is null or s.code = ${by.officer ?? null})
          and (${by.unit ?? null}::text is null or u.code = ${by.unit ?? null})`,
  );
  return new Set(rows.map((r) => r.code));
}

describe('viec, vuviec and hanxuly on the demo province', () => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  /** A case of BH-DS-CHV01 with a known history, for the details and deadline tests. */
  const known = 'BH-DS-T-1';

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(db);
    const [who] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, 'BH-DS-CHV01'));
    await addCase(db, {
      code: known,
      unitId: who!.unitId,
      officerId: who!.id,
      accepted: '2026-10-05',
      amount: 50_000_000,
      collections: [['2026-11-02', 2_000_000]],
      history: [['postponed', '2026-11-10']],
    });
  });
  afterAll(() => handle.close());

  it('lists an officer’s own open cases, deadlines first, with what is owed and update buttons', async () => {
    const own = await openCodes(db, { officer: 'BH-DS-CHV01' });
    const [answer] = await say(core, 'BH-DS-CHV01', '/viec');
    expect(answer!.text.split('\n')[0]).toBe(`Việc bạn đang giải quyết: ${own.size}`);
    const listed = [...answer!.text.matchAll(/^(BH-DS-[\w-]+)\s/gm)].map((m) => m[1]!);
    expect(listed).toHaveLength(Math.min(20, own.size));
    for (const code of listed) expect(own.has(code)).toBe(true);
    // The demo gives BH-DS-CHV01 one leader's deadline (30/11/2026): it comes first.
    expect(answer!.text).toMatch(/^BH-DS-2025-0161\s+hạn 30\/11\/2026\s+13,9 tỷ đồng$/m);
    expect(answer!.text).toMatch(/quá hạn \d+ ngày/);
    expect(answer!.text).toContain(`Hiện 20 trong ${own.size} việc`);
    expect(answer!.buttons).toEqual(listed.slice(0, 5).map((code) => `capnhat ${code}`));
  });

  it('lists a unit leader the whole unit’s cases, and offers viec to no one else', async () => {
    const unit = await openCodes(db, { unit: 'BH-DS' });
    const [leader] = await say(core, 'BH-DS-TP', '/mycases');
    expect(leader!.text.split('\n')[0]).toBe(`Việc đang giải quyết của Phòng Thi hành án dân sự khu vực Đông Sơn: ${unit.size}`);
    for (const who of ['BH-CT', 'BH-DS-TK', 'BH-KTV01']) {
      expect((await say(core, who, '/viec'))[0]!.text).toBe('Bạn không có quyền dùng lệnh /viec ở đây.');
      expect((await say(core, who, '/trogiup'))[0]!.text).not.toContain('/viec');
    }
  });

  it('shows a case’s details and timeline in a private chat', async () => {
    await say(core, 'BH-DS-CHV01', `/capnhat ${known} ghichu Đương sự <b>hẹn</b> nộp & trả`);
    const [answer, ...rest] = await say(core, 'BH-DS-CHV01', `/vuviec ${known.toLowerCase()}`);
    expect(rest).toEqual([]);
    expect(answer!.to).toBe('chat');
    expect(answer!.text).toContain(`Việc thi hành án ${known}`);
    expect(answer!.text).toContain('Chấp hành viên: Bùi Văn Hải (BH-DS-CHV01)');
    expect(answer!.text).toContain('Trạng thái: hoãn thi hành án (từ 10/11/2026)');
    expect(answer!.text).toContain('Phải thi hành: 50.000.000 ₫\nĐã thu: 2.000.000 ₫\nCòn phải thi hành: 48.000.000 ₫');
    expect(answer!.text).toContain(
      [
        'Diễn biến:',
        '05/10/2026 · Thụ lý, bắt đầu thi hành',
        '02/11/2026 · Thu 2.000.000 ₫',
        '10/11/2026 · Chuyển sang "hoãn thi hành án"',
        '23/11/2026 · Ghi chú (Bùi Văn Hải): Đương sự <b>hẹn</b> nộp & trả',
      ].join('\n'),
    );
    expect(answer!.buttons).toEqual([`capnhat ${known}`]);
  });

  it('asked in a group, points there and sends the details privately', async () => {
    const answers = await say(core, 'BH-DS-TP', `/vuviec ${known}`, { isPrivate: false, id: '-100123' });
    expect(answers.map((a) => a.to)).toEqual(['chat', 'private']);
    expect(answers[0]!.text).toBe(
      `Chi tiết việc ${known} đã được gửi riêng cho bạn. Nếu chưa nhận được, hãy nhắn riêng cho bot một lần rồi hỏi lại.`,
    );
    expect(answers[0]!.text).not.toContain('₫');
    expect(answers[1]!.text).toContain('Còn phải thi hành: 48.000.000 ₫');
  });

  it('names the flags prison and unknown_address in a case’s details, in both languages', async () => {
    const [who] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, 'BH-DS-CHV01'));
    const code = 'BH-DS-T-FLAGS';
    const base = { unitId: who!.unitId, officerId: who!.id, accepted: '2026-10-05', amount: 0, history: [['completed', '2026-11-02']] as [CaseStatus, string][] };
    await addCase(db, { ...base, code, flags: ['prison', 'unknown_address'] });
    const [answer] = await say(core, 'BH-DS-CHV01', `/vuviec ${code}`);
    expect(answer!.text).toContain('Lưu ý: đang chấp hành hình phạt tù còn lại từ 02 năm trở lên, không xác định được nơi cư trú');
    for (const flag of caseFlags) {
      expect(hasMessage('vi', `cmd.vuviec.flag.${flag}`), flag).toBe(true);
      expect(hasMessage('en', `cmd.vuviec.flag.${flag}`), flag).toBe(true);
    }
  });

  it('answers a case one may not see exactly like one that does not exist', async () => {
    const missing = (await say(core, 'BH-DS-CHV02', '/vuviec BH-DS-T-999'))[0]!.text;
    expect(missing).toBe('Không tìm thấy việc thi hành án "BH-DS-T-999".');
    for (const who of ['BH-DS-CHV02', 'BH-HA-TP', 'BH-HA-CHV01']) {
      const answers = await say(core, who, `/vuviec ${known}`, { isPrivate: false, id: '-100123' });
      expect(answers).toEqual([{ to: 'chat', text: missing.replace('BH-DS-T-999', known), buttons: [] }]);
    }
    // A province leader reads every case of the province, but reports on none of a local unit's.
    const [province] = await say(core, 'BH-PCT1', `/vuviec ${known}`);
    expect(province!.text).toContain(`Việc thi hành án ${known}`);
    expect(province!.buttons).toEqual([]);
  });

  it('lets leaders set a deadline, in either date form, on cases they may read', async () => {
    const [unit] = await say(core, 'BH-DS-PP', `/hanxuly ${known} 15/12/2026`);
    expect(unit!.text).toContain(`Đã giao hạn xử lý việc ${known} đến ngày 15/12/2026 (còn 22 ngày).`);
    expect(unit!.text).toContain('Hạn xử lý: 15/12/2026');
    const [province] = await say(core, 'BH-CT', `/deadline ${known} 2026-12-31`);
    expect(province!.text).toContain('đến ngày 31/12/2026');
    expect((await db.select().from(cases).where(eq(cases.code, known)))[0]!.dueDate).toBe('2026-12-31');
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityCode, known)).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'case.deadline', actor: 'BH-CT Nguyễn Văn Thành', channel: 'telegram' });
  });

  it('refuses a deadline in the past or over 5 years ahead, a bad date, another unit’s case and non-leaders, changing nothing', async () => {
    const audits = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;
    const before = { audits: await audits(), row: await db.select().from(cases).where(eq(cases.code, known)) };
    const answer = async (who: string, text: string) => (await say(core, who, text))[0]!.text;
    expect(await answer('BH-DS-TP', `/hanxuly ${known} 22/11/2026`)).toBe(
      'Thời hạn 22/11/2026 đã qua (hôm nay là 23/11/2026): hãy chọn từ hôm nay trở đi.',
    );
    expect(await answer('BH-DS-TP', `/hanxuly ${known} 31/12/9999`)).toBe(
      'Thời hạn 31/12/9999 quá xa: hạn xử lý chỉ đặt được trong vòng 5 năm, muộn nhất là ngày 23/11/2031.',
    );
    expect(await answer('BH-DS-TP', `/hanxuly ${known} 24/11/2031`)).toContain('quá xa');
    expect(await answer('BH-DS-TP', `/hanxuly ${known} 30/02/2027`)).toBe('Ngày "30/02/2027" không hợp lệ.');
    expect(await answer('BH-DS-TP', `/hanxuly ${known} mai`)).toBe('Ngày "mai" không hợp lệ.');
    expect(await answer('BH-DS-TP', `/hanxuly ${known}`)).toBe('Chưa đúng cú pháp. Cách dùng: /hanxuly <mã việc> <ngày>');
    expect(await answer('BH-HA-TP', `/hanxuly ${known} 15/12/2026`)).toBe(`Không tìm thấy việc thi hành án "${known}".`);
    expect(await answer('BH-DS-CHV01', `/hanxuly ${known} 15/12/2026`)).toBe('Bạn không có quyền dùng lệnh /hanxuly ở đây.');
    expect({ audits: await audits(), row: await db.select().from(cases).where(eq(cases.code, known)) }).toEqual(before);
  });

  it('keeps the English catalogue as complete as the Vietnamese one', () => {
    expect(Object.keys(enCommands).sort()).toEqual(Object.keys(viCommands).sort());
    for (const c of commands) {
      for (const locale of ['vi', 'en'] as const) {
        expect(hasMessage(locale, `cmd.${c.name}.usage`) && hasMessage(locale, `cmd.${c.name}.desc`), `${locale} ${c.name}`).toBe(true);
      }
    }
  });
});
