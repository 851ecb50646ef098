import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../bot/i18n/index.ts';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack, SLACK_LIMITS } from '../../bot/slack/render.ts';
import { MAX_MESSAGE_LENGTH, renderTelegram } from '../../bot/telegram/render.ts';
import { createCalendar } from '../../db/calendar.ts';
import type { Db } from '../../db/client.ts';
import { recordSlot } from '../../db/job-runs.ts';
import { chatIdentities, findingEvents, findings, inspections, jobRuns, staff, staffOversees, units } from '../../db/schema.ts';
import { addDays } from '../../db/work-year.ts';
import { firstWorkingDayOfWeek, inspectionRemindersJob } from '../../jobs/inspection-reminders.ts';
import { findingState, isReminderDue } from '../../jobs/inspections/reminder-days.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { nextSlot } from '../../jobs/schedule.ts';
import { resolveSchedules, scheduledJobs } from '../../jobs/schedule-jobs.ts';
import { runJob } from '../../jobs/run-job.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';

const NAME = 'inspection-reminders';
const calendar = createCalendar();
/** 08:30 in Viet Nam on a local date. */
const at = (day: string) => new Date(`${day}T01:30:00Z`);
const to = (m: PlannedMessage) => `${m.destination.platform}:${m.destination.chatId}`;
/** The finding codes listed in a message (lines `• CODE (…`). */
const listed = (m: PlannedMessage) => [...renderPlain(m.reply).matchAll(/^• (\S+) \(/gm)].map((x) => x[1]!);

/** The working days from `from` to `to`, both included. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

describe('reminder days', () => {
  it('7 days before, the last working day before, the deadline, then every 3 working days overdue', () => {
    const prevRun = (d: string) => {
      let p = addDays(d, -1);
      while (!calendar.isWorkingDay(p)) p = addDays(p, -1);
      return p;
    };
    const remindedOn = (due: string, from: string, until: string) => workingDays(from, until).filter((d) => isReminderDue(due, prevRun(d), d, calendar));
    // Wednesday 16/12/2026: 09/12, Tuesday 15/12, 16/12, then overdue 1 (Thu 17), 4 (Tue 22, over the weekend), 7 (Fri 25) working days.
    expect(remindedOn('2026-12-16', '2026-12-01', '2026-12-25')).toEqual(['2026-12-09', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-22', '2026-12-25']);
    // Sunday 20/12: 13/12 is a Sunday, so Monday 14; Friday 18 (last working day); Monday 21 (overdue 1 working day); 24; 29.
    expect(remindedOn('2026-12-20', '2026-12-01', '2026-12-29')).toEqual(['2026-12-14', '2026-12-18', '2026-12-21', '2026-12-24', '2026-12-29']);
  });

  it('says where the finding stands', () => {
    expect(findingState('2026-12-16', '2026-12-09', calendar)).toEqual({ kind: 'soon', days: 7 });
    expect(findingState('2026-12-16', '2026-12-15', calendar)).toEqual({ kind: 'tomorrow' });
    expect(findingState('2026-12-20', '2026-12-18', calendar)).toEqual({ kind: 'last_working_day' });
    expect(findingState('2026-12-16', '2026-12-16', calendar)).toEqual({ kind: 'today' });
    expect(findingState('2026-12-16', '2026-12-22', calendar)).toEqual({ kind: 'overdue', workingDays: 4 });
    // Over Tết 2027 (off Friday 05/02 to Tuesday 09/02): due Thursday 04/02, Wednesday 10/02 is 1 working day late.
    expect(findingState('2027-02-04', '2027-02-10', calendar)).toEqual({ kind: 'overdue', workingDays: 1 });
  });

  it('is scheduled on working days at 08:30 in TZ_APP, after Tết on Wednesday 10/02/2027, and JOB_SCHEDULES moves it', () => {
    const tz = 'Asia/Ho_Chi_Minh';
    const own = (overrides: Record<string, string>) => resolveSchedules(scheduledJobs, overrides, tz, calendar).find((s) => s.job.name === NAME)!;
    const byDefault = own({});
    expect(byDefault.expression).toBe('30 8 * * *');
    expect(nextSlot(byDefault.cron, at('2027-02-04'), byDefault.slots)).toEqual(at('2027-02-10'));
    expect(nextSlot(byDefault.cron, new Date('2026-12-04T02:00:00Z'), byDefault.slots)).toEqual(at('2026-12-07')); // Friday 09:00: Monday
    expect(own({ [NAME]: '0 9 * * *' }).expression).toBe('0 9 * * *');
  });

  it('the first working day of a week: Monday, or Wednesday 10/02/2027 after Tết', () => {
    expect(firstWorkingDayOfWeek('2026-12-10', calendar)).toBe('2026-12-07');
    expect(firstWorkingDayOfWeek('2027-02-12', calendar)).toBe('2027-02-10');
  });
});

/**
 * Province PA (Telegram -1000, Slack C100) with A1 (Telegram -2001, Slack C201), A2 (no
 * channel, overseen by G), A4 (neither channel nor overseer). Leader G (English, linked on both
 * platforms) oversees A1 and A2; leader H oversees A1 unlinked. Xuân (A1) is linked on both
 * platforms, Yến on none.
 *
 * A1's open findings, December 2026: W1 due Wednesday 16/12 (Xuân), W2 due Sunday 20/12 (Yến),
 * W3 due Monday 14/12 (nobody). Around Tết 2027 (off Friday 05/02 to Tuesday 09/02): T1 due
 * Wednesday 10/02, T2 due Sunday 07/02 (in the break), T3 due Thursday 11/02, T4 due Monday
 * 15/02 (its "7 days before" is Monday 08/02, in the break). R1 (reported 10/12) and C1
 * (closed) fall due in the same days and are never reminded; R1 is on the province's list.
 * A2: Z1 due 14/12; A4: Q1 due 14/12.
 */
async function seed(db: Db) {
  const pa = await addUnit(db, 'PA', 'province');
  const a1 = await addUnit(db, 'A1', 'local', 'PA');
  const a2 = await addUnit(db, 'A2', 'local', 'PA');
  const a4 = await addUnit(db, 'A4', 'local', 'PA');
  await db.update(units).set({ name: 'Thi hành án dân sự tỉnh Phú An' }).where(eq(units.id, pa));
  await db.update(units).set({ name: 'Phòng THADS khu vực Hòa An' }).where(eq(units.id, a1));
  await db.update(units).set({ name: 'Phòng THADS khu vực Mỹ Lộc' }).where(eq(units.id, a2));
  await setChannels(db, pa, { telegram: '-1000', slack: 'C100' });
  await setChannels(db, a1, { telegram: '-2001', slack: 'C201' });

  const x = await addStaff(db, 'A1-X', a1);
  const y = await addStaff(db, 'A1-Y', a1);
  const g = await addStaff(db, 'PA-G', pa, 'province_deputy');
  const h = await addStaff(db, 'PA-H', pa, 'province_head');
  await db.update(staff).set({ fullName: 'Lê Thị Xuân' }).where(eq(staff.id, x));
  await db.update(staff).set({ fullName: 'Cao Thị Yến' }).where(eq(staff.id, y));
  await db.update(staff).set({ fullName: 'Phạm Văn Giang', locale: 'en' }).where(eq(staff.id, g));
  await db.insert(chatIdentities).values([
    { platform: 'telegram', externalId: '8001', staffId: x, source: 'link' },
    { platform: 'slack', externalId: 'U8001', staffId: x, source: 'import' },
    { platform: 'telegram', externalId: '9001', staffId: g, source: 'link' },
    { platform: 'slack', externalId: 'U9001', staffId: g, source: 'import' },
  ]);
  await db.insert(staffOversees).values([
    { staffId: g, unitId: a1 },
    { staffId: g, unitId: a2 },
    { staffId: h, unitId: a1 },
  ]);

  const [k1, k2, k4] = await db
    .insert(inspections)
    .values([
      { code: 'KT-01', unitId: a1, kind: 'comprehensive', concludedOn: '2026-10-15', title: 'Kiểm tra toàn diện năm 2026' },
      { code: 'KT-02', unitId: a2, kind: 'thematic', concludedOn: '2026-10-20', title: 'Kiểm tra chuyên đề' },
      { code: 'KT-04', unitId: a4, kind: 'thematic', concludedOn: '2026-10-20', title: 'Kiểm tra chuyên đề' },
    ])
    .returning({ id: inspections.id });
  const F = (code: string, inspectionId: number, dueDate: string, responsibleId: number | null, more: Partial<typeof findings.$inferInsert> = {}) => ({
    code,
    inspectionId,
    dueDate,
    responsibleId,
    description: `Thiếu sót ${code}: chưa xác minh điều kiện thi hành án đúng thời hạn`,
    remedy: `Xác minh lại và lập biên bản (${code})`,
    ...more,
  });
  await db.insert(findings).values([
    F('W1', k1!.id, '2026-12-16', x),
    F('W2', k1!.id, '2026-12-20', y),
    F('W3', k1!.id, '2026-12-14', null),
    F('T1', k1!.id, '2027-02-10', x),
    F('T2', k1!.id, '2027-02-07', x),
    F('T3', k1!.id, '2027-02-11', x),
    F('T4', k1!.id, '2027-02-15', x),
    F('R1', k1!.id, '2026-12-16', x, { status: 'reported', reportedNote: 'Đã xác minh lại', reportedAt: new Date('2026-12-10T03:00:00Z') }),
    F('C1', k1!.id, '2026-12-16', x, { status: 'closed', reportedAt: new Date('2026-12-08T03:00:00Z') }),
    F('Z1', k2!.id, '2026-12-14', null),
    F('Q1', k4!.id, '2026-12-14', null),
  ]);
}

describe.each(drivers)('inspection reminders on %s', (driver) => {
  let handle: TestDb;
  const deps = () => createJobDeps(handle.db);

  /** One scheduled run: the body, the outbox, the slot recorded (as jobs/run-job.ts does); then the same instant again. */
  async function runOn(day: string) {
    const planned = await inspectionRemindersJob.run(deps(), at(day));
    const first = await enqueue(handle.db, planned);
    await recordSlot(handle.db, NAME, at(day));
    const again = await inspectionRemindersJob.run(deps(), at(day));
    const second = await enqueue(handle.db, again);
    return { planned, again, first, second };
  }

  /** Runs every working day of the span and says, per finding, the days A1's Telegram group heard of it. */
  async function simulate(from: string, until: string) {
    const heard = new Map<string, string[]>();
    const runs = new Map<string, Awaited<ReturnType<typeof runOn>>>();
    for (const day of workingDays(from, until)) {
      const run = await runOn(day);
      runs.set(day, run);
      for (const m of run.planned.filter((p) => to(p) === 'telegram:-2001')) for (const code of listed(m)) heard.set(code, [...(heard.get(code) ?? []), day]);
    }
    return { heard, runs };
  }

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seed(handle.db);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
    await handle.db.delete(jobRuns);
  });

  it('reminds across weekends: 7 days before, the last working day before, on the day, every 3 working days overdue, each once', async () => {
    const { heard, runs } = await simulate('2026-12-01', '2026-12-31');
    expect(heard.get('W1')).toEqual(['2026-12-09', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-22', '2026-12-25', '2026-12-30']);
    expect(heard.get('W2')).toEqual(['2026-12-14', '2026-12-18', '2026-12-21', '2026-12-24', '2026-12-29']);
    expect(heard.get('W3')).toEqual(['2026-12-07', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-18', '2026-12-23', '2026-12-28', '2026-12-31']);
    // Reported and closed findings are not the unit's to do; A4 has no channel and no overseer.
    expect(heard.has('R1') || heard.has('C1')).toBe(false);
    for (const [day, run] of runs) {
      // The same instant again plans the same keys, which the outbox already holds.
      expect(run.second, day).toEqual({ added: 0, existing: run.planned.length });
      expect(run.again.map((m) => `${to(m)} ${m.period}`), day).toEqual(run.planned.map((m) => `${to(m)} ${m.period}`));
      expect(run.first.added, day).toBe(run.planned.length);
      expect(run.planned.some((m) => renderPlain(m.reply).includes('Q1')), day).toBe(false);
    }
  });

  it('reminds across Tết 2027, catching up after the break without repeating', async () => {
    const { heard } = await simulate('2027-01-25', '2027-02-19');
    expect(heard.get('T1')).toEqual(['2027-02-03', '2027-02-04', '2027-02-10', '2027-02-11', '2027-02-16', '2027-02-19']);
    // Due Sunday 07/02 in the break: Monday 01/02 (within 7 days), Thursday 04/02 (the last working day), Wednesday 10/02 (1 working day late), 15/02 (4).
    expect(heard.get('T2')).toEqual(['2027-02-01', '2027-02-04', '2027-02-10', '2027-02-15', '2027-02-18']);
    expect(heard.get('T3')).toEqual(['2027-02-04', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-17']);
    // Its seventh day before, Monday 08/02, is in the break: Wednesday 10/02.
    expect(heard.get('T4')).toEqual(['2027-02-10', '2027-02-12', '2027-02-15', '2027-02-16', '2027-02-19']);
  });

  it('one message per unit channel and day, naming the responsible, mentions only where linked', async () => {
    const { planned } = await runOn('2026-12-14');
    const tg = planned.find((m) => to(m) === 'telegram:-2001')!;
    expect(tg.period).toBe('2026-12-14 A1');
    expect(renderPlain(tg.reply)).toBe(
      [
        'Nhắc thời hạn khắc phục theo kết luận kiểm tra ngày 14/12/2026 — Phòng THADS khu vực Hòa An',
        '',
        'Đến hạn khắc phục hôm nay (1):',
        '• W3 (kết luận KT-01): Thiếu sót W3: chưa xác minh điều kiện thi hành án đúng thời hạn',
        '   Biện pháp khắc phục: Xác minh lại và lập biên bản (W3)',
        '   Người chịu trách nhiệm: chưa giao — hạn khắc phục là hôm nay, 14/12/2026',
        '',
        'Sắp đến hạn khắc phục (1):',
        '• W2 (kết luận KT-01): Thiếu sót W2: chưa xác minh điều kiện thi hành án đúng thời hạn',
        '   Biện pháp khắc phục: Xác minh lại và lập biên bản (W2)',
        '   Người chịu trách nhiệm: Cao Thị Yến — hạn 20/12/2026, còn 6 ngày',
        '',
        'Đề nghị các đồng chí được giao khẩn trương thực hiện biện pháp khắc phục; khắc phục xong, báo cáo kết quả bằng lệnh /khacphuc <mã nội dung> <kết quả khắc phục> để phục vụ phúc tra.',
        '',
        'Tính đến ngày 14/12/2026',
      ].join('\n'),
    );
    expect(tg.mentions).toBeUndefined(); // Yến is not linked; W3 has nobody.

    const { planned: later } = await runOn('2026-12-15');
    const byTo = new Map(later.map((m) => [to(m), m]));
    expect([...byTo.keys()].sort()).toEqual(['slack:C201', 'slack:U9001', 'telegram:-2001', 'telegram:9001']);
    expect(listed(byTo.get('telegram:-2001')!)).toEqual(['W3', 'W1']);
    expect(byTo.get('telegram:-2001')!.mentions).toEqual([{ name: 'Lê Thị Xuân', externalId: '8001' }]);
    expect(byTo.get('slack:C201')!.mentions).toEqual([{ name: 'Lê Thị Xuân', externalId: 'U8001' }]);
    const text = renderPlain(byTo.get('telegram:-2001')!.reply);
    expect(text).toContain('Nội dung kết luận kiểm tra quá hạn khắc phục (1):');
    expect(text).toContain('Người chịu trách nhiệm: chưa giao — hạn 14/12/2026, quá hạn 1 ngày làm việc');
    expect(text).toContain('Người chịu trách nhiệm: Lê Thị Xuân — hạn khắc phục là ngày mai, 16/12/2026');
    expect(text).toContain('1 nội dung quá hạn khắc phục đã được báo cáo Lãnh đạo phụ trách địa bàn.');
  });

  it('escalates overdue findings privately to the overseeing leader, in their language, once per reminder day', async () => {
    await runOn('2026-12-14');
    const { planned } = await runOn('2026-12-15');
    const escalations = planned.filter((m) => m.destination.chatId === '9001' || m.destination.chatId === 'U9001');
    expect(escalations.map((m) => m.period)).toEqual(['2026-12-15 escalation', '2026-12-15 escalation']);
    expect(escalations[0]!.locale).toBe('en');
    expect(renderPlain(escalations[0]!.reply)).toBe(
      [
        'Inspection findings past their remedy deadline — report to the leader in charge of the area, 15 Dec 2026',
        '',
        'Phòng THADS khu vực Hòa An (A1), findings: 1',
        '• W3 (conclusion KT-01): Thiếu sót W3: chưa xác minh điều kiện thi hành án đúng thời hạn — not assigned, due 14 Dec 2026, working days overdue: 1',
        '',
        'Phòng THADS khu vực Mỹ Lộc (A2), findings: 1',
        '• Z1 (conclusion KT-02): Thiếu sót Z1: chưa xác minh điều kiện thi hành án đúng thời hạn — not assigned, due 14 Dec 2026, working days overdue: 1',
        '',
        'As of 15 Dec 2026',
      ].join('\n'),
    );
    // Overdue by 2 working days on 16/12: not a reminder day for W3 or Z1, so no escalation.
    const { planned: next } = await runOn('2026-12-16');
    expect(next.filter((m) => m.period.endsWith('escalation'))).toEqual([]);
    // Leader H oversees A1 but has no chat account: nothing for them, nothing for A2's missing channel.
    expect(next.map(to).sort()).toEqual(['slack:C201', 'telegram:-2001']);
  });

  it('on the first working day of the week, each province channel gets what awaits follow-up', async () => {
    const { planned } = await runOn('2026-12-14');
    const province = planned.filter((m) => m.destination.chatId === '-1000' || m.destination.chatId === 'C100');
    expect(province.map((m) => m.period)).toEqual(['2026-W51 PA follow-up', '2026-W51 PA follow-up']);
    expect(renderPlain(province[0]!.reply)).toBe(
      [
        'Kết quả khắc phục chờ phúc tra — Thi hành án dân sự tỉnh Phú An, tuần 14/12–20/12/2026',
        '',
        'Phòng THADS khu vực Hòa An (A1): 1 nội dung',
        '• R1 (kết luận KT-01): Thiếu sót R1: chưa xác minh điều kiện thi hành án đúng thời hạn — hạn 16/12/2026, báo cáo khắc phục ngày 10/12/2026',
        '',
        'Sau phúc tra, Lãnh đạo xác nhận đã khắc phục bằng /khacphuc dong <mã>, hoặc yêu cầu khắc phục lại bằng /khacphuc mo <mã> <lý do>.',
        '',
        'Tính đến ngày 14/12/2026',
      ].join('\n'),
    );
    // Not on Tuesday; after Tết, on Wednesday 10/02/2027, the week's first working day.
    const { planned: tuesday } = await runOn('2026-12-15');
    expect(tuesday.some((m) => m.period.endsWith('follow-up'))).toBe(false);
    await recordSlot(handle.db, NAME, at('2027-02-04'));
    const { planned: afterTet } = await runOn('2027-02-10');
    expect(afterTet.filter((m) => m.period.endsWith('follow-up')).map((m) => m.period)).toEqual(['2027-W06 PA follow-up', '2027-W06 PA follow-up']);
  });

  it('after missed runs, the next run reminds each finding once with where it stands now', async () => {
    // No run on 09/12 or 10/12: W1's "within 7 days" is sent on Friday 11/12.
    await runOn('2026-12-08');
    const { planned: friday } = await runOn('2026-12-11');
    const f = friday.find((m) => to(m) === 'telegram:-2001')!;
    expect(listed(f)).toEqual(['W3', 'W1']);
    expect(renderPlain(f.reply)).toContain('Người chịu trách nhiệm: Lê Thị Xuân — hạn 16/12/2026, còn 5 ngày');
    await runOn('2026-12-14');
    // No run on 15/12 or 16/12: W1's day before and its deadline are caught up on 17/12 in one line.
    const { planned } = await runOn('2026-12-17');
    const tg = planned.find((m) => to(m) === 'telegram:-2001')!;
    expect(listed(tg)).toEqual(['W3', 'W1']);
    expect(renderPlain(tg.reply)).toContain('Người chịu trách nhiệm: Lê Thị Xuân — hạn 16/12/2026, quá hạn 1 ngày làm việc');
  });

  it('reminds a finding sent back after phúc tra at the next run, with the reason, whatever its deadline', async () => {
    const [k] = await handle.db.select({ id: inspections.id }).from(inspections).where(eq(inspections.code, 'KT-01'));
    const [ro] = await handle.db
      .insert(findings)
      .values({ code: 'RO1', inspectionId: k!.id, dueDate: '2027-01-29', description: 'Chưa lập biên bản xác minh', remedy: 'Lập biên bản xác minh' })
      .returning({ id: findings.id });
    try {
      await runOn('2026-12-15');
      // Reopened at 13:00 on Tuesday 15/12, after that morning's run.
      await handle.db.insert(findingEvents).values({ findingId: ro!.id, kind: 'reopened', at: new Date('2026-12-15T06:00:00Z'), channel: 'telegram', note: 'Biên bản chưa có chữ ký đương sự' });
      const { planned, again, second } = await runOn('2026-12-16');
      const tg = planned.find((m) => to(m) === 'telegram:-2001')!;
      expect(listed(tg)).toContain('RO1');
      // The same instant again (its slot now recorded) plans the same and adds nothing.
      expect(listed(again.find((m) => to(m) === 'telegram:-2001')!)).toEqual(listed(tg));
      expect(second).toEqual({ added: 0, existing: planned.length });
      expect(renderPlain(tg.reply)).toContain(
        [
          '• RO1 (kết luận KT-01): Chưa lập biên bản xác minh',
          '   Biện pháp khắc phục: Lập biên bản xác minh',
          '   Người chịu trách nhiệm: chưa giao — hạn 29/01/2027, còn 44 ngày',
          '   Yêu cầu khắc phục lại sau phúc tra ngày 15/12/2026: Biên bản chưa có chữ ký đương sự',
        ].join('\n'),
      );
      const { planned: next } = await runOn('2026-12-17');
      expect(next.some((m) => listed(m).includes('RO1'))).toBe(false);
    } finally {
      await handle.db.delete(findings).where(eq(findings.id, ro!.id));
    }
  });

  it('sends nothing for a unit without a channel when nobody oversees it', async () => {
    const { planned } = await runOn('2026-12-15');
    expect(planned.some((m) => listed(m).includes('Q1'))).toBe(false);
  });

  it('lists ten findings per section with long texts cut, counts the rest, and fits Telegram and Slack', async () => {
    const a5 = await addUnit(handle.db, 'A5', 'local', 'PA');
    await setChannels(handle.db, a5, { telegram: '-2005', slack: 'C205' });
    const [k] = await handle.db.insert(inspections).values({ code: 'KT-05', unitId: a5, kind: 'unannounced', concludedOn: '2026-10-01', title: 'Kiểm tra đột xuất' }).returning({ id: inspections.id });
    const long = 'Hồ sơ thi hành án lưu trữ chưa đầy đủ tài liệu, '.repeat(30);
    await handle.db.insert(findings).values(
      Array.from({ length: 25 }, (_, i) => ({ code: `L${String(i + 1).padStart(2, '0')}`, inspectionId: k!.id, dueDate: '2026-12-14', description: long, remedy: long })),
    );
    const { planned } = await runOn('2026-12-15');
    await handle.db.delete(inspections).where(eq(inspections.id, k!.id)); // its findings with it
    const m = planned.find((p) => to(p) === 'telegram:-2005')!;
    expect(listed(m)).toEqual(Array.from({ length: 10 }, (_, i) => `L${String(i + 1).padStart(2, '0')}`));
    const text = renderPlain(m.reply);
    expect(text).toContain('Nội dung kết luận kiểm tra quá hạn khắc phục (25):');
    expect(text).toContain('… và 15 nội dung khác (gõ /kiemtra để xem đủ).');
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(260);
    for (const p of planned) {
      expect(renderTelegram(p.reply).every((x) => x.text.length <= MAX_MESSAGE_LENGTH)).toBe(true);
      const { blocks } = renderSlack(p.reply, p.locale);
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
      expect(JSON.stringify(blocks)).not.toContain(t(p.locale, 'views.truncated'));
    }
  });

  it('runs through runJob: the same instant twice sends nothing new', async () => {
    const { deps: runner } = createTestDeps(handle, { LOG_LEVEL: 'silent' });
    // Monday 23/11/2026 is within 7 days of nothing seeded; add one finding due Monday 30/11.
    const [k] = await handle.db.select({ id: inspections.id }).from(inspections).where(eq(inspections.code, 'KT-01'));
    await handle.db.insert(findings).values({ code: 'N1', inspectionId: k!.id, dueDate: '2026-11-30', description: 'Sổ thụ lý ghi chưa đầy đủ', remedy: 'Bổ sung sổ' });
    try {
      const first = await runJob(runner, inspectionRemindersJob, at('2026-11-23'), { deliver: false });
      expect(first).toMatchObject({ added: 4, existing: 0 }); // A1 on both platforms; PA's Monday list on both
      expect(first.planned.filter((m) => listed(m).includes('N1')).map(to)).toEqual(['telegram:-2001', 'slack:C201']);
      const second = await runJob(runner, inspectionRemindersJob, at('2026-11-23'), { deliver: false });
      expect(second).toMatchObject({ added: 0, existing: 4 });
    } finally {
      await handle.db.delete(findings).where(eq(findings.code, 'N1'));
    }
  });
});
