import type TelegramServer from 'telegram-test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createTelegramBot } from '../../bot/telegram/create-bot.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { createApp } from '../../server/app.ts';
import { linkTelegram } from '../bot/telegram-fixture.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { pendingUpdates, SECRET, startEmulator, TOKEN } from './telegram-emulator.ts';
import { noCache } from '../../db/result-cache.ts';

const LEADER = 5001; // BH-DS-TP

describe('POST /telegram/webhook against a Bot API emulator (telegram-test-api)', () => {
  let emulator: TelegramServer;
  let handle: TestDb;
  let app: ReturnType<typeof createApp>;
  let client: ReturnType<TelegramServer['getClient']>;
  const post = (body: unknown, secret: string | null = SECRET) =>
    app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body: JSON.stringify(body),
    });
  /** Whatever the user typed or pressed reaches the route, as Telegram would post it. */
  const deliverPending = async () => {
    const updates = await pendingUpdates(emulator);
    for (const update of updates) expect((await post(update)).status).toBe(200);
    return updates;
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkTelegram(handle.db, 'BH-DS-TP', LEADER);
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: emulator.config.apiURL };
    const { deps } = createTestDeps(handle, env);
    // No botInfo: the bot asks the emulator's getMe on the first update, as after a start without Telegram.
    const telegramBot = createTelegramBot({ deps, commands }, { token: TOKEN, apiRoot: deps.config.telegram!.apiRoot });
    app = createApp(deps, { telegramBot });
    client = emulator.getClient(TOKEN, { userId: LEADER, chatId: LEADER, firstName: 'Dũng', timeout: 5_000 });
  });
  afterAll(async () => {
    await emulator.stop();
    await handle.close();
  });

  it('answers a leader’s /tomtat in the emulator, and runs the button pressed', async () => {
    await client.sendCommand(client.makeCommand('/tomtat'));
    expect(await deliverPending()).toHaveLength(1);
    const [reply] = (await client.getUpdates()).result;
    expect(reply!.message.text).toMatch(/^<b>Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)<\/b>/);
    expect(reply!.message.parse_mode).toBe('HTML');
    const keyboard = reply!.message.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(keyboard.inline_keyboard[0]!.map((b) => b.callback_data)).toEqual(['quahan BH-DS', 'xephang BH-DS']);

    const message = { message_id: reply!.messageId, chat: { id: LEADER, type: 'private' }, date: 1_795_000_000, text: '…' };
    await client.sendCallback(client.makeCallbackQuery('xephang BH-DS', { message } as never));
    expect(await deliverPending()).toHaveLength(1);
    const [ranking] = (await client.getUpdates()).result;
    expect(ranking!.message.text).toMatch(/^<b>Xếp hạng Chấp hành viên của Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)<\/b>\n\n<pre>/);
  });

  it('refuses a missing or wrong secret with 401, handling nothing', async () => {
    await client.sendCommand(client.makeCommand('/trogiup'));
    const [update] = await pendingUpdates(emulator);
    const botMessages = emulator.storage.botMessages.length;
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, `${SECRET}x`)).status).toBe(401);
    expect((await post(update, SECRET.slice(0, -1))).status).toBe(401);
    expect(await (await post(update, 'nope')).json()).toEqual({ error: 'unauthorized' });
    expect(emulator.storage.botMessages.length).toBe(botMessages);
    // The right secret, twice (Telegram resending): one answer.
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    const answers = (await client.getUpdates()).result;
    expect(answers).toHaveLength(1);
    expect(answers[0]!.message.text).toContain('/tomtat');
  });

  it('says 400 to a body that is not an update', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
    const res = await app.request('/telegram/webhook', { method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET }, body: 'not json' });
    expect(res.status).toBe(400);
  });
});
