import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlain } from '../../bot/render/plain.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { findQuestionByMessage } from '../../db/questions.ts';
import { noCache } from '../../db/result-cache.ts';
import { deliveries } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { questionRemindersJob, workingDaysSince } from '../../jobs/question-reminders.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { createCalendar } from '../../db/calendar.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf, setChannels } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';
import { linkTelegram } from '../bot/telegram-fixture.ts';
import { eq } from 'drizzle-orm';

/** 14:00 in Viet Nam on a day of November/December 2026. */
const at = (day: string) => new Date(`${day}T07:00:00Z`);
const to = (m: PlannedMessage) => `${m.destination.platform}:${m.destination.chatId} ${m.period}`;

describe('working days since a question', () => {
  const calendar = createCalendar();
  it('counts the working days after the day asked, weekends and Tết left out', () => {
    expect(workingDaysSince('2026-11-23', '2026-11-23', calendar)).toBe(0);
    expect(workingDaysSince('2026-11-23', '2026-11-25', calendar)).toBe(2);
    expect(workingDaysSince('2026-11-23', '2026-11-29', calendar)).toBe(4);
    expect(workingDaysSince('2026-11-23', '2026-11-30', calendar)).toBe(5);
    // Tết Đinh Mùi (off 05–09/02/2027): asked on Wednesday 03/02, the 2nd working day is 10/02, the 5th 15/02.
    expect(workingDaysSince('2027-02-03', '2027-02-09', calendar)).toBe(1);
    expect(workingDaysSince('2027-02-03', '2027-02-10', calendar)).toBe(2);
    expect(workingDaysSince('2027-02-03', '2027-02-12', calendar)).toBe(4);
    expect(workingDaysSince('2027-02-03', '2027-02-15', calendar)).toBe(5);
  });
});

// Asked on Monday 23/11/2026 (the core's clock) by the province head about a case of BH-DS,
// whose overseer is BH-PCT1; the unit has a Telegram group and a Slack channel.
describe.each(drivers)('question-reminders on a fixed clock (%s)', (driver) => {
  let handle: TestDb;
  let db: Db;
  let ref = '';
  const run = (day: string) => questionRemindersJob.run(createJobDeps(db), at(day));

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    await setChannels(db, 'BH-DS', { telegram: '-1001', slack: 'C100' });
    await linkTelegram(db, 'BH-DS-TP', 501);
    await linkTelegram(db, 'BH-CT', 700);
    await linkTelegram(db, 'BH-PCT1', 701);
    const core = createTestCore(db);
    const code = await firstCaseOf(db, 'BH-DS-CHV01');
    await say(core, 'BH-CT', `/chatvan ${code} Vì sao chưa xác minh?`);
    await say(core, 'BH-CT', `/chatvan ${code} Câu hỏi được trả lời ngay`);
    const ids = (await db.select({ id: deliveries.period }).from(deliveries).where(eq(deliveries.job, 'question'))).map((r) => r.id);
    ref = ids[0]!;
    await say(core, 'BH-DS-TP', `/traloi ${ids.at(-1)} Đã trả lời.`);
  });
  afterAll(() => handle.close());

  it('reminds nothing on the first working day', async () => {
    expect(await run('2026-11-24')).toEqual([]);
  });

  it('reminds in the unit’s chats on the second working day, naming the head, once', async () => {
    const planned = await run('2026-11-25');
    expect(planned.map(to)).toEqual([`telegram:-1001 2026-11-25 ${ref}`, `slack:C100 2026-11-25 ${ref}`]);
    const text = renderPlain(planned[0]!.reply);
    expect(text).toContain(`Nhắc trả lời chất vấn ${ref}`);
    expect(text).toContain('Đề nghị đồng chí Hoàng Văn Dũng trả lời chất vấn của đồng chí Nguyễn Văn Thành');
    expect(text).toContain('đã 2 ngày làm việc chưa được trả lời');
    expect(text).toContain('Vì sao chưa xác minh?');
    expect(planned[0]!.mentions).toEqual([{ name: 'Hoàng Văn Dũng', externalId: '501' }]);
    expect(await enqueue(db, planned, at('2026-11-25'))).toEqual({ added: 2, existing: 0 });
    expect(await enqueue(db, await run('2026-11-25'), at('2026-11-25'))).toEqual({ added: 0, existing: 2 });
  });

  it('a reply to the reminder is taken for an answer to its question', async () => {
    await db.update(deliveries).set({ status: 'sent', externalId: '88' }).where(eq(deliveries.period, `2026-11-25 ${ref}`));
    expect(await findQuestionByMessage(db, 'telegram', '-1001', '88')).toBe(Number(ref.slice(2)));
  });

  it('does not escalate over the weekend, then escalates on the fifth working day to the asker and the overseer, once', async () => {
    expect((await run('2026-11-27')).map(to)).toEqual([`telegram:-1001 2026-11-27 ${ref}`, `slack:C100 2026-11-27 ${ref}`]);
    const planned = await run('2026-11-30');
    expect(planned.map(to)).toEqual([
      `telegram:-1001 2026-11-30 ${ref}`,
      `slack:C100 2026-11-30 ${ref}`,
      `telegram:700 escalation ${ref}`,
      `telegram:701 escalation ${ref}`,
    ]);
    expect(renderPlain(planned[2]!.reply)).toContain('gửi Phòng Thi hành án dân sự khu vực Đông Sơn ngày 23/11/2026 đã 5 ngày làm việc chưa được trả lời');
    expect((await enqueue(db, planned, at('2026-11-30'))).added).toBe(4);
    const nextDay = await run('2026-12-01');
    expect((await enqueue(db, nextDay, at('2026-12-01'))).added).toBe(2);
  });

  it('never reminds an answered question', async () => {
    await say(createTestCore(db), 'BH-DS-TP', `/traloi ${ref} Đã xác minh.`);
    expect(await run('2026-12-02')).toEqual([]);
  });
});
