import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../bot/render/plain.ts';
import { renderSlack, SLACK_LIMITS } from '../../bot/slack/render.ts';
import { MAX_MESSAGE_LENGTH, renderTelegram } from '../../bot/telegram/render.ts';
import { t } from '../../bot/i18n/index.ts';
import { createCalendar } from '../../db/calendar.ts';
import type { Db } from '../../db/client.ts';
import { recordSlot } from '../../db/job-runs.ts';
import { chatIdentities, jobRuns, staff, staffOversees, units } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { overdueAlertsJob } from '../../jobs/overdue-alerts.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';

/** Tuesday 24 November 2026, 08:00 in Viet Nam: the previous run was Monday 23/11. */
const NOW = new Date('2026-11-24T01:00:00Z');
const calendar = createCalendar();

const jobDeps = (db: Db, escalateAfterDays = 30) => createJobDeps(db, { rules: { escalateAfterDays } });

/** Whole in one Slack message: within the block limit and not cut short by the renderer. */
const fitsSlack = (m: PlannedMessage) => {
  const { blocks } = renderSlack(m.reply, m.locale);
  return blocks.length <= SLACK_LIMITS.messageBlocks && !JSON.stringify(blocks).includes(t(m.locale, 'views.truncated'));
};

const to = (m: PlannedMessage) => `${m.destination.platform}:${m.destination.chatId}`;

/**
 * A1 (Telegram + Slack) with cases newly overdue for each reason, older ones, one past the
 * escalation threshold and one exactly on it; A2 (no channel) overseen, one case past the
 * threshold; A3 with a channel and nothing overdue; A4 neither channel nor overseer. Leader G
 * (English, linked on both platforms) oversees A1 and A2; leader H oversees A1 unlinked.
 * Officer Xuân is linked on both platforms, officer Yến on none. T1 holds the Tết cases.
 */
