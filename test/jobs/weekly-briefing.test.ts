import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack, SLACK_LIMITS } from '../../bot/slack/render.ts';
import { MAX_MESSAGE_LENGTH, renderTelegram } from '../../bot/telegram/render.ts';
import { t } from '../../bot/i18n/index.ts';
import { createCalendar } from '../../db/calendar.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getOverdue } from '../../db/numbers/overdue.ts';
import { getOverdueByUnit } from '../../db/numbers/overdue-by-unit.ts';
import { getRanking } from '../../db/numbers/ranking.ts';
import { getSummary } from '../../db/numbers/summary.ts';
import { getAllSummaries } from '../../db/numbers/unit-summaries.ts';
import { defaultOverdueRules } from '../../db/overdue-rules.ts';
import { auditLog, chatIdentities, staff, targets, units } from '../../db/schema.ts';
import { isoWeekKey } from '../../jobs/briefing/iso-week.ts';
import { rankChildren } from '../../jobs/briefing/province-briefing.ts';
import { findJob, jobs } from '../../jobs/index.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { weeklyBriefingJob } from '../../jobs/weekly-briefing.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';
import { noCache } from '../../db/result-cache.ts';

/** Monday 23 November 2026, 07:30 in Viet Nam: ISO week 48, work year 2027 (from 01/10/2026). */
const NOW = new Date('2026-11-23T00:30:00Z');
const M = 1_000_000;

const jobDeps = (db: Db, defaultLocale: 'vi' | 'en' = 'vi') => createJobDeps(db, { defaultLocale });

async function rename(db: Db, table: typeof units | typeof staff, code: string, name: string) {
  if (table === units) await db.update(units).set({ name }).where(eq(units.code, code));
  else await db.update(staff).set({ fullName: name }).where(eq(staff.code, code));
}

/**
 * Province P with three local units. L1 (Đông Sơn: Telegram and Slack) holds the worked
 * example of the assertions; L2 has Slack only, L3 no channel. Q is a province with 160 units.
 */
