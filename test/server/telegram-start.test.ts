import pino from 'pino';
import type TelegramServer from 'telegram-test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.ts';
import { pendingUpdates, SECRET, startEmulator, TOKEN } from './telegram-emulator.ts';

/** The server as `npm start` runs it, with Telegram on and TELEGRAM_API_ROOT pointing at an emulator. */
describe('npm start with Telegram against a Bot API emulator', () => {
  let emulator: TelegramServer;
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const env = (extra: Record<string, string>) => ({
    PGLITE_DIR: 'memory://',
    SEED_DEMO: 'never',
    PORT: '0',
    HOST: '127.0.0.1',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.config.apiURL,
    ...extra,
  });
  const logged = (msg: string) => logs.some((l) => l.msg === msg);

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it('takes webhook updates over HTTP with the secret, and starts although setMyCommands fails', async () => {
    const running = await startServer({ env: env({ TELEGRAM_WEBHOOK_SECRET: SECRET }), logger });
    try {
      expect(running.banner).toContain(`Telegram:  on, webhook at ${running.url}/telegram/webhook`);
      expect(running.banner).toContain('secret_token="$TELEGRAM_WEBHOOK_SECRET"');
      const client = emulator.getClient(TOKEN, { userId: 6001, chatId: 6001, timeout: 5_000 });
      await client.sendCommand(client.makeCommand('/trogiup'));
      const [update] = await pendingUpdates(emulator);
      const post = (secret?: string) =>
        fetch(`${running.url}/telegram/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}) },
          body: JSON.stringify(update),
        });
      expect((await post()).status).toBe(401);
      expect((await post(SECRET)).status).toBe(200);
      const [answer] = (await client.getUpdates()).result;
      expect(answer!.message.text).toContain('Chào bạn!');
      // The emulator knows no setMyCommands: a warning, and the bot works on.
      await expect.poll(() => logged('telegram: setMyCommands failed; the menus stay as they were')).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('starts while Telegram is unreachable, serves, and stops without waiting for it', async () => {
    const running = await startServer({ env: env({ TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }), logger });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('long-polls in polling mode (no route mounted) and stops cleanly', async () => {
    const running = await startServer({ env: env({ TELEGRAM_MODE: 'polling' }), logger });
    try {
      expect(running.banner).toContain('Telegram:  on, long polling');
      expect((await fetch(`${running.url}/telegram/webhook`, { method: 'POST' })).status).toBe(404);
      const client = emulator.getClient(TOKEN, { userId: 6002, chatId: 6002, timeout: 5_000 });
      await client.sendCommand(client.makeCommand('/help'));
      const [answer] = (await client.getUpdates()).result;
      expect(answer!.message.text).toContain('/lienket');
      expect(logged('telegram polling started')).toBe(true);
    } finally {
      const started = Date.now();
      await running.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
