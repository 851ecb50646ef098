import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../bot/commands/index.ts';
import { defineCommand } from '../../bot/core/command.ts';
import { message } from '../../bot/core/reply.ts';
import { t } from '../../bot/i18n/index.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { processedUpdates } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { captureBot, callbackUpdate, linkTelegram, textUpdate } from './telegram-fixture.ts';
import { noCache } from '../../db/result-cache.ts';

const LEADER = 1001; // BH-DS-TP, head of the Đông Sơn unit
const OFFICER = 1002; // BH-DS-CHV01
const STRANGER = 9999;
const GROUP = -100123;

describe.each(drivers)('the Telegram adapter through grammY’s handleUpdate (%s)', (driver) => {
  let handle: TestDb;
  let core: ReturnType<typeof createTestCore>;
  let nextId = 1;
  const id = () => nextId++;
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkTelegram(handle.db, 'BH-DS-TP', LEADER);
    await linkTelegram(handle.db, 'BH-DS-CHV01', OFFICER);
    core = createTestCore(handle.db);
  });
  afterAll(() => handle.close());

  it('answers a linked leader’s /tomtat with the summary in HTML and the buttons', async () => {
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(id(), LEADER, '/tomtat'));
    const [answer, ...more] = sent();
    expect(more).toEqual([]);
    expect(answer!.payload).toMatchObject({ chat_id: LEADER, parse_mode: 'HTML' });
    const text = String(answer!.payload.text);
    expect(text).toMatch(/^<b>Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)<\/b>\n\n<b>Tỷ lệ thi hành xong về việc<\/b>: \d{1,3},\d\d%/);
    expect(text).toMatch(/<i>Năm công tác 2027 \(từ 01\/10\/2026 đến 23\/11\/2026\)<\/i>$/);
    expect(answer!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Xem quá hạn', callback_data: 'quahan BH-DS' }, { text: 'Xếp hạng', callback_data: 'xephang BH-DS' }]],
    });
    // In a private chat there is nothing to quote.
    expect(answer!.payload.reply_parameters).toBeUndefined();
  });

  it('gives a stranger only the way to link, escaped', async () => {
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(id(), STRANGER, '/tomtat BH-DS'));
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.payload.text).toContain('/lienket &lt;mã&gt;');
    expect(sent()[0]!.payload.text).not.toContain('Tỷ lệ');
  });

  it('answers a stranger in the language their Telegram app uses, a linked person in their own', async () => {
    const { bot, sent } = captureBot(core);
    const english = textUpdate(id(), STRANGER, '/tomtat');
    english.message!.from!.language_code = 'en';
    await bot.handleUpdate(english);
    expect(sent()[0]!.payload.text).toContain('/link &lt;code&gt;');
    const leader = textUpdate(id(), LEADER, '/tomtta');
    leader.message!.from!.language_code = 'en';
    await bot.handleUpdate(leader);
    expect(sent()[1]!.payload.text).toBe('Không có lệnh này. Ý bạn là /tomtat?');
  });

  it('runs a pressed button’s action and stops its spinner first', async () => {
    const { bot, calls } = captureBot(core);
    const update = callbackUpdate(id(), LEADER, 'quahan BH-DS');
    await bot.handleUpdate(update);
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(calls[0]!.payload.callback_query_id).toBe(`cbq-${update.update_id}`);
    expect(calls[1]!.payload).toMatchObject({ chat_id: LEADER });
    expect(String(calls[1]!.payload.text)).toMatch(/^<b>Việc quá hạn của Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\): \d+<\/b>/);
  });

  it('handles an update delivered twice once, and claims it once', async () => {
    const { bot, sent } = captureBot(core);
    const update = textUpdate(id(), OFFICER, '/tomtat');
    await bot.handleUpdate(update);
    await bot.handleUpdate(structuredClone(update));
    await Promise.all([bot.receive(structuredClone(update)), bot.receive(structuredClone(update))]);
    expect(sent()).toHaveLength(1);
    const claims = await handle.db
      .select()
      .from(processedUpdates)
      .where(and(eq(processedUpdates.platform, 'telegram'), eq(processedUpdates.updateId, String(update.update_id))));
    expect(claims).toHaveLength(1);
    expect(core.logs.some((l) => (l as { msg?: string }).msg?.includes('resend ignored'))).toBe(true);
  });

  it('in a group, answers commands and replies to itself only, quoting them, and ignores commands for other bots', async () => {
    const { bot, calls, sent } = captureBot(core);
    const chatter = textUpdate(id(), LEADER, 'tomtat hôm nay thế nào?', { chatId: GROUP, type: 'supergroup' });
    await bot.handleUpdate(chatter);
    await bot.handleUpdate(textUpdate(id(), LEADER, '/tomtat@other_bot', { chatId: GROUP, type: 'supergroup' }));
    expect(calls).toEqual([]);
    const ignored = await handle.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, String(chatter.update_id)));
    expect(ignored).toEqual([]);
    const command = textUpdate(id(), LEADER, '/tomtat@thads_test_bot', { chatId: GROUP, type: 'supergroup' });
    await bot.handleUpdate(command);
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.payload).toMatchObject({
      chat_id: GROUP,
      reply_parameters: { message_id: command.message!.message_id, allow_sending_without_reply: true },
    });
    // A plain reply to the bot's own message is for the bot (answering its question).
    await bot.handleUpdate(textUpdate(id(), LEADER, 'tomtat', { chatId: GROUP, type: 'supergroup', replyToBot: true }));
    expect(sent()).toHaveLength(2);
    expect(String(sent()[1]!.payload.text)).toContain('(BH-DS)');
  });

  it('in a private chat, hands plain text to the core too, and answers /start with the help', async () => {
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(id(), LEADER, 'tomtat'));
    await bot.handleUpdate(textUpdate(id(), STRANGER, '/start'));
    expect(String(sent()[0]!.payload.text)).toContain('(BH-DS)');
    expect(String(sent()[1]!.payload.text)).toContain('Chào bạn!');
  });

  describe('answers meant for the person alone', () => {
    const secret = defineCommand({
      name: 'bimat',
      alias: 'secret',
      allowed: (p) => p !== null,
      args: z.array(z.string()),
      run: async (ctx) => [
        { to: 'private', reply: message(`Chi tiết riêng cho ${ctx.person!.code}`) },
        { to: 'chat', reply: message('Đã gửi chi tiết vào chat riêng.') },
      ],
    });
    const withSecret = () => ({ deps: core.deps, commands: [...commands, secret] });

    it('go to the private chat, and a pointer to the group', async () => {
      const { bot, sent } = captureBot(withSecret());
      await bot.handleUpdate(textUpdate(id(), OFFICER, '/bimat', { chatId: GROUP, type: 'group' }));
      expect(sent().map((c) => [c.payload.chat_id, c.payload.text])).toEqual([
        [OFFICER, 'Chi tiết riêng cho BH-DS-CHV01'],
        [GROUP, 'Đã gửi chi tiết vào chat riêng.'],
      ]);
    });

    it('turn into a hint in the group when the person never opened a private chat (403)', async () => {
      const forbidden = { ok: false as const, error_code: 403, description: 'Forbidden: bot can\'t initiate conversation with a user' };
      const { bot, sent } = captureBot(withSecret(), (call) => (call.payload.chat_id === OFFICER ? forbidden : undefined));
      await bot.handleUpdate(textUpdate(id(), OFFICER, '/bimat', { chatId: GROUP, type: 'group' }));
      const [, hint, pointer] = sent();
      expect(hint!.payload.chat_id).toBe(GROUP);
      expect(hint!.payload.text).toContain('chưa mở chat riêng với bot');
      expect(hint!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Mở chat riêng với bot', url: 'https://t.me/thads_test_bot' }]] });
      expect(pointer!.payload.chat_id).toBe(GROUP);
    });
  });

  it('escapes HTML a person typed when it comes back in an answer', async () => {
    const { bot, sent } = captureBot(core);
    await bot.handleUpdate(textUpdate(id(), LEADER, '/tomtat <b>x</b>&amp;'));
    expect(sent()[0]!.payload.text).toBe('Không tìm thấy đơn vị "&lt;b&gt;x&lt;/b&gt;&amp;amp;".');
  });

  it('logs a failure with the update id and apologises without any detail', async () => {
    const badRequest = { ok: false as const, error_code: 400, description: 'Bad Request: can\'t parse entities' };
    let first = true;
    const { bot, sent } = captureBot(core, (call) => {
      if (call.method !== 'sendMessage' || !first) return undefined;
      first = false;
      return badRequest;
    });
    const update = textUpdate(id(), LEADER, '/tomtat');
    await bot.receive(update);
    expect(sent()).toHaveLength(2);
    expect(sent()[1]!.payload.text).toBe('Xin lỗi, đã có lỗi trong hệ thống. Vui lòng thử lại sau.');
    const logged = core.logs.find((l) => (l as { msg?: string }).msg === 'telegram update failed') as Record<string, unknown>;
    expect(logged).toMatchObject({ update_id: update.update_id, platform: 'telegram' });
  });

  it('apologises in the person’s own language, and in their app’s to a stranger', async () => {
    const refuseFirst = () => {
      let first = true;
      return (call: { method: string }) => {
        if (call.method !== 'sendMessage' || !first) return undefined;
        first = false;
        return { ok: false as const, error_code: 400, description: 'Bad Request' };
      };
    };
    await handle.db.execute(sql`update staff set locale = 'en' where code = 'BH-DS-CHV01'`);
    try {
      const linked = captureBot(createTestCore(handle.db), refuseFirst());
      await linked.bot.receive(textUpdate(id(), OFFICER, '/tomtat'));
      expect(linked.sent()[1]!.payload.text).toBe(t('en', 'internal_error'));
    } finally {
      await handle.db.execute(sql`update staff set locale = null where code = 'BH-DS-CHV01'`);
    }
    const stranger = captureBot(core, refuseFirst());
    const english = textUpdate(id(), STRANGER, '/trogiup');
    english.message!.from!.language_code = 'en';
    await stranger.bot.receive(english);
    expect(stranger.sent()[1]!.payload.text).toBe(t('en', 'internal_error'));
  });
});