async function seed(db: Db) {
  await addUnit(db, 'P', 'province');
  await rename(db, units, 'P', 'Cục THADS tỉnh Thanh Hóa');
  const l1 = await addUnit(db, 'L1', 'local', 'P');
  await rename(db, units, 'L1', 'Chi cục THADS huyện Đông Sơn');
  const l2 = await addUnit(db, 'L2', 'local', 'P');
  const l3 = await addUnit(db, 'L3', 'local', 'P');
  await setChannels(db, 'P', { telegram: '-100900' });
  await setChannels(db, 'L1', { telegram: '-100901', slack: 'C901' });
  await setChannels(db, 'L2', { slack: 'C902' });

  const an = await addStaff(db, 'L1-CHV01', l1);
  const binh = await addStaff(db, 'L1-CHV02', l1);
  await addStaff(db, 'L1-CHV03', l1); // no cases: never "without a report"
  await rename(db, staff, 'L1-CHV01', 'Nguyễn Văn An');
  await rename(db, staff, 'L1-CHV02', 'Trần Thị Bình');
  const l2Officer = await addStaff(db, 'L2-CHV01', l2);
  await db.insert(chatIdentities).values({ platform: 'telegram', externalId: '7001', staffId: binh, source: 'link' });

  const a = { unitId: l1, officerId: an };
  const b = { unitId: l1, officerId: binh };
  await addCase(db, { ...a, code: 'C1', accepted: '2026-10-05', amount: 100 * M, verifiedOn: '2026-10-08', history: [['completed', '2026-11-10']] });
  await addCase(db, { ...a, code: 'C2', accepted: '2026-10-06', amount: 200 * M, verifiedOn: '2026-10-20', collections: [['2026-11-01', 50 * M]] });
  await addCase(db, { ...a, code: 'C3', accepted: '2026-10-07', amount: 20 * M, verifiedOn: '2026-10-19', history: [['no_conditions', '2026-10-20']] });
  // Carried over: 300M less 100M paid before 1 October; the leader's deadline passed on 20/11.
  await addCase(db, { ...a, code: 'C4', accepted: '2026-05-01', amount: 300 * M, verifiedOn: '2026-06-10', dueDate: '2026-11-20', collections: [['2026-06-01', 100 * M]] });
  await addCase(db, { ...b, code: 'C5', accepted: '2026-10-10', amount: 40 * M, verifiedOn: '2026-10-15', collections: [['2026-11-01', 10 * M]], history: [['terminated', '2026-11-15']] });
  // Decided Monday 02/11: notified by Thursday 05/11 (3 working days), + 10 + 10 days = due 25/11.
  // Both its verification (25/11) and a leader's deadline (27/11) fall due this week: one case.
  await addCase(db, { ...b, code: 'C6', accepted: '2026-11-02', amount: 10 * M, dueDate: '2026-11-27' });
  await addCase(db, { ...b, code: 'C7', accepted: '2026-10-01', amount: 0, verifiedOn: '2026-10-10', dueDate: '2026-11-26' });
  // Decided Thursday 01/10: notified by 06/10, verification due 26/10, 28 days late on 23/11.
  await addCase(db, { ...b, code: 'C8', accepted: '2026-10-01', amount: 5 * M });
  // Last year: at 23/11/2025, Y1 done and Y2 open (closed in January, so out of this year's books).
  await addCase(db, { unitId: l1, code: 'Y1', accepted: '2025-10-02', amount: 10 * M, verifiedOn: '2025-10-05', history: [['completed', '2025-11-01']] });
  await addCase(db, { unitId: l1, code: 'Y2', accepted: '2025-10-03', amount: 30 * M, verifiedOn: '2025-10-05', history: [['completed', '2026-01-10']] });

  await addCase(db, { unitId: l2, officerId: l2Officer, code: 'D1', accepted: '2026-10-10', amount: 10 * M, verifiedOn: '2026-10-12', history: [['completed', '2026-11-01']] });
  await addCase(db, { unitId: l2, officerId: l2Officer, code: 'D2', accepted: '2026-10-10', amount: 10 * M, verifiedOn: '2026-10-12' });
  await addCase(db, { unitId: l3, code: 'E1', accepted: '2026-10-10', amount: 10 * M, verifiedOn: '2026-10-12' });

  await db.insert(targets).values([
    { unitId: l1, workYear: 2027, casesRate: 85, moneyRate: 30, carriedCasesCut: 5, carriedMoneyCut: 5 },
    { unitId: l2, workYear: 2027, casesRate: 40, moneyRate: 60, carriedCasesCut: 5, carriedMoneyCut: 5 },
  ]);
  // An reported two days ago through the bot; Bình's last report is ten days old.
  const audit = { actor: 'x', channel: 'telegram' as const, action: 'case.collect', entity: 'case' };
  await db.insert(auditLog).values([
    { ...audit, staffId: an, at: new Date('2026-11-21T03:00:00Z'), entityCode: 'C2' },
    { ...audit, staffId: binh, at: new Date('2026-11-13T03:00:00Z'), entityCode: 'C6' },
  ]);

  await addUnit(db, 'Q', 'province');
  await setChannels(db, 'Q', { telegram: '-100950' });
  for (let i = 1; i <= 160; i++) await addUnit(db, `Q-${String(i).padStart(3, '0')}`, 'local', 'Q');
}

/** Whole in one Slack message: within the block limit and not cut short by the renderer. */
const fitsSlack = (m: PlannedMessage) => {
  const { blocks } = renderSlack(m.reply, m.locale);
  return blocks.length <= SLACK_LIMITS.messageBlocks && !JSON.stringify(blocks).includes(t(m.locale, 'views.truncated'));
};

const to = (m: PlannedMessage) => `${m.destination.platform}:${m.destination.chatId}`;

describe('ISO week keys', () => {
  it('numbers weeks from the one holding the first Thursday', () => {
    expect(isoWeekKey('2026-11-23')).toBe('2026-W48');
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53'); // a Friday: still the last week of 2026
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
  });

  it('registers the jobs with their default schedules', () => {
    expect(jobs.map((j) => [j.name, j.defaultSchedule, j.workingDaysOnly])).toEqual([
      ['weekly-briefing', '30 7 * * 1', false],
      ['overdue-alerts', '0 8 * * *', true],
      ['inspection-reminders', '30 8 * * *', true],
      ['question-reminders', '0 14 * * *', true],
    ]);
    expect(findJob('weekly-briefing')).toBe(weeklyBriefingJob);
    expect(findJob('nope')).toBeUndefined();
  });
});

