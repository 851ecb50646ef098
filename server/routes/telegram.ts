import type { TelegramUpdate } from '../../bot/telegram/telegram-bot.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TelegramBot } from '../../bot/telegram/create-bot.ts';
import { digest, sameDigest } from '../http/admin-auth.ts';
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
  /** Whether the database can be reached (db/availability.ts); while it cannot, updates get 503. */
  databaseUp?: () => Promise<boolean>;
}

const ANSWER_WITHIN_MS = 8_000;
// An update is a few kilobytes; a megabyte leaves room for long texts and stops abuse early.
const MAX_UPDATE_BYTES = 1024 * 1024;

/**
 * `POST /telegram/webhook`: 401 unless `X-Telegram-Bot-Api-Secret-Token` is the configured
 * secret (compared through hashes, in constant time whatever its length), then the update goes
 * to the bot. The answer normally waits for the handling, so Telegram's limit on connections
 * (max_connections) also bounds the work in progress; a slow one is answered 200 anyway, and
 * the update's claim (db/processed-updates.ts) makes any resend harmless. While the database
 * cannot be reached (found before the update is handed over, or by the update's claim), the
 * answer is 503 and nothing is sent: Telegram keeps the update and sends it again later.
 */
export function createTelegramRoutes(bot: TelegramBot, options: TelegramRouteOptions): Hono<AppEnv> {
  const expected = digest(options.secret);
  const answerWithinMs = options.answerWithinMs ?? ANSWER_WITHIN_MS;
  const app = new Hono<AppEnv>();
  app.post('/webhook', async (c, next) => {
    const given = c.req.header('x-telegram-bot-api-secret-token');
    if (given === undefined || !sameDigest(await digest(given), await expected)) return c.json({ error: 'unauthorized' }, 401);
    await next();
  });
  app.post('/webhook', bodyLimit({ maxSize: MAX_UPDATE_BYTES, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }), async (c) => {
    const update = (await c.req.json().catch(() => undefined)) as TelegramUpdate | undefined;
    if (!Number.isSafeInteger(update?.update_id)) return c.json({ error: 'not_an_update' }, 400);
    const updateId = update!.update_id;
    const unavailable = () => c.json({ error: 'database_unavailable' }, 503);
    if (options.databaseUp && !(await options.databaseUp())) {
      c.get('log').warn({ update_id: updateId }, 'telegram update refused: database unreachable');
      return unavailable();
    }
    let answered = false;
    const work = bot.receive(update!, { mayRefuse: () => !answered });
    try {
      // On Workers the handling must be declared to outlive the response.
      c.executionCtx.waitUntil(work);
    } catch {
      // Node has no execution context: the process simply keeps running.
    }
    const outcome = await settlesWithin(work, answerWithinMs, () => (answered = true));
    // Answering before the handling is the plan when answerWithinMs is 0 (Workers), a sign of trouble otherwise.
    if (outcome === undefined && answerWithinMs > 0) {
      c.get('log').warn({ update_id: updateId, after_ms: answerWithinMs }, 'telegram update still in progress: answered 200');
    }
    return outcome === 'database_unavailable' ? unavailable() : c.json({ ok: true });
  });
  return app;
}

/** What `work` settled to within `ms`, or undefined (`onLate` called first, before any later settling is seen). */
async function settlesWithin<T>(work: Promise<T>, ms: number, onLate: () => void): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      onLate();
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
