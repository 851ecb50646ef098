/** A Bot API emulator (telegram-test-api) on loopback, for the Telegram end-to-end tests. */
import { createServer } from 'node:net';
import type { Update } from 'grammy/types';
import TelegramServer from 'telegram-test-api';

export const TOKEN = '123456:emulated-bot-token';
export const SECRET = 'webhook-secret_0123456789';

/** A port nobody listens on now: the emulator takes no port 0 (it falls back to 9000). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startEmulator(): Promise<TelegramServer> {
  const emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await emulator.start();
  return emulator;
}

/**
 * The updates the emulator holds for the bot, taken as a polling bot would: the emulator's own
 * webhook push sends no secret header, so the tests post them to the route themselves.
 */
export async function pendingUpdates(emulator: TelegramServer): Promise<Update[]> {
  const res = await fetch(`${emulator.config.apiURL}/bot${TOKEN}/getUpdates`, { method: 'POST' });
  return ((await res.json()) as { result: Update[] }).result;
}