async function seed(db: Db) {
  await addUnit(db, 'PA', 'province');
  const a1 = await addUnit(db, 'A1', 'local', 'PA');
  const a2 = await addUnit(db, 'A2', 'local', 'PA');
  const a3 = await addUnit(db, 'A3', 'local', 'PA');
  const a4 = await addUnit(db, 'A4', 'local', 'PA');
  const t1 = await addUnit(db, 'T1', 'local', 'PA');
  await db.update(units).set({ name: 'Phòng THADS khu vực Hòa An' }).where(eq(units.id, a1));
  await setChannels(db, a1, { telegram: '-2001', slack: 'C201' });
  await setChannels(db, a3, { telegram: '-2003' });
  await setChannels(db, t1, { telegram: '-2005' });
  await db.update(units).set({ name: 'Phòng THADS khu vực Mỹ Lộc' }).where(eq(units.id, a2));
  const province = (await db.query.units.findFirst({ where: (u, { eq: e }) => e(u.code, 'PA') }))!.id;

  const x = await addStaff(db, 'A1-X', a1);
  const y = await addStaff(db, 'A1-Y', a1);
  const g = await addStaff(db, 'PA-G', province, 'province_deputy');
  const h = await addStaff(db, 'PA-H', province, 'province_head');
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

  const X = { unitId: a1, officerId: x, amount: 10_000_000 };
  const Y = { unitId: a1, officerId: y, amount: 10_000_000 };
  // New since Monday's run: each limit fell due on Monday 23/11, so was not yet broken then.
  await addCase(db, { ...X, code: 'N1', accepted: '2026-10-01', verifiedOn: '2026-10-05', dueDate: '2026-11-23' });
  // Decided Thursday 29/10: notified by Tuesday 03/11, verification due 23/11.
  await addCase(db, { ...Y, code: 'N2', accepted: '2026-10-29' });
  await addCase(db, { ...Y, code: 'N3', accepted: '2025-11-23', verifiedOn: '2025-12-01' }); // a year on 23/11
  await addCase(db, { ...X, code: 'N4', accepted: '2026-04-01', verifiedOn: '2026-05-20', history: [['no_conditions', '2026-05-23']] });
  // Already overdue at Monday's run.
  await addCase(db, { ...X, code: 'O1', accepted: '2026-10-01', verifiedOn: '2026-10-05', dueDate: '2026-11-22' });
  await addCase(db, { ...Y, code: 'O2', accepted: '2026-09-01', verifiedOn: '2026-09-10', dueDate: '2026-10-01' }); // 54 days
  await addCase(db, { ...X, code: 'O3', accepted: '2026-10-01', verifiedOn: '2026-10-05', dueDate: '2026-10-25' }); // 30 days: not past
  await addCase(db, { unitId: a2, code: 'P1', accepted: '2026-09-01', verifiedOn: '2026-09-10', dueDate: '2026-10-10', amount: 0 }); // 45 days
  await addCase(db, { unitId: a3, code: 'Q1', accepted: '2026-10-01', verifiedOn: '2026-10-05', dueDate: '2026-12-20', amount: 0 });
  await addCase(db, { unitId: a4, code: 'R1', accepted: '2026-09-01', verifiedOn: '2026-09-10', dueDate: '2026-10-10', amount: 0 });
  // A5: more newly overdue cases than a digest lists.
  const a5 = await addUnit(db, 'A5', 'local', 'PA');
  await setChannels(db, a5, { telegram: '-2006' });
  const F = { unitId: a5, accepted: '2026-10-01', verifiedOn: '2026-10-05', amount: 0 };
  for (let i = 1; i <= 35; i++) await addCase(db, { ...F, code: `F${String(i).padStart(2, '0')}`, dueDate: '2026-11-23' });
  for (let i = 1; i <= 3; i++) await addCase(db, { ...F, code: `G${i}`, dueDate: `2026-11-0${i}` });
  // No deadline set (its rule's flag is null): over a year with conditions since 01/10/2026.
  await addCase(db, { ...F, code: 'G4', accepted: '2025-10-01', verifiedOn: '2025-10-05' });
  // Tết 2027: off Friday 05/02 to Tuesday 09/02; the last run before it was Thursday 04/02.
  const T = { unitId: t1, accepted: '2027-01-04', verifiedOn: '2027-01-06', amount: 0 };
  await addCase(db, { ...T, code: 'TET-03', dueDate: '2027-02-03' });
  await addCase(db, { ...T, code: 'TET-04', dueDate: '2027-02-04' });
  await addCase(db, { ...T, code: 'TET-07', dueDate: '2027-02-07' });
}

describe('the previous working day', () => {
  it('skips weekends and the whole Tết break', () => {
    expect(calendar.workingDayBefore('2026-11-24')).toBe('2026-11-23');
    expect(calendar.workingDayBefore('2026-11-23')).toBe('2026-11-20'); // Monday: Friday
    expect(calendar.workingDayBefore('2027-02-10')).toBe('2027-02-04');
    expect(calendar.workingDayBefore('2027-02-08')).toBe('2027-02-04'); // a run on a Tết day
  });
});

