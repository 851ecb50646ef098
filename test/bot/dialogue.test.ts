import { count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../bot/core/dispatch.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { auditLog, caseStatusHistory, collections, dialogues, notes, staff } from '../../db/schema.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase } from '../helpers/fixtures.ts';
import { noCache } from '../../db/result-cache.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const OFFICER = 'BH-DS-CHV01';

describe('capnhat step by step, with the dialogue kept in the database', () => {
  let handle: TestDb;
  let db: Db;
  let n = 0;
  /** Every button action the bot offered, to hold them to Telegram's 64-byte callback_data. */
  const offered: string[] = [];
  /** A core as a freshly started server process would have it, at `now`. */
  const restart = (now = NOW) => createTestCore(db, now);
  const talk = async (text: string, options: { as?: string; now?: Date; chat?: Parameters<typeof say>[3] } = {}) => {
    const answers = await say(restart(options.now), options.as ?? OFFICER, text, options.chat);
    offered.push(...answers.flatMap((a) => a.buttons));
    return answers;
  };
  const tally = async () => ({
    collections: (await db.select({ n: count() }).from(collections))[0]!.n,
    history: (await db.select({ n: count() }).from(caseStatusHistory))[0]!.n,
    notes: (await db.select({ n: count() }).from(notes))[0]!.n,
    audit: (await db.select({ n: count() }).from(auditLog))[0]!.n,
  });
  /** A new enforcing case of the officer: 50 triệu, 2 triệu collected, 48 triệu owed. */
  const fresh = async () => {
    const code = `BH-DS-D-${++n}`;
    const [who] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, OFFICER));
    await addCase(db, { code, unitId: who!.unitId, officerId: who!.id, accepted: '2026-10-05', amount: 50_000_000, collections: [['2026-11-02', 2_000_000]] });
    return code;
  };

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
  });
  afterEach(() => db.delete(dialogues).then(() => undefined));
  afterAll(async () => {
    for (const action of offered) expect(Buffer.byteLength(action), action).toBeLessThanOrEqual(64);
    await handle.close();
  });

  it('picks one of my cases, then an action', async () => {
    const [cases] = await talk('/capnhat');
    expect(cases!.text).toMatch(/^Chọn việc cần cập nhật \(8 việc gấp nhất trong \d+ việc\)/);
    expect(cases!.buttons).toHaveLength(8);
    const own = await queryRows<{ code: string }>(db, sql`select c.code from cases c join staff s on s.id = c.officer_id where s.code = ${OFFICER}`);
    for (const action of cases!.buttons) expect(own.map((r) => `capnhat ${r.code}`)).toContain(action);
    const code = await fresh();
    const [actions] = await talk(`capnhat ${code}`);
    expect(actions!.text).toContain('Còn phải thi hành: 48.000.000 ₫');
    expect(actions!.buttons).toEqual(['thu', 'trangthai', 'xacminh', 'ghichu'].map((a) => `capnhat ${code} ${a}`).concat(`vuviec ${code}`));
  });

  it('asks for the amount, reads it after a restart, confirms, and records it exactly once', async () => {
    const code = await fresh();
    const [ask] = await talk(`capnhat ${code} thu`);
    expect(ask!.text).toContain(`Nhập số tiền đã thu hôm nay cho việc ${code} (còn phải thi hành 48.000.000 ₫)`);
    expect(ask!.buttons).toEqual(['huy']);
    const before = await tally();
    // Each step on a new core: the state lives in the database, not in the process.
    const [proposal] = await talk('1,5 triệu');
    expect(proposal!.text).toContain(`Ghi nhận thu 1.500.000 ₫ cho việc ${code}, ngày 23/11/2026? Sau khoản này còn phải thi hành 46.500.000 ₫.`);
    expect(proposal!.buttons).toEqual([`capnhat ${code} thu xacnhan 1500000`, 'huy']);
    expect(await tally()).toEqual(before);
    const [recorded] = await talk(proposal!.buttons[0]!);
    expect(recorded!.text).toContain(`Đã ghi nhận khoản thu 1.500.000 ₫ ngày 23/11/2026 cho việc ${code}.`);
    expect(recorded!.text).toContain('Còn phải thi hành: 46.500.000 ₫');
    const after = await tally();
    expect(after).toEqual({ ...before, collections: before.collections + 1, audit: before.audit + 1 });
    const [again] = await talk(proposal!.buttons[0]!);
    expect(again!.text).toMatch(new RegExp(`^Không có báo cáo nào của việc ${code} đang chờ xác nhận`));
    expect(await tally()).toEqual(after);
    // The dialogue is over: plain text is chatter again.
    expect((await talk('1,5 triệu'))[0]!.text).toBe('Bot chỉ hiểu các lệnh bắt đầu bằng dấu /. Gõ /trogiup để xem các lệnh bạn dùng được.');
  });

  it('records once when the confirm button is pressed twice at the same moment', async () => {
    const code = await fresh();
    await talk(`capnhat ${code} thu`);
    const [proposal] = await talk('500k');
    const before = await tally();
    const presses = await Promise.all([restart(), restart()].map((core) => say(core, OFFICER, proposal!.buttons[0]!)));
    const texts = presses.map((p) => p[0]!.text);
    expect(texts.filter((t) => t.includes('Đã ghi nhận khoản thu 500.000 ₫'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Không có báo cáo nào'))).toHaveLength(1);
    expect((await tally()).collections).toBe(before.collections + 1);
  });

  it('keeps asking after a wrong amount, and confirms only the amount proposed last', async () => {
    const code = await fresh();
    await talk(`capnhat ${code} thu`);
    const before = await tally();
    expect((await talk('năm trăm'))[0]!.text).toMatch(/^Không đọc được số tiền "năm trăm"/);
    expect((await talk('49tr'))[0]!.text).toBe(`Khoản thu 49.000.000 ₫ vượt quá số tiền còn phải thi hành của việc ${code} (48.000.000 ₫).`);
    const [first] = await talk('2tr');
    const [second] = await talk('3tr');
    expect(second!.buttons[0]).toBe(`capnhat ${code} thu xacnhan 3000000`);
    expect((await talk(first!.buttons[0]!))[0]!.text).toMatch(/^Không có báo cáo nào/);
    expect(await tally()).toEqual(before);
    expect((await talk(second!.buttons[0]!))[0]!.text).toContain('Đã ghi nhận khoản thu 3.000.000 ₫');
  });

  it('forgets a dialogue after 30 minutes', async () => {
    const code = await fresh();
    await talk(`capnhat ${code} thu`);
    const [proposal] = await talk('500k', { now: new Date(NOW.getTime() + 10 * 60_000) });
    const late = new Date(NOW.getTime() + 41 * 60_000);
    const before = await tally();
    expect((await talk('600k', { now: late }))[0]!.text).toMatch(/^Bot chỉ hiểu các lệnh/);
    expect((await talk(proposal!.buttons[0]!, { now: late }))[0]!.text).toMatch(/^Không có báo cáo nào/);
    expect(await tally()).toEqual(before);
  });

  it('cancels with /huy, a typed "hủy", or the Hủy button, recording nothing', async () => {
    const code = await fresh();
    const before = await tally();
    for (const cancel of ['/huy', 'hủy', 'huy', 'Cancel']) {
      await talk(`capnhat ${code} ghichu`);
      expect((await talk(cancel))[0]!.text).toBe('Đã hủy, không ghi nhận gì.');
      expect((await talk('Đương sự vắng nhà'))[0]!.text).toMatch(/^Bot chỉ hiểu các lệnh/);
    }
    expect((await talk('/huy'))[0]!.text).toBe('Không có báo cáo nào đang làm dở.');
    expect(await tally()).toEqual(before);
  });

  it('takes the next message as a note, even one that starts like a command', async () => {
    const code = await fresh();
    const [ask] = await talk(`capnhat ${code} ghichu`);
    expect(ask!.text).toBe(`Nhập nội dung ghi chú cho việc ${code} (tối đa 2.000 ký tự). Gõ /huy để thôi.\n\n[1] Hủy  →  huy`);
    const [noted] = await talk('Việc <i>này</i> cần xác minh lại & báo cáo');
    expect(noted!.text).toContain(`Đã thêm ghi chú vào việc ${code}.`);
    const [note] = await db.select().from(notes).orderBy(sql`${notes.id} desc`).limit(1);
    expect(note!.body).toBe('Việc <i>này</i> cần xác minh lại & báo cáo');
    expect((await talk('Việc khác'))[0]!.text).toMatch(/^Bot chỉ hiểu các lệnh/);
  });

  it('keeps a note’s line breaks, asked for or typed after the command', async () => {
    const code = await fresh();
    const last = async () => (await db.select().from(notes).orderBy(sql`${notes.id} desc`).limit(1))[0]!.body;
    await talk(`capnhat ${code} ghichu`);
    await talk('Đã làm việc với đương sự.\nHẹn nộp  tiền\n\nngày 30/11.');
    expect(await last()).toBe('Đã làm việc với đương sự.\nHẹn nộp  tiền\n\nngày 30/11.');
    await talk(`/capnhat ${code} ghichu\nDòng một\nDòng hai  `);
    expect(await last()).toBe('Dòng một\nDòng hai');
  });

  it('runs a pressed button as a command while waiting for text, and a typed command while waiting for an amount', async () => {
    const code = await fresh();
    await talk(`capnhat ${code} ghichu`);
    const person = await getPersonByCode(db, OFFICER);
    const pressed = await dispatch(restart(), {
      text: 'viec',
      pressed: true,
      person,
      locale: 'vi',
      chat: { platform: 'telegram', id: OFFICER, isPrivate: true },
      account: { platform: 'telegram', externalId: OFFICER },
    });
    expect(renderPlain(pressed[0]!.reply)).toMatch(/^Việc bạn đang giải quyết/);
    await talk(`capnhat ${code} thu`);
    expect((await talk('tomtat'))[0]!.text).toMatch(/^Phòng Thi hành án dân sự khu vực Đông Sơn/);
  });

  it('offers the status moves the law allows, confirms one, and refuses a second press', async () => {
    const code = await fresh();
    const [moves] = await talk(`capnhat ${code} trangthai`);
    const words = ['hoan', 'tamdinhchi', 'chuacodieukien', 'dinhchi', 'uythac', 'thuhoi'];
    expect(moves!.buttons).toEqual(words.map((w) => `capnhat ${code} trangthai ? ${w}`));
    const [proposal] = await talk(moves!.buttons[0]!);
    expect(proposal!.text).toContain(`Chuyển việc ${code} từ "đang thi hành" sang "hoãn thi hành án" từ ngày 23/11/2026?`);
    expect(proposal!.buttons).toEqual([`capnhat ${code} trangthai xacnhan hoan`, 'huy']);
    const before = await tally();
    expect((await talk(proposal!.buttons[0]!))[0]!.text).toContain(`Đã chuyển việc ${code} từ "đang thi hành" sang "hoãn thi hành án"`);
    expect((await talk(proposal!.buttons[0]!))[0]!.text).toMatch(/^Không có báo cáo nào/);
    expect((await tally()).history).toBe(before.history + 1);
  });

  it('offers reopening a completed case to its unit’s leader only', async () => {
    const code = await fresh();
    await talk(`/capnhat ${code} thu 48tr`);
    await talk(`/capnhat ${code} xong`);
    const [officer] = await talk(`capnhat ${code} trangthai`);
    expect(officer!.text).toContain(`bạn không chuyển được việc ${code} sang trạng thái nào khác`);
    expect(officer!.buttons).toEqual([]);
    expect((await talk(`capnhat ${code} trangthai ? dangthihanh`))[0]!.text).toMatch(/chỉ lãnh đạo mới được mở lại việc/);
    const [leader] = await talk(`capnhat ${code} trangthai`, { as: 'BH-DS-TP' });
    expect(leader!.buttons).toEqual([`capnhat ${code} trangthai ? dangthihanh`]);
  });

  it('keeps each person’s dialogue to themselves in a group, and stays quiet at chatter', async () => {
    const code = await fresh();
    const group = { isPrivate: false, id: '-100777' };
    await talk(`/capnhat ${code} thu`, { chat: group });
    expect(await talk('2tr', { as: 'BH-DS-TP', chat: group })).toEqual([]);
    const [proposal] = await talk('2tr', { chat: group });
    expect(proposal!.buttons[0]).toBe(`capnhat ${code} thu xacnhan 2000000`);
    // The leader may update the case, but the proposal is the officer's to confirm.
    expect((await talk(proposal!.buttons[0]!, { as: 'BH-DS-TP', chat: group }))[0]!.text).toMatch(/^Không có báo cáo nào/);
    // Nor does the officer's private chat continue the group's dialogue.
    expect((await talk('2tr'))[0]!.text).toMatch(/^Bot chỉ hiểu các lệnh/);
    expect((await talk(proposal!.buttons[0]!, { chat: group }))[0]!.text).toContain('Đã ghi nhận khoản thu 2.000.000 ₫');
  });
});
