import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createSlackApp } from '../../bot/slack/create-app.ts';
import { createAvailabilityCheck } from '../../db/availability.ts';
import { createDb, type DbHandle } from '../../db/client.ts';
import { processedUpdates } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { captureBot, textUpdate } from '../bot/telegram-fixture.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb } from '../helpers/db.ts';
import { textOf } from '../helpers/slack-app.ts';
import { eventCallback, SLACK_SECRET, SLACK_TOKEN, type SlackBody, signSlack, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';

const SECRET = 'webhook-secret_0123456789';
const STRANGER = 9999;
const SLACK_STRANGER = 'U0STRANGER';
const LINK_FIRST = 'Tài khoản chat này chưa được liên kết với cán bộ nào.';
/** The availability check remembers a good answer this long: the database may fail between it and the claim. */
const TRUSTING = { upForMs: 3_600_000, downForMs: 0 };
/** The availability check asks every time. */
const ASKING = { upForMs: 0, downForMs: 0 };

/** The app over `handle`: Telegram's API captured in process, Slack's on the stand-in. */
function openApp(handle: DbHandle, standIn: SlackStandIn, checks: { telegram?: typeof TRUSTING; slack?: typeof ASKING } = {}) {
  const env = { TELEGRAM_BOT_TOKEN: '7000001:TEST', TELEGRAM_WEBHOOK_SECRET: SECRET, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET };
  const { deps, logs } = createTestDeps(handle, env);
  const telegram = captureBot({ deps, commands });
  const slackOptions = { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B1', botUserId: 'U1', databaseUp: createAvailabilityCheck(deps.db, checks.slack) };
  const slack = createSlackApp({ deps, commands }, slackOptions);
  const app = createApp(deps, { telegramBot: telegram.bot, slackApp: slack, databaseUp: createAvailabilityCheck(deps.db, checks.telegram) });
  const postUpdate = async (update: Update) => {
    const res = await app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
    });
    await telegram.bot.settle();
    return res.status;
  };
  const postSlack = async (b: SlackBody, headers: Record<string, string> = {}) => {
    const res = await app.request('/slack/events', { method: 'POST', headers: { 'content-type': b.contentType, ...signSlack(b.body), ...headers }, body: b.body });
    await slack.stop();
    return res.status;
  };
  const warned = (msg: string) => logs.filter((l) => l.level === 40 && l.msg === msg);
  return { app, telegram, postUpdate, postSlack, warned };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const claimsIn = async (handle: DbHandle) => (await handle.db.select().from(processedUpdates)).map((r) => r.updateId).sort();
const dmFromStranger = (eventId: string) =>
  eventCallback({ type: 'message', channel_type: 'im', channel: `D${SLACK_STRANGER}`, user: SLACK_STRANGER, text: 'tomtat', ts: '1795000000.000500' }, eventId);

describe('while the database cannot be reached, the webhook and Slack answer 503 and send nothing', () => {
  let standIn: SlackStandIn;
  beforeAll(async () => {
    standIn = await startSlackStandIn();
  });
  afterAll(() => standIn.close());

  it('a closed database (PGlite): 503, nothing sent, nothing claimed; once it is back, the resend is handled once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thads-db-down-'));
    try {
      // Closed before the requests come: the availability check finds it out.
      const first = await createDb({ pgliteDir: dir });
      const closed = openApp(first, standIn);
      await first.close();
      const u1 = textUpdate(9001, STRANGER, '/tomtat');
      expect(await closed.postUpdate(u1)).toBe(503);
      expect(await closed.postSlack(slashCommand({ user: SLACK_STRANGER, text: 'tomtat', trigger: 'down-1', responseUrl: standIn.responseUrl('down-1') }))).toBe(503);
      expect(await closed.postSlack(dmFromStranger('Ev-down-1'))).toBe(503);
      expect((await closed.app.request('/healthz')).status).toBe(503);
      expect(closed.telegram.calls).toEqual([]);
      expect(standIn.calls).toEqual([]);
      expect(closed.warned('telegram update refused: database unreachable').map((l) => l.update_id)).toEqual([9001]);
      expect(closed.warned('slack request refused: database unreachable').map((l) => l.event_id ?? l.trigger_id)).toEqual(['down-1', 'Ev-down-1']);

      // Closed between the check and the update's claim: the claim's failure says 503 just the same.
      const second = await createDb({ pgliteDir: dir });
      const closing = openApp(second, standIn, { telegram: TRUSTING });
      expect(await closing.postUpdate(textUpdate(9000, STRANGER, '/trogiup'))).toBe(200);
      await second.close();
      expect(await closing.postUpdate(textUpdate(9002, STRANGER, '/tomtat'))).toBe(503);
      expect(closing.telegram.sent()).toHaveLength(1);

      // Back: nothing of the refused updates was recorded, and Telegram's resends are handled once.
      const third = await createDb({ pgliteDir: dir });
      try {
        expect(await claimsIn(third)).toEqual(['9000']);
        const back = openApp(third, standIn);
        for (const update of [u1, textUpdate(9002, STRANGER, '/tomtat'), u1]) expect(await back.postUpdate(update)).toBe(200);
        expect(back.telegram.sent().map((c) => String(c.payload.text).slice(0, LINK_FIRST.length))).toEqual([LINK_FIRST, LINK_FIRST]);
        // Slack resends the event it had no ack for.
        expect(await back.postSlack(dmFromStranger('Ev-down-1'), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).toBe(200);
        expect(await back.postSlack(dmFromStranger('Ev-down-1'), { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' })).toBe(200);
        expect(standIn.calls.filter((c) => c.method === 'chat.postMessage').map((c) => textOf(c))).toEqual([expect.stringContaining(LINK_FIRST)]);
        expect(await claimsIn(third)).toEqual(['9000', '9001', '9002', 'event:Ev-down-1']);
      } finally {
        await third.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a PostgreSQL server on a dead port: 503 on both routes and /healthz, nothing sent', async () => {
    const handle = await createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${await deadPort()}/thads`, pgliteDir: '', migrate: false });
    try {
      const before = standIn.calls.length;
      const dead = openApp(handle, standIn);
      expect(await dead.postUpdate(textUpdate(9101, STRANGER, '/tomtat'))).toBe(503);
      expect(await dead.postSlack(slashCommand({ user: SLACK_STRANGER, text: 'tomtat', trigger: 'dead-1', responseUrl: standIn.responseUrl('dead-1') }))).toBe(503);
      expect((await dead.app.request('/healthz')).status).toBe(503);
      expect(dead.telegram.calls).toEqual([]);
      expect(standIn.calls.slice(before)).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  describe.each(drivers.filter((d) => d === 'postgres'))('%s behind a connection that drops, then comes back', (driver) => {
    it('503 while it is down (the claim failing, or the check), and each resend handled once after', async () => {
      const db = await openTestDb(driver);
      const url = new URL(db.url!);
      const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      url.host = `127.0.0.1:${proxy.port}`;
      const handle = await createDb({ databaseUrl: url.toString(), pgliteDir: '', migrate: false, maxConnections: 2 });
      const before = standIn.calls.length;
      try {
        const app = openApp(handle, standIn, { telegram: TRUSTING, slack: ASKING });
        expect(await app.postUpdate(textUpdate(9200, STRANGER, '/trogiup'))).toBe(200);
        await proxy.cut();
        const u = textUpdate(9201, STRANGER, '/tomtat');
        expect(await app.postUpdate(u)).toBe(503);
        expect(await app.postSlack(dmFromStranger('Ev-pg-1'))).toBe(503);
        expect(app.telegram.sent()).toHaveLength(1);
        expect(standIn.calls.slice(before)).toEqual([]);

        await proxy.restore();
        expect(await app.postUpdate(u)).toBe(200);
        expect(await app.postUpdate(u)).toBe(200);
        expect(app.telegram.sent()).toHaveLength(2);
        expect(await app.postSlack(dmFromStranger('Ev-pg-1'), { 'x-slack-retry-num': '1' })).toBe(200);
        expect(await app.postSlack(dmFromStranger('Ev-pg-1'), { 'x-slack-retry-num': '2' })).toBe(200);
        expect(standIn.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
        expect(await claimsIn(handle)).toEqual(['9200', '9201', 'event:Ev-pg-1']);
      } finally {
        await handle.close();
        await proxy.close();
        await db.close();
      }
    });
  });
});
