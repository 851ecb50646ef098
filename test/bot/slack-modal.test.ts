import type { InputBlock, ModalView } from '@slack/types';
import { count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import type { CommandContext } from '../../bot/core/command.ts';
import type { Core } from '../../bot/core/dispatch.ts';
import type { FormView } from '../../bot/forms/form.ts';
import { reportForm } from '../../bot/forms/report.ts';
import type { Locale } from '../../bot/i18n/index.ts';
import { formCallbackId, readFormValues, renderFormModal } from '../../bot/slack/form-modal.ts';
import { slackText } from '../../bot/slack/render.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode, type Person } from '../../db/identity.ts';
import { auditLog, cases, collections, notes, staff, verifications } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase } from '../helpers/fixtures.ts';
import { reportSnapshot } from '../helpers/report-snapshot.ts';
import { noCache } from '../../db/result-cache.ts';

/** The form as Slack sends it in view.state.values: block → action → element state. */
interface Form {
  case?: string;
  action?: string;
  amount?: string;
  status?: string;
  date?: string;
  note?: string;
}
function valuesOf(f: Form): Record<string, Record<string, unknown>> {
  const select = (type: string, v?: string) => ({ type, selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null });
  return {
    case: { case: select('external_select', f.case) },
    action: { action: select('static_select', f.action) },
    amount: { amount: { type: 'plain_text_input', value: f.amount ?? null } },
    status: { status: select('static_select', f.status) },
    date: { date: { type: 'datepicker', selected_date: f.date ?? null } },
    note: { note: { type: 'plain_text_input', value: f.note ?? null } },
  };
}

const REPORT_MODAL_ID = formCallbackId('report');

/** The context a Slack turn gives the form: this person, in a channel or their DM with the app. */
function formContext(core: Core, person: Person, channelId?: string): CommandContext {
  return {
    deps: core.deps,
    person,
    locale: person.locale ?? 'vi',
    chat: { platform: 'slack', id: channelId ?? 'D1', isPrivate: channelId === undefined },
    account: { platform: 'slack', externalId: 'U0CHV01' },
    today: '2026-11-23',
    forms: true,
    pressed: false,
  };
}

/** The report form as the modal Slack shows, for an officer speaking `locale`. */
function buildReportModal(locale: Locale, opts: { caseCode?: string; channelId?: string }) {
  const officer = { role: 'officer', locale } as unknown as Person;
  const core = { deps: createTestCore(null as unknown as Db).deps, commands: [] };
  return renderFormModal(reportForm.open(formContext(core, officer, opts.channelId), opts.caseCode ? { case: opts.caseCode } : {}) as FormView);
}

describe('buildReportModal', () => {
  it('asks for the case, the report and what each report needs, in Vietnamese first', () => {
    const view = buildReportModal('vi', { caseCode: 'BH-DS-2026-0001', channelId: 'C123' }) as ModalView;
    expect(view).toMatchObject({ type: 'modal', callback_id: REPORT_MODAL_ID, title: { text: 'Báo cáo tiến độ' }, submit: { text: 'Ghi nhận' } });
    expect(JSON.parse(view.private_metadata!)).toEqual({ channelId: 'C123' });
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element.action_id, b.element.type, b.optional])).toEqual([
      ['case', 'case', 'external_select', false],
      ['action', 'action', 'static_select', false],
      ['amount', 'amount', 'plain_text_input', true],
      ['status', 'status', 'static_select', true],
      ['date', 'date', 'datepicker', true],
      ['note', 'note', 'plain_text_input', true],
    ]);
    const [picker, action, , status, date, note] = inputs.map((b) => b.element as unknown as Record<string, unknown>);
    expect(picker).toMatchObject({ min_query_length: 0, initial_option: { value: 'BH-DS-2026-0001' } });
    expect((action!.options as { value: string; text: { text: string } }[]).map((o) => [o.value, o.text.text])).toEqual([
      ['thu', 'Thu tiền'],
      ['xong', 'Thi hành xong'],
      ['trangthai', 'Chuyển trạng thái'],
      ['xacminh', 'Xác minh điều kiện thi hành án'],
      ['ghichu', 'Ghi chú'],
    ]);
    const statuses = (status!.options as { value: string; text: { text: string } }[]).map((o) => [o.value, o.text.text]);
    expect(statuses).toHaveLength(8);
    expect(statuses).toContainEqual(['no_conditions', 'Chưa có điều kiện thi hành']);
    expect(statuses).toContainEqual(['postponed', 'Hoãn thi hành án']);
    expect(date).toMatchObject({ initial_date: '2026-11-23' });
    expect(note).toMatchObject({ multiline: true, max_length: 2000 });
    expect(inputs[2]!.hint!.text).toContain('50tr');
  });

  it('starts empty without a case, and speaks English to whoever chose it', () => {
    const view = buildReportModal('en', {}) as ModalView;
    expect(JSON.parse(view.private_metadata!)).toEqual({});
    expect(view.title.text).toBe('Progress report');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    expect(inputs[0]!.element).not.toHaveProperty('initial_option');
    // The date picker starts on today, in TZ_APP.
    expect(inputs[4]!.element).toMatchObject({ initial_date: '2026-11-23' });
    expect(inputs.map((b) => b.label.text)).toEqual(['Enforcement case', 'Report', 'Amount collected', 'New status', 'Date', 'Note']);
  });
});