describe.each(drivers)('weekly briefing on %s', (driver) => {
  let handle: TestDb;
  let planned: PlannedMessage[];
  const messageTo = (dest: string) => {
    const m = planned.find((p) => to(p) === dest);
    if (!m) throw new Error(`no message to ${dest}`);
    return m;
  };
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seed(handle.db);
    planned = await weeklyBriefingJob.run(jobDeps(handle.db), NOW);
  });
  afterAll(() => handle.close());

  it('plans one message per channel of each unit that has one, for the ISO week', () => {
    expect(planned.map(to).sort()).toEqual(['slack:C901', 'slack:C902', 'telegram:-100900', 'telegram:-100901', 'telegram:-100950']);
    expect(planned.every((p) => p.period.startsWith('2026-W48 '))).toBe(true);
    expect(messageTo('telegram:-100901').period).toMatch(/^2026-W48 \S+$/);
    expect(planned.every((p) => p.job === 'weekly-briefing' && p.locale === 'vi')).toBe(true);
    expect(messageTo('slack:C901').reply).toEqual(messageTo('telegram:-100901').reply);
  });

  it("gives a local unit its rates against target and last year, its books, overdue, deadlines and silent officers", () => {
    const text = renderPlain(messageTo('telegram:-100901').reply);
    // By cases: done C1, C5 of 7 with conditions (C3 is without) = 28,57%; last year Y1 of Y1, Y2 = 50%.
    // By money: done 100 + 40 + 50 (C2 paid) = 190 of 100 + 200 + 200 (C4 as owed on 1/10) + 40 + 10 + 0 + 5 = 555 million.
    expect(text).toBe(
      [
        'Giao ban tuần 23/11–29/11/2026 — Chi cục THADS huyện Đông Sơn',
        '',
        'Tỷ lệ thi hành xong về việc: 28,57% (chỉ tiêu 85,00%, ✗), giảm 21,43 điểm phần trăm so với cùng kỳ (50,00%)',
        'Tỷ lệ thi hành xong về tiền: 34,23% (chỉ tiêu 30,00%, ✓), tăng 9,23 điểm phần trăm so với cùng kỳ (25,00%)',
        'Chỉ tiêu: Đạt 1/4 chỉ tiêu.',
        'Tổng số phải thi hành: 8 việc · 575 triệu đồng',
        'Có điều kiện thi hành: 7 việc · 555 triệu đồng',
        'Thi hành xong: 2 việc · 190 triệu đồng',
        'Chuyển kỳ sau: 6 việc · 385 triệu đồng',
        'Án tín dụng, ngân hàng: phải thi hành 0 việc · 0 đồng; xong 0 việc · 0 đồng',
        'Khiếu nại, tố cáo · phức tạp, kéo dài: 0 việc · 0 việc đang giải quyết',
        '',
        'Việc quá hạn: 2',
        'Quá hạn lâu nhất:',
        '• C8 — CHV Trần Thị Bình: Chậm xác minh điều kiện thi hành án (hạn 26/10/2026), quá hạn 28 ngày',
        '• C4 — CHV Nguyễn Văn An: Quá hạn xử lý lãnh đạo giao (hạn 20/11/2026), quá hạn 3 ngày',
        '',
        'Đến hạn trong tuần (23/11/2026 – 29/11/2026): 2',
        // Notified 05/11; the voluntary period ends Sunday 15/11, so Monday 16/11; verification by 26/11.
        '• 26/11/2026: C6 — hạn xác minh điều kiện thi hành án (CHV Trần Thị Bình)',
        '• 26/11/2026: C7 — hạn lãnh đạo giao (CHV Trần Thị Bình)',
        '• 27/11/2026: C6 — hạn lãnh đạo giao (CHV Trần Thị Bình)',
        '',
        'Chấp hành viên chưa cập nhật tiến độ trong 7 ngày qua (1): Trần Thị Bình',
        '',
        'Năm công tác 2027 (từ 01/10/2026 đến 23/11/2026)',
      ].join('\n'),
    );
  });

  it('mentions a named officer only on the platform where their account is linked', () => {
    expect(messageTo('telegram:-100901').mentions).toEqual([{ name: 'Trần Thị Bình', externalId: '7001' }]);
    expect(messageTo('slack:C901').mentions).toBeUndefined();
  });

  it('ranks a province’s units against their targets and gives the province total', () => {
    const text = renderPlain(messageTo('telegram:-100900').reply);
    // A week by its dates (WORDING.md), never its ISO number.
    expect(text.split('\n')[0]).toBe('Giao ban tuần 23/11–29/11/2026 — Xếp hạng các đơn vị thuộc Cục THADS tỉnh Thanh Hóa');
    // L2: 1 of 2 = 50% (target 40 ✓), money 10 of 20 = 50% (target 60 ✗); L3: 0 of 1, no target.
    const rows = text.split('\n').filter((l) => /^\s*\d+ /.test(l)).map((l) => l.trim().split(/\s+/));
    // Then how many of the four targets each unit meets, or that it has none set.
    expect(rows).toEqual([
      // Units by their place (WORDING.md): "Chi cục THADS huyện Đông Sơn" is "Đông Sơn" in a list.
      ['1', 'Đơn', 'vị', 'L2', '50,00%', '✓', '50,00%', '✗', 'đạt', '1/4'],
      ['2', 'Đông', 'Sơn', '28,57%', '✗', '34,23%', '✓', 'đạt', '1/4'],
      ['3', 'Đơn', 'vị', 'L3', '0,00%', '—', '0,00%', '—', 'chưa', 'giao', 'chỉ', 'tiêu'],
    ]);
    // Province: done 3 of 10 cases; 200 of 585 million; last year 50% and 25%; overdue C4, C8.
    expect(text).toContain('Tỷ lệ thi hành xong về việc: 30,00% (chưa giao chỉ tiêu), giảm 20,00 điểm phần trăm so với cùng kỳ (50,00%)');
    expect(text).toContain('Tỷ lệ thi hành xong về tiền: 34,19% (chưa giao chỉ tiêu), tăng 9,19 điểm phần trăm so với cùng kỳ (25,00%)');
    expect(text).toContain('Chỉ tiêu: Chưa giao chỉ tiêu năm công tác 2027.');
    expect(text).toContain('Việc quá hạn toàn tỉnh: 2');
  });

  it('splits a province of 160 units into Telegram messages under the limit, each unit once', () => {
    const messages = renderTelegram(messageTo('telegram:-100950').reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    const all = messages.map((m) => m.text).join('\n');
    for (let i = 1; i <= 160; i++) expect(all.match(new RegExp(`Q-${String(i).padStart(3, '0')}\\b`, 'g'))).toHaveLength(1);
    for (const m of planned) {
      expect(renderTelegram(m.reply).every((x) => x.text.length <= MAX_MESSAGE_LENGTH)).toBe(true);
      expect(fitsSlack(m)).toBe(true);
    }
  });

  it('speaks English when that is the default locale', async () => {
    const english = await weeklyBriefingJob.run(jobDeps(handle.db, 'en'), NOW);
    const text = renderPlain(english.find((p) => to(p) === 'slack:C902')!.reply);
    expect(text).toContain('Weekly briefing, week 23 Nov–29 Nov 2026 — Đơn vị L2');
    expect(text).toContain('Rate done by cases: 50.00% (target 40.00%, ✓)');
    expect(text).toContain('Officers with no progress report in the last 7 days (1): Cán bộ L2-CHV01');
  });

  it('plans nothing when no unit has a channel', async () => {
    const empty = await openTestDb(driver);
    try {
      await addUnit(empty.db, 'X', 'local');
      expect(await weeklyBriefingJob.run(jobDeps(empty.db), NOW)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe.each(drivers)('the batched numbers over the demo province on %s', (driver) => {
  let handle: TestDb;
  const today = '2026-11-23';
  const options = { calendar: createCalendar(), rules: defaultOverdueRules };
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today, changes: noCache });
    for (const { id } of await handle.db.select({ id: units.id }).from(units)) await setChannels(handle.db, id, { telegram: `-100${id}`, slack: `C${id}` });
  });
  afterAll(() => handle.close());

  it('gives every unit the summary /tomtat gives it, the province the ranking /xephang gives, and every local unit the overdue cases /quahan lists first', async () => {
    const all = await getAllSummaries(handle.db, today, options);
    expect(all.units.length).toBeGreaterThan(5);
    const locals = all.units.filter((u) => u.kind === 'local');
    const overdue = await getOverdueByUnit(handle.db, locals.map((u) => u.id), today, options, 5);
    for (const unit of all.units) {
      expect(all.summaries.get(unit.id)).toEqual(await getSummary(handle.db, unit.code, today, options));
    }
    const province = all.units.find((u) => u.kind === 'province')!;
    const children = all.units.filter((u) => u.parentId === province.id).map((u) => ({ id: u.id, summary: all.summaries.get(u.id)! }));
    expect(rankChildren(all.summaries.get(province.id)!, children)).toEqual(await getRanking(handle.db, province.code, today, options));
    for (const unit of locals) {
      const report = await getOverdue(handle.db, unit.code, today, options, { limit: 5 });
      const batched = overdue.get(unit.id);
      expect(batched?.total ?? 0).toBe(report.total_cases);
      expect((batched?.cases ?? []).map(({ unitId: _u, officerId: _o, ...c }) => c)).toEqual(report.cases);
    }
  });

  it('plans a briefing for every unit, each fitting Telegram', async () => {
    const planned = await weeklyBriefingJob.run(jobDeps(handle.db), NOW);
    const all = await handle.db.select().from(units);
    expect(planned).toHaveLength(all.length * 2);
    for (const m of planned) {
      expect(renderTelegram(m.reply).every((x) => x.text.length <= MAX_MESSAGE_LENGTH)).toBe(true);
      expect(fitsSlack(m)).toBe(true);
    }
  });
});