describe.each(drivers)('overdue alerts on %s', (driver) => {
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
    planned = await overdueAlertsJob.run(jobDeps(handle.db), NOW);
  });
  afterAll(() => handle.close());

  it('plans one digest per unit channel with overdue cases and one escalation per linked account of the leader', () => {
    // Not A2 or A4 (no channel), not A3 (nothing overdue), not leader H (no linked account).
    expect(planned.map(to).sort()).toEqual(['slack:C201', 'slack:U9001', 'telegram:-2001', 'telegram:-2006', 'telegram:9001']);
    expect(new Set(planned.map((p) => p.period))).toEqual(new Set(['2026-11-24 A1', '2026-11-24 A5', '2026-11-24 escalation']));
    expect(planned.every((p) => p.job === 'overdue-alerts')).toBe(true);
  });

  it('lists the newly overdue cases first with their reasons and officers, then the others', () => {
    const m = messageTo('telegram:-2001');
    expect(m.locale).toBe('vi');
    expect(renderPlain(m.reply)).toBe(
      [
        'Cảnh báo việc quá hạn ngày 24/11/2026 — Phòng THADS khu vực Hòa An',
        '',
        'Mới quá hạn từ lần cảnh báo trước (4):',
        '• N1 — CHV Lê Thị Xuân: Quá hạn xử lý lãnh đạo giao (hạn 23/11/2026), quá hạn 1 ngày',
        '• N2 — CHV Cao Thị Yến: Chậm xác minh điều kiện thi hành án (hạn 23/11/2026), quá hạn 1 ngày',
        '• N3 — CHV Cao Thị Yến: Có điều kiện, quá 01 năm chưa thi hành xong (hạn 23/11/2026), quá hạn 1 ngày',
        '• N4 — CHV Lê Thị Xuân: Quá hạn xác minh lại (06 tháng) (hạn 23/11/2026), quá hạn 1 ngày',
        '',
        'Tổng số việc đang quá hạn: 7. Quá hạn lâu nhất:',
        '• O2 — CHV Cao Thị Yến: Quá hạn xử lý lãnh đạo giao (hạn 01/10/2026), quá hạn 54 ngày',
        '• O3 — CHV Lê Thị Xuân: Quá hạn xử lý lãnh đạo giao (hạn 25/10/2026), quá hạn 30 ngày',
        '• O1 — CHV Lê Thị Xuân: Quá hạn xử lý lãnh đạo giao (hạn 22/11/2026), quá hạn 2 ngày',
        '',
        '1 việc quá hạn trên 30 ngày đã được báo cáo Lãnh đạo phụ trách địa bàn.',
        '',
        'Tính đến ngày 24/11/2026',
      ].join('\n'),
    );
  });

  it('mentions only the officer linked on that platform', () => {
    expect(messageTo('telegram:-2001').mentions).toEqual([{ name: 'Lê Thị Xuân', externalId: '8001' }]);
    expect(messageTo('slack:C201').mentions).toEqual([{ name: 'Lê Thị Xuân', externalId: 'U8001' }]);
    expect(messageTo('slack:C201').reply).toEqual(messageTo('telegram:-2001').reply);
  });

  it('escalates privately, in the leader’s language, only the cases past the threshold of the units they oversee', () => {
    const m = messageTo('telegram:9001');
    expect(m.locale).toBe('en');
    expect(renderPlain(m.reply)).toBe(
      [
        'Cases overdue more than 30 days — report to the leader in charge of the area, 24 Nov 2026',
        '',
        'Hòa An (A1): 1 overdue',
        "• O2 — officer Cao Thị Yến: Past the leader's deadline (due 01 Oct 2026), 54 days overdue",
        '',
        'Mỹ Lộc (A2): 1 overdue',
        "• P1 — officer not assigned: Past the leader's deadline (due 10 Oct 2026), 45 days overdue",
        '',
        'As of 24 Nov 2026',
      ].join('\n'),
    );
    expect(messageTo('slack:U9001').reply).toEqual(m.reply);
  });

  it('escalates only to province leaders overseeing a unit of their own province', async () => {
    const db = handle.db;
    const other = await addUnit(db, 'PB', 'province');
    const outsider = await addStaff(db, 'PB-HEAD', other, 'province_head');
    const officer = (await db.query.staff.findFirst({ where: (s, { eq: e }) => e(s.code, 'A1-Y') }))!.id;
    const a1 = (await db.query.units.findFirst({ where: (u, { eq: e }) => e(u.code, 'A1') }))!.id;
    await db.insert(chatIdentities).values([
      { platform: 'telegram', externalId: '9101', staffId: outsider, source: 'link' },
      { platform: 'telegram', externalId: '9102', staffId: officer, source: 'link' },
    ]);
    await db.insert(staffOversees).values([
      { staffId: outsider, unitId: a1 },
      { staffId: officer, unitId: a1 },
    ]);
    try {
      const run = await overdueAlertsJob.run(jobDeps(db), NOW);
      expect(run.map(to)).not.toContain('telegram:9101');
      expect(run.map(to)).not.toContain('telegram:9102');
      expect(run.map(to)).toContain('telegram:9001');
    } finally {
      await db.delete(staffOversees).where(inArray(staffOversees.staffId, [outsider, officer]));
      await db.delete(chatIdentities).where(inArray(chatIdentities.externalId, ['9101', '9102']));
    }
  });

  it('counts as new what fell due since the last run when runs were missed', async () => {
    // The last run was Friday 20/11: Monday's was missed, so O1 (due Sunday 22/11) is new too.
    await recordSlot(handle.db, 'overdue-alerts', new Date('2026-11-20T01:00:00Z'));
    try {
      const run = await overdueAlertsJob.run(jobDeps(handle.db), NOW);
      const text = renderPlain(run.find((p) => to(p) === 'telegram:-2001')!.reply);
      expect(text).toContain('Mới quá hạn từ lần cảnh báo trước (5):');
      expect(text.split('\n\n')[1]).toContain('• O1 ');
    } finally {
      await handle.db.delete(jobRuns);
    }
  });

  it('gives each unit its own digest when two units share one group', async () => {
    await setChannels(handle.db, 'A5', { telegram: '-2001' });
    try {
      const shared = (await overdueAlertsJob.run(jobDeps(handle.db), NOW)).filter((p) => to(p) === 'telegram:-2001');
      expect(shared.map((p) => p.period).sort()).toEqual(['2026-11-24 A1', '2026-11-24 A5']);
      expect(await enqueue(handle.db, shared)).toEqual({ added: 2, existing: 0 });
    } finally {
      await setChannels(handle.db, 'A5', { telegram: '-2006' });
    }
  });

  it('takes the threshold from the configuration', async () => {
    const later = await overdueAlertsJob.run(jobDeps(handle.db, 60), NOW);
    expect(later.map(to).sort()).toEqual(['slack:C201', 'telegram:-2001', 'telegram:-2006']);
    expect(renderPlain(later.find((p) => to(p) === 'telegram:-2001')!.reply)).not.toContain('Lãnh đạo phụ trách');
  });

  it('after Tết, counts as new everything that fell due over the break', async () => {
    for (const now of [new Date('2027-02-10T01:00:00Z'), new Date('2027-02-08T01:00:00Z')]) {
      const run = await overdueAlertsJob.run(jobDeps(handle.db), now);
      const text = renderPlain(run.find((p) => to(p) === 'telegram:-2005')!.reply);
      const [fresh, older] = text.split('\n\n').slice(1, 3);
      expect(fresh).toMatch(/^Mới quá hạn từ lần cảnh báo trước \(2\):/);
      expect(fresh).toContain('• TET-04');
      expect(fresh).toContain('• TET-07');
      expect(older).toContain('• TET-03');
    }
  });

  it('lists twenty newly overdue cases and counts the rest', () => {
    const [, fresh, older] = renderPlain(messageTo('telegram:-2006').reply).split('\n\n');
    const lines = fresh!.split('\n');
    expect(lines[0]).toBe('Mới quá hạn từ lần cảnh báo trước (35):');
    expect(lines.slice(1, 21).map((l) => l.split(' ')[1])).toEqual(Array.from({ length: 20 }, (_, i) => `F${String(i + 1).padStart(2, '0')}`));
    expect(lines.slice(21)).toEqual(['… và 15 việc khác (gõ /quahan để xem đủ).']);
    expect(older!.split('\n').map((l) => l.split(' ')[1])).toEqual(['số', 'G4', 'G1', 'G2', 'G3']);
    expect(older).toMatch(/^Tổng số việc đang quá hạn: 39\./);
  });

  it('fits Telegram or splits cleanly', () => {
    for (const m of planned) {
      expect(renderTelegram(m.reply).every((x) => x.text.length <= MAX_MESSAGE_LENGTH)).toBe(true);
      expect(fitsSlack(m)).toBe(true);
    }
  });
});
