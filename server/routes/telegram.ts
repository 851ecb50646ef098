import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TelegramBot } from '../../bot/telegram/create-bot.ts';
import { digest } from '../http/admin-auth.ts';
import type { AppEnv } from '../http/app-env.ts';

export interface TelegramRouteOptions {
  /** TELEGRAM_WEBHOOK_SECRET, as given to setWebhook's secret_token. */
  secret: string;
  /**
   * How long the answer to Telegram waits for the update to be handled (default 8 s). Past it
   * the answer is 200 and the handling goes on: grammY's own webhook adapter gives up at 10 s,
   * and Telegram resends whatever it did not see answered.
   */
  answerWithinMs?: number;
}

const ANSWER_WITHIN_MS = 8_000;
// An update is a few kilobytes; a megabyte leaves room for long texts and stops abuse early.
const MAX_UPDATE_BYTES = 1024 * 1024;

/**
 * `POST /telegram/webhook`: 401 unless `X-Telegram-Bot-Api-Secret-Token` is the configured
 * secret (compared through hashes, in constant time whatever its length), then the update goes
 * to the bot. The answer normally waits for the handling, so Telegram's limit on connections
 * (max_connections) also bounds the work in progress; a slow one is answered 200 anyway, and
 * the update's claim (db/processed-updates.ts) makes any resend harmless.
 */
export function createTelegramRoutes(bot: TelegramBot, options: TelegramRouteOptions): Hono<AppEnv> {
  const expected = digest(options.secret);
  const answerWithinMs = options.answerWithinMs ?? ANSWER_WITHIN_MS;
  const app = new Hono<AppEnv>();
  app.post('/webhook', async (c, next) => {
    const given = c.req.header('x-telegram-bot-api-secret-token');
    if (given === undefined || !timingSafeEqual(digest(given), expected)) return c.json({ error: 'unauthorized' }, 401);
    await next();
  });
  app.post('/webhook', bodyLimit({ maxSize: MAX_UPDATE_BYTES, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }), async (c) => {
    const update = (await c.req.json().catch(() => undefined)) as Update | undefined;
    if (!Number.isSafeInteger(update?.update_id)) return c.json({ error: 'not_an_update' }, 400);
    const work = bot.receive(update!);
    try {
      // On Workers the handling must be declared to outlive the response.
      c.executionCtx.waitUntil(work);
    } catch {
      // Node has no execution context: the process simply keeps running.
    }
    if (!(await settlesWithin(work, answerWithinMs))) {
      c.get('log').warn({ update_id: update!.update_id, after_ms: answerWithinMs }, 'telegram update still in progress: answered 200');
    }
    return c.json({ ok: true });
  });
  return app;
}

async function settlesWithin(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
