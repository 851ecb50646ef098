import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../bot/core/command.ts';
import { message } from '../../bot/core/reply.ts';
import type { AppEnv } from '../../server/http/app-env.ts';
import { createTelegramRoutes } from '../../server/routes/telegram.ts';
import { captureBot, textUpdate } from '../bot/telegram-fixture.ts';
import { createTestCore } from '../helpers/core.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

describe('the webhook route with a slow answer', () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openTestDb('pglite');
  });
  afterAll(() => handle.close());

  it('answers Telegram 200 within its budget, finishes the work after, and ignores the resend meanwhile', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = defineCommand({
      name: 'cham',
      alias: 'slow',
      allowed: () => true,
      args: z.array(z.string()),
      run: async () => {
        await released;
        return message('Xong.');
      },
    });
    const core = createTestCore(handle.db);
    const { bot, sent } = captureBot({ deps: core.deps, commands: [slow] });
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('log', core.deps.logger);
      await next();
    });
    app.route('/telegram', createTelegramRoutes(bot, { secret: 's3cret', answerWithinMs: 50 }));
    const post = () =>
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 's3cret' },
        body: JSON.stringify(textUpdate(42, 777, '/cham')),
      });

    const started = Date.now();
    expect((await post()).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sent()).toEqual([]);
    // Telegram resends what it thinks failed: the claim makes that harmless even mid-way.
    expect((await post()).status).toBe(200);
    release();
    await bot.settle();
    expect(sent().map((c) => c.payload.text)).toEqual(['Xong.']);
    expect(core.logs.some((l) => (l as { msg?: string }).msg === 'telegram update still in progress: answered 200')).toBe(true);
  });
});
