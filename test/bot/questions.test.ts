import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWithMentions as renderSlackMessage } from '../../bot/slack/sender.ts';
import { renderWithMentions as renderTelegramMessages } from '../../bot/telegram/sender.ts';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { noCache } from '../../db/result-cache.ts';
import { chatIdentities, deliveries, questions } from '../../db/schema.ts';
import { readPayload } from '../../jobs/outbox.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf, setChannels } from '../helpers/fixtures.ts';
import { rowCounts } from '../helpers/row-counts.ts';

async function link(db: Db, code: string, platform: 'telegram' | 'slack', externalId: string) {
  const person = (await getPersonByCode(db, code))!;
  await db.insert(chatIdentities).values({ platform, externalId, staffId: person.staffId, source: 'import' });
}

describe.each(drivers)('chatvan and traloi through the core (%s)', (driver) => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  let dsCase: string;
  let tbCase: string;

  const rows = (job: string) => db.select().from(deliveries).where(eq(deliveries.job, job)).orderBy(deliveries.id);
  const lastRef = async () => `CV${(await db.select({ id: questions.id }).from(questions).orderBy(questions.id)).at(-1)!.id}`;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(db);
    dsCase = await firstCaseOf(db, 'BH-DS-CHV01');
    tbCase = await firstCaseOf(db, 'BH-TB-CHV01');
    await setChannels(db, 'BH-DS', { telegram: '-1001', slack: 'C100' });
    await link(db, 'BH-DS-TP', 'telegram', '501');
    await link(db, 'BH-DS-TP', 'slack', 'U501');
    await link(db, 'BH-PCT1', 'telegram', '701');
  });
  afterAll(() => handle.close());

  it('posts a province leader’s question in the unit’s chats to the unit head, with its id and an answer button', async () => {
    const [answer] = await say(core, 'BH-PCT1', `/chatvan ${dsCase} Vì sao <b>chưa</b> xác minh? @all <@U999>`);
    const ref = await lastRef();
    expect(answer!.text).toBe(`Đã gửi chất vấn ${ref} về việc ${dsCase} đến Phòng Thi hành án dân sự khu vực Đông Sơn (Telegram, Slack). Câu trả lời sẽ được gửi riêng cho đồng chí.`);
    const posted = await rows('question');
    expect(posted.map((r) => [r.platform, r.destination, r.period])).toEqual([
      ['telegram', '-1001', ref],
      ['slack', 'C100', ref],
    ]);
    const payload = readPayload(posted[0]!);
    expect(payload.mentions).toEqual([{ name: 'Hoàng Văn Dũng', externalId: '501' }]);
    expect(payload.reply.buttons).toEqual([[{ label: 'Trả lời', action: `traloi ${ref}` }]]);
    const [telegram] = renderTelegramMessages(payload);
    expect(telegram!.text).toContain('Kính gửi đồng chí <a href="tg://user?id=501">Hoàng Văn Dũng</a>, Phòng Thi hành án dân sự khu vực Đông Sơn:');
    expect(telegram!.text).toContain('Vì sao &lt;b&gt;chưa&lt;/b&gt; xác minh? @all &lt;@U999&gt;');
    const slack = JSON.stringify(renderSlackMessage(readPayload(posted[1]!)));
    expect(slack).toContain('<@U501>');
    expect(slack).not.toContain('<@U999>');
    expect(slack).not.toContain('<!everyone>');
  });

  it('records the unit leader’s answer and sends it to the asker privately and under the question in the unit’s chats', async () => {
    const ref = await lastRef();
    await db.update(deliveries).set({ status: 'sent', externalId: '42' }).where(and(eq(deliveries.job, 'question'), eq(deliveries.platform, 'telegram')));
    await db.update(deliveries).set({ status: 'sent', externalId: '1700000000.000100' }).where(and(eq(deliveries.job, 'question'), eq(deliveries.platform, 'slack')));
    const [answer] = await say(core, 'BH-DS-TP', `/traloi ${ref.toLowerCase()} Đã xác minh ngày 20/11/2026;\nđang kê biên.`);
    expect(answer!.text).toBe(`Đã ghi nhận trả lời chất vấn ${ref} về việc ${dsCase}; câu trả lời đã được gửi đến đồng chí Trần Thị Thu Hà.`);
    const sent = await rows('question-answer');
    expect(sent.map((r) => [r.platform, r.destination, r.period, readPayload(r).replyTo])).toEqual([
      ['telegram', '701', ref, undefined],
      ['telegram', '-1001', ref, '42'],
      ['slack', 'C100', ref, '1700000000.000100'],
    ]);
    const [reply] = renderTelegramMessages(readPayload(sent[1]!));
    expect(reply!.reply_parameters).toEqual({ message_id: 42, allow_sending_without_reply: true });
    expect(reply!.text).toContain('Đã xác minh ngày 20/11/2026;\nđang kê biên.');
    expect(renderSlackMessage(readPayload(sent[2]!)).thread_ts).toBe('1700000000.000100');
    const [again] = await say(core, 'BH-DS-PP', `/traloi ${ref} Lần hai`);
    expect(again!.text).toContain(`Chất vấn ${ref} đã được trả lời`);
  });

  it('asks for the answer step by step when only the id is given', async () => {
    await say(core, 'BH-CT', `/chatvan ${dsCase} Kết quả thu tiền tháng 11?`);
    const ref = await lastRef();
    const [prompt] = await say(core, 'BH-DS-PP', `/traloi ${ref}`);
    expect(prompt!.text).toContain(`Nhập nội dung trả lời chất vấn ${ref}`);
    const [done] = await say(core, 'BH-DS-PP', 'Đã thu 2 triệu đồng.');
    expect(done!.text).toContain(`Đã ghi nhận trả lời chất vấn ${ref}`);
    const [q] = await db.select().from(questions).where(eq(questions.id, Number(ref.slice(2))));
    expect(q!.answer).toBe('Đã thu 2 triệu đồng.');
  });

  it('shows the questions and answers in vuviec’s timeline to leaders, not to the case’s officer', async () => {
    const first = `CV${(await db.select({ id: questions.id }).from(questions).orderBy(questions.id))[0]!.id}`;
    const [details] = await say(core, 'BH-DS-TP', `/vuviec ${dsCase}`);
    expect(details!.text).toContain(`23/11/2026 · Chất vấn ${first} của Trần Thị Thu Hà: Vì sao <b>chưa</b> xác minh?`);
    expect(details!.text).toContain(`23/11/2026 · Trả lời chất vấn ${first} của Hoàng Văn Dũng: Đã xác minh ngày 20/11/2026;`);
    const [officer] = await say(core, 'BH-DS-CHV01', `/vuviec ${dsCase}`);
    expect(officer!.text).not.toContain('Chất vấn');
  });

  it('records a question for a unit without a chat and says it could not be sent', async () => {
    await setChannels(db, 'BH-TB', { telegram: null });
    const [answer] = await say(core, 'BH-CT', `/ask ${tbCase} Tiến độ?`);
    expect(answer!.text).toContain('chưa có nhóm Telegram hoặc kênh Slack nên chưa gửi được');
  });

  it('answers bad input in the person’s words and changes nothing', async () => {
    await say(core, 'BH-PCT1', `/chatvan ${dsCase} Câu hỏi còn mở`);
    const open = await lastRef();
    const before = await rowCounts(db);
    const questionsBefore = await db.select().from(questions);
    const cases: [string, string, string][] = [
      ['BH-DS-TP', `/chatvan ${dsCase} Hỏi`, 'Bạn không có quyền dùng lệnh'],
      ['BH-CT', '/chatvan BH-XX-0000 Hỏi', 'Không tìm thấy việc thi hành án "BH-XX-0000"'],
      ['BH-CT', `/chatvan ${dsCase}`, 'Chưa đúng cú pháp'],
      ['BH-CT', `/chatvan ${dsCase} ${'x'.repeat(10_000)}`, 'quá dài'],
      ['BH-CT', `/chatvan ${dsCase} ${'x'.repeat(2_100)}`, 'quá mức cho phép (2000 ký tự)'],
      ['BH-HA-TP', `/traloi ${open} Trả lời`, `Không tìm thấy chất vấn "${open}"`],
      ['BH-HA-TP', '/traloi CV999999 Trả lời', 'Không tìm thấy chất vấn "CV999999"'],
      ['BH-DS-CHV01', `/traloi ${open} Trả lời`, 'Bạn không có quyền dùng lệnh'],
      ['BH-PCT1', `/traloi ${open} Trả lời`, 'chỉ lãnh đạo đơn vị được chất vấn mới trả lời'],
    ];
    for (const [who, line, expected] of cases) {
      const [answer] = await say(core, who, line);
      expect(answer!.text, line.slice(0, 40)).toContain(expected);
    }
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.select().from(questions)).toEqual(questionsBefore);
  });
});