describe.each(drivers)('the progress-report modal on %s', (driver) => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  let officer: Person;
  let next = 0;
  let views = 0;
  const account = { platform: 'slack' as const, externalId: 'U0CHV01' };
  /** A new enforcing case of BH-DS-CHV01: accepted 05/10/2026, 50 triệu, 2 triệu collected, 48 triệu owed. */
  const fresh = async (officerCode = 'BH-DS-CHV01') => {
    const [who] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, officerCode));
    const code = `BH-DS-S-${driver}-${++next}`;
    await addCase(db, { code, unitId: who!.unitId, officerId: who!.id, accepted: '2026-10-05', amount: 50_000_000, collections: [['2026-11-02', 2_000_000]] });
    return code;
  };
  const submit = (form: Form, as: Person = officer, id = `V${++views}`) =>
    reportForm.submit({ ...formContext(core, as, 'C42'), account }, readFormValues(valuesOf(form)), `view:${id}`);
  const searchReportableCases = (_: unknown, as: Person, query: string) => reportForm.search(formContext(core, as), 'case', query);
  /** Submits a form that must be refused with exactly these field errors, and checks nothing changed. */
  const refused = async (form: Form, errors: Record<string, string | RegExp>, as: Person = officer) => {
    const before = await reportSnapshot(db);
    const submitted = await submit(form, as);
    if (!('errors' in submitted)) throw new Error(`expected errors, got ${renderPlain(submitted.reply)}`);
    // As the modal shows them: commands spelled as typed in Slack.
    const result = { errors: Object.fromEntries(Object.entries(submitted.errors).map(([f, text]) => [f, slackText(text)])) };
    expect(Object.keys(result.errors).sort()).toEqual(Object.keys(errors).sort());
    for (const [field, text] of Object.entries(errors)) {
      if (typeof text === 'string') expect(result.errors[field]).toBe(text);
      else expect(result.errors[field]).toMatch(text);
    }
    expect(await reportSnapshot(db)).toEqual(before);
  };
  const lastAudit = async (code: string) => (await db.select().from(auditLog).where(eq(auditLog.entityCode, code)).orderBy(desc(auditLog.id)).limit(1))[0]!;
  const recorded = async (form: Form, as: Person = officer) => {
    const result = await submit(form, as);
    if ('errors' in result) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
    return { ...result, text: renderPlain(result.reply) };
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(db);
    officer = (await getPersonByCode(db, 'BH-DS-CHV01'))!;
  });
  afterAll(() => handle.close());

  it('refuses every missing or malformed field in the person’s language, writing nothing', async () => {
    const code = await fresh();
    const vi = (key: string) => t('vi', key);
    await refused({}, { case: vi('views.modal.error.case_required'), action: vi('views.modal.error.action_required') });
    await refused({ case: 'BH-DS-KHONG-CO', action: 'thu', amount: '1tr' }, { case: 'Không tìm thấy việc thi hành án "BH-DS-KHONG-CO".' });
    await refused({ case: code, action: 'thu' }, { amount: vi('views.modal.error.amount_required') });
    await refused({ case: code, action: 'thu', amount: '1,500' }, { amount: /^Số tiền "1,500"/ });
    await refused({ case: code, action: 'thu', amount: '48.000.001' }, { amount: `Khoản thu 48.000.001 ₫ vượt quá số tiền còn phải thi hành của việc ${code} (48.000.000 ₫).` });
    await refused({ case: code, action: 'thu', amount: '1tr', date: '2026-11-24' }, { date: 'Ngày 24/11/2026 chưa đến (hôm nay là 23/11/2026): chỉ báo cáo việc đã xảy ra.' });
    await refused({ case: code, action: 'trangthai' }, { status: vi('views.modal.error.status_required') });
    await refused({ case: code, action: 'trangthai', status: 'enforcing' }, { status: `Việc thi hành án ${code} đã ở trạng thái "đang thi hành".` });
    await refused({ case: code, action: 'trangthai', status: 'hoan-gi-do' }, { status: vi('views.modal.error.status_required') });
    // The writers' order, as in chat: a day before acceptance is that, before it is before the last change.
    await refused({ case: code, action: 'trangthai', status: 'postponed', date: '2026-10-01' }, { date: 'Ngày 01/10/2026 sớm hơn ngày thụ lý việc thi hành án (05/10/2026).' });
    await refused({ case: code, action: 'xong' }, { action: `Việc thi hành án ${code} còn 48.000.000 ₫ chưa thi hành: hãy ghi khoản thu cuối cùng trước khi báo thi hành xong.` });
    await refused({ case: code, action: 'ghichu' }, { note: vi('views.modal.error.note_required') });
    await refused({ case: code, action: 'ghichu', note: 'x'.repeat(2001) }, { note: 'Nội dung dài 2.001 ký tự, vượt quá giới hạn 2.000 ký tự.' });
    await refused({ case: code, action: 'xacminh', amount: '1tr', status: 'postponed' }, { amount: vi('views.modal.error.amount_unused'), status: vi('views.modal.error.status_unused') });
    await refused({ case: code, action: 'lamgi' }, { action: vi('views.modal.error.action_required') });
    const [chv] = await db.select({ id: staff.id, unitId: staff.unitId }).from(staff).where(eq(staff.code, 'BH-DS-CHV01'));
    await addCase(db, { code: `BH-DS-N-${driver}`, unitId: chv!.unitId, officerId: chv!.id, accepted: '2026-10-05', amount: 0 });
    await refused({ case: `BH-DS-N-${driver}`, action: 'thu', amount: '1tr' }, { action: `Việc thi hành án BH-DS-N-${driver} không có khoản tiền phải thi hành nên không ghi khoản thu.` });
    const paid = await fresh();
    await recorded({ case: paid, action: 'thu', amount: '48tr' });
    await refused({ case: paid, action: 'thu', amount: '1tr' }, { action: `Việc ${paid} đã thu đủ, không còn tiền phải thi hành. Nếu việc đã xong, gõ /thads capnhat ${paid} xong.` });
  });

  it('refuses a case the person may not report on, and someone who reports on no case', async () => {
    const others = await fresh('BH-DS-CHV02');
    await refused({ case: others, action: 'ghichu', note: 'x' }, { case: `Không tìm thấy việc thi hành án "${others}".` });
    const clerk = (await getPersonByCode(db, 'BH-DS-TK'))!;
    await refused({ case: others, action: 'ghichu', note: 'x' }, { case: 'Bạn không có quyền dùng lệnh /thads capnhat ở đây.' }, clerk);
    // A province leader reads the case but reports only on the province unit's own cases.
    const head = (await getPersonByCode(db, 'BH-CT'))!;
    await refused({ case: others, action: 'ghichu', note: 'x' }, { case: t('vi', 'cmd.capnhat.not_yours', { case: others }) }, head);
  });

  it('maps a refusal only the writer can make (a date before acceptance) to its field, and releases the claim', async () => {
    const code = await fresh();
    const before = await reportSnapshot(db);
    const id = `V-early-${driver}`;
    const first = await submit({ case: code, action: 'thu', amount: '1tr', date: '2026-10-01' }, officer, id);
    expect(first).toEqual({ errors: { date: 'Ngày 01/10/2026 sớm hơn ngày thụ lý việc thi hành án (05/10/2026).' } });
    expect(await reportSnapshot(db)).toEqual(before);
    const second = await submit({ case: code, action: 'thu', amount: '1tr', date: '2026-10-06' }, officer, id);
    expect('reply' in second && renderPlain(second.reply)).toContain('Đã ghi nhận khoản thu 1.000.000 ₫ ngày 06/10/2026');
  });

  it('records a collection with a note, audited as made on Slack, and answers as capnhat does', async () => {
    const code = await fresh();
    const answer = await recorded({ case: code, action: 'thu', amount: '1,5 triệu', date: '2026-11-20', note: 'Nộp tại <kho bạc> & ngân hàng' });
    expect(answer.reply.tone).toBe('success');
    expect(answer.text).toContain(`Đã ghi nhận khoản thu 1.500.000 ₫ ngày 20/11/2026 cho việc ${code}.\nĐã thêm ghi chú vào việc ${code}.`);
    expect(answer.text).toContain('Còn phải thi hành: 46.500.000 ₫');
    const [money] = await db.select().from(collections).orderBy(desc(collections.id)).limit(1);
    expect(money).toMatchObject({ amount: 1_500_000, collectedOn: '2026-11-20', source: 'slack', staffId: officer.staffId });
    const [note] = await db.select().from(notes).orderBy(desc(notes.id)).limit(1);
    expect(note).toMatchObject({ body: 'Nộp tại <kho bạc> & ngân hàng', source: 'slack' });
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityCode, code)).orderBy(auditLog.id);
    expect(audits.map((a) => [a.action, a.channel, a.actor])).toEqual([
      ['case.collect', 'slack', 'BH-DS-CHV01 Bùi Văn Hải'],
      ['case.note', 'slack', 'BH-DS-CHV01 Bùi Văn Hải'],
    ]);
  });

  it('completes a paid-off case, changes a status from a date, records a verification and a note', async () => {
    const code = await fresh();
    const paid = await recorded({ case: code, action: 'thu', amount: '48tr' });
    expect(paid.reply.buttons).toEqual([[{ label: t('vi', 'cmd.capnhat.button.complete'), action: `capnhat ${code} xong` }]]);
    const done = await recorded({ case: code, action: 'xong', date: '2026-11-23' });
    expect(done.text).toContain(`Đã ghi nhận việc ${code} thi hành xong ngày 23/11/2026.`);
    expect(await lastAudit(code)).toMatchObject({ action: 'case.complete', channel: 'slack' });
    expect((await db.select().from(cases).where(eq(cases.code, code)))[0]).toMatchObject({ status: 'completed', statusDate: '2026-11-23' });
    // Reopening is a leader's decision (db/status-rules.ts): refused by the status picker.
    await refused({ case: code, action: 'trangthai', status: 'enforcing' }, { status: `Việc thi hành án ${code} đã ở trạng thái "thi hành xong": chỉ lãnh đạo mới được mở lại việc (chuyển sang "đang thi hành").` });
    await refused({ case: code, action: 'thu', amount: '1tr' }, { action: /^Việc thi hành án \S+ đã ở trạng thái "thi hành xong", không còn trong số phải thi hành/ });

    const other = await fresh();
    const moved = await recorded({ case: other, action: 'trangthai', status: 'postponed', date: '2026-11-20' });
    expect(moved.text).toContain(`Đã chuyển việc ${other} từ "đang thi hành" sang "hoãn thi hành án" từ ngày 20/11/2026.`);
    expect((await db.select().from(cases).where(eq(cases.code, other)))[0]).toMatchObject({ status: 'postponed', statusDate: '2026-11-20' });
    expect(await lastAudit(other)).toMatchObject({ action: 'case.status', channel: 'slack' });

    const third = await fresh();
    const verified = await recorded({ case: third, action: 'xacminh', date: '2026-11-21', note: 'Đã xác minh tại UBND xã' });
    expect(verified.text).toContain(`Đã ghi nhận xác minh điều kiện thi hành án của việc ${third} ngày 21/11/2026.`);
    const [v] = await db.select().from(verifications).orderBy(desc(verifications.id)).limit(1);
    expect(v).toMatchObject({ verifiedOn: '2026-11-21', note: 'Đã xác minh tại UBND xã', source: 'slack' });
    expect(await lastAudit(third)).toMatchObject({ action: 'case.verify', channel: 'slack' });

    const noted = await recorded({ case: third, action: 'ghichu', note: '  Đương sự hẹn <@U123> nộp tiền  ' });
    expect(noted.text).toContain(`Đã thêm ghi chú vào việc ${third}.`);
    const [n] = await db.select().from(notes).orderBy(desc(notes.id)).limit(1);
    expect(n).toMatchObject({ body: 'Đương sự hẹn <@U123> nộp tiền', source: 'slack' });
    expect(await lastAudit(third)).toMatchObject({ action: 'case.note', channel: 'slack' });
  });

  it('records a modal submitted twice once, and says so the second time', async () => {
    const code = await fresh();
    const id = `V-twice-${driver}`;
    const before = (await db.select({ n: count() }).from(collections))[0]!.n;
    const results = await Promise.all([1, 2].map(() => submit({ case: code, action: 'thu', amount: '1tr' }, officer, id)));
    const again = await submit({ case: code, action: 'thu', amount: '1tr' }, officer, id);
    const texts = [...results, again].map((r) => ('reply' in r ? renderPlain(r.reply) : JSON.stringify(r.errors)));
    expect(texts.filter((x) => x.includes('Đã ghi nhận khoản thu 1.000.000 ₫'))).toHaveLength(1);
    expect(texts.filter((x) => x === t('vi', 'views.modal.already_recorded'))).toHaveLength(2);
    expect((await db.select({ n: count() }).from(collections))[0]!.n).toBe(before + 1);
  });

  it('answers an English speaker in English, errors included', async () => {
    await db.update(staff).set({ locale: 'en' }).where(eq(staff.code, 'BH-DS-CHV03'));
    const english = (await getPersonByCode(db, 'BH-DS-CHV03'))!;
    const code = await fresh('BH-DS-CHV03');
    await refused({ case: code, action: 'thu' }, { amount: 'Enter the amount collected.' }, english);
    const answer = await recorded({ case: code, action: 'thu', amount: '2tr' }, english);
    expect(answer.text).toContain(`Recorded a collection of 2,000,000 ₫ on 23 Nov 2026 for case ${code}.`);
    expect(answer.text).toContain('Still owed: 46,000,000 ₫');
  });

  it('offers only the cases the person reports on, filtered by code or decision number', async () => {
    const mine = await fresh();
    const officerOf = new Map((await db.select({ code: cases.code, officerId: cases.officerId }).from(cases)).map((c) => [c.code, c.officerId]));
    const all = await searchReportableCases(core, officer, '');
    expect(all.length).toBeGreaterThan(3);
    expect(all.length).toBeLessThanOrEqual(100);
    expect(all.every((o) => officerOf.get(o.value) === officer.staffId)).toBe(true);
    expect(all.every((o) => o.text.length <= 75 && o.text.startsWith(o.value))).toBe(true);
    // Verification: notified 08/10, the voluntary period ends Sunday 18/10 so Monday 19/10, due 29/10.
    expect(all.find((o) => o.value === mine)!.text).toBe(`${mine} · còn 48 triệu đồng · quá hạn 25 ngày`);
    expect((await searchReportableCases(core, officer, mine.toLowerCase().slice(-6))).map((o) => o.value)).toContain(mine);
    expect((await searchReportableCases(core, officer, `${mine}/QĐ`)).map((o) => o.value)).toEqual([mine]);
    expect(await searchReportableCases(core, officer, 'khong-co-vu-nao')).toEqual([]);
    const others = await fresh('BH-DS-CHV02');
    expect((await searchReportableCases(core, officer, others)).map((o) => o.value)).toEqual([]);
    const leader = (await getPersonByCode(db, 'BH-DS-TP'))!;
    expect((await searchReportableCases(core, leader, others)).map((o) => o.value)).toEqual([others]);
    expect(await searchReportableCases(core, (await getPersonByCode(db, 'BH-DS-TK'))!, '')).toEqual([]);
  });
});
