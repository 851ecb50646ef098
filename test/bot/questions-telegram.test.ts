import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { noCache } from '../../db/result-cache.ts';
import { deliveries, questions } from '../../db/schema.ts';
import { readPayload } from '../../jobs/outbox.ts';
import { createTestCore, say } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf, setChannels } from '../helpers/fixtures.ts';
import { rowCounts } from '../helpers/row-counts.ts';
import pino from 'pino';
import type { Update } from 'grammy/types';
import { createTelegramSender } from '../../bot/telegram/sender.ts';
import { RateLimiter, systemClock } from '../../jobs/pacing.ts';
import { drainOutbox } from '../../jobs/senders/drain.ts';
import { captureBot, linkTelegram, textUpdate } from './telegram-fixture.ts';

const GROUP = -1001;
const HEAD = 501;
const OFFICER = 502;
const ASKER = 701;

// A leader answers by replying, in the unit's Telegram group, to the bot's message that posted the question.
describe.each(drivers)('answering a question by a Telegram reply, through grammY (%s)', (driver) => {
  let handle: TestDb;
  let db: Db;
  let core: ReturnType<typeof createTestCore>;
  let ref: string;
  let updateId = 1;

  beforeAll(async () => {
    handle = await openTestDb(driver);
    db = handle.db;
    await seedDemo(db, { today: '2026-11-23', changes: noCache });
    core = createTestCore(db);
    await setChannels(db, 'BH-DS', { telegram: String(GROUP) });
    await linkTelegram(db, 'BH-DS-TP', HEAD);
    await linkTelegram(db, 'BH-DS-CHV01', OFFICER);
    await linkTelegram(db, 'BH-PCT1', ASKER);
    await say(core, 'BH-PCT1', `/chatvan ${await firstCaseOf(db, 'BH-DS-CHV01')} Vì sao chưa xác minh?`);
    const [q] = await db.select({ id: questions.id }).from(questions);
    ref = `CV${q!.id}`;
    // The sender posted it as message 76 (the message telegram-fixture's replies answer).
    await db.update(deliveries).set({ status: 'sent', externalId: '76' }).where(eq(deliveries.job, 'question'));
  });
  afterAll(() => handle.close());

  it('takes another member’s reply for no answer: an officer is refused, nothing changes', async () => {
    const before = await rowCounts(db);
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(updateId++, OFFICER, 'Em trả lời thay', { chatId: GROUP, type: 'supergroup', replyToBot: true }));
    expect(sent().map((c) => c.payload.text)).toEqual([expect.stringContaining('Bạn không có quyền dùng lệnh')]);
    expect((await db.select().from(questions))[0]!.answer).toBeNull();
    // Only the update's claim was written.
    expect(await rowCounts(db)).toEqual({ ...before, processedUpdates: before.processedUpdates + 1 });
  });

  it('records the head’s reply as the answer, confirms in the group, and plans it for the asker and under the question', async () => {
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(updateId++, HEAD, 'Đã xác minh ngày 20/11/2026.', { chatId: GROUP, type: 'supergroup', replyToBot: true }));
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.payload.chat_id).toBe(GROUP);
    expect(sent()[0]!.payload.text).toContain(`Đã ghi nhận trả lời chất vấn ${ref}`);
    const [q] = await db.select().from(questions);
    expect(q!.answer).toBe('Đã xác minh ngày 20/11/2026.');
    const answers = await db.select().from(deliveries).where(eq(deliveries.job, 'question-answer')).orderBy(deliveries.id);
    expect(answers.map((r) => [r.destination, readPayload(r).replyTo])).toEqual([
      [String(ASKER), undefined],
      [String(GROUP), '76'],
    ]);
    // A second reply is refused, the first answer kept.
    const second = captureBot(core);
    await second.bot.handleUpdate(textUpdate(updateId++, HEAD, 'Bổ sung', { chatId: GROUP, type: 'supergroup', replyToBot: true }));
    expect(second.sent()[0]!.payload.text).toContain('đã được trả lời');
    expect((await db.select().from(questions))[0]!.answer).toBe('Đã xác minh ngày 20/11/2026.');
  });

  it('leaves replies to the bot’s other messages as they were: chatter in a group gets no answer', async () => {
    await db.update(deliveries).set({ externalId: '75' }).where(and(eq(deliveries.job, 'question'), eq(deliveries.platform, 'telegram')));
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(updateId++, HEAD, 'Cảm ơn', { chatId: GROUP, type: 'supergroup', replyToBot: true }));
    expect(sent()).toEqual([]);
  });

  it('end to end through the Telegram sender: the question’s message id is recorded, a reply to it answers, and the answer replies to it', async () => {
    const bodies: Record<string, unknown>[] = [];
    let nextId = 900;
    const sender = createTelegramSender({
      token: '1:test',
      fetch: async (_url, init) => {
        bodies.push(JSON.parse(String(init!.body)) as Record<string, unknown>);
        return new Response(JSON.stringify({ ok: true, result: { message_id: nextId++ } }), { status: 200 });
      },
    });
    // The outbox rows are dated by the core's clock (23/11/2026): the drain runs a minute later.
    const start = Date.now();
    const clock = { now: () => Date.parse('2026-11-23T02:01:00Z') + Date.now() - start, sleep: systemClock.sleep };
    const drain = () => drainOutbox(sender, { db, limiter: new RateLimiter(clock), logger: pino({ level: 'silent' }), defaultLocale: 'vi', clock, settleWithinMs: 0 });
    await say(core, 'BH-PCT1', `/chatvan ${await firstCaseOf(db, 'BH-DS-CHV01')} Khi nào kê biên?`);
    const [{ id }] = (await db.select({ id: questions.id }).from(questions).orderBy(questions.id)).slice(-1) as [{ id: number }];
    // The answers planned by the tests above go out too.
    bodies.length = 0;
    await drain();
    const posted = bodies.find((b) => b.chat_id === String(GROUP) && String(b.text).includes(`Chất vấn CV${id}`))!;
    expect(posted.text).toContain(`Chất vấn CV${id}`);
    expect(posted.reply_markup).toEqual({ inline_keyboard: [[expect.objectContaining({ callback_data: `traloi CV${id}` })]] });
    const [row] = await db.select().from(deliveries).where(and(eq(deliveries.job, 'question'), eq(deliveries.period, `CV${id}`)));
    const messageId = Number(row!.externalId);

    const update = textUpdate(updateId++, HEAD, 'Dự kiến kê biên ngày 30/11/2026.', { chatId: GROUP, type: 'supergroup', replyToBot: true }) as Update & {
      message: { reply_to_message: { message_id: number } };
    };
    update.message.reply_to_message.message_id = messageId;
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(update);
    expect(sent()[0]!.payload.text).toContain(`Đã ghi nhận trả lời chất vấn CV${id}`);

    bodies.length = 0;
    await drain();
    expect(bodies.map((b) => [b.chat_id, b.reply_parameters])).toEqual([
      [String(ASKER), undefined],
      [String(GROUP), { message_id: messageId, allow_sending_without_reply: true }],
    ]);
    expect(String(bodies[1]!.text)).toContain('Dự kiến kê biên ngày 30/11/2026.');
  });
});
