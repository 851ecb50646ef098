import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackSender } from '../../bot/slack/sender.ts';
import { createTelegramSender } from '../../bot/telegram/sender.ts';
import { deliveries } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { type Clock, RateLimiter, systemClock } from '../../jobs/pacing.ts';
import { type DrainOptions, drainOutbox } from '../../jobs/senders/drain.ts';
import type { Sender } from '../../jobs/senders/types.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { type ChatApiStandIn, slackAnswers, startChatApiStandIn, telegramAnswers } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';

// What test/jobs/senders.test.ts leaves out: the real back-off (30 s) and long retry_after kept
// in the row, no retry storm on 403, Slack's 5xx and 403, and answers that never come (timeouts).

const plan = (platform: 'telegram' | 'slack', chatId: string, period = '2026-W48'): PlannedMessage => ({
  job: 'weekly-briefing',
  destination: { platform, chatId },
  period,
  locale: 'vi',
  reply: { title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text: `Số liệu của ${chatId} (${period})` }] },
});

/** A clock `ms` ahead: a drain that late. */
const later = (ms: number): Clock => ({ now: () => Date.now() + ms, sleep: systemClock.sleep });

/**
 * A network that delivers the requests to these chats and loses their answers: the platform has
 * the message, the sender hears nothing until its own timeout gives up.
 */
function answersLostFor(chats: Set<string>): typeof fetch {
  return async (input, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as { chat_id?: string; channel?: string };
    const response = await fetch(input, init);
    if (!chats.has(String(body.chat_id ?? body.channel))) return response;
    chats.delete(String(body.chat_id ?? body.channel)); // the next try's answer comes back
    return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
  };
}

// Production's driver where there is one (the senders' logic is the same on both; test/jobs runs PGlite too).
const driver = drivers.at(-1)!;

describe(`Telegram and Slack answering 429, 5xx, 403 and nothing, on ${driver}`, () => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const options = (clock: Clock = systemClock, extra: Partial<DrainOptions> = {}): DrainOptions => ({
    db: handle.db,
    limiter: new RateLimiter(clock),
    logger: pino({ level: 'silent' }),
    defaultLocale: 'vi',
    clock,
    ...extra,
  });
  const telegram = (fetch?: typeof globalThis.fetch) => createTelegramSender({ token: '1:test', apiRoot: standIn.telegramApiRoot, fetch });
  const slack = (fetch?: typeof globalThis.fetch) => createSlackSender({ token: 'xoxb-test', apiUrl: standIn.slackApiUrl, fetch });
  const row = async (destination: string) => (await handle.db.select().from(deliveries).where(eq(deliveries.destination, destination)))[0]!;
  const asked = (chatId: string) => standIn.requests.filter((r) => r.chatId === chatId).length;
  const drainBoth = (clock?: Clock, extra?: Partial<DrainOptions>) =>
    Promise.all([drainOutbox(telegram() as Sender<unknown>, options(clock, extra)), drainOutbox(slack() as Sender<unknown>, options(clock, extra))]);

  beforeAll(async () => {
    handle = await openTestDb(driver);
  });
  afterAll(async () => {
    await handle.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from deliveries`);
    await standIn?.close();
    standIn = await startChatApiStandIn();
  });

  it('a 5xx puts the row back for the real back-off (30 s): no try before it, one after, each message arriving once', async () => {
    standIn.script('-201', telegramAnswers.badGateway());
    standIn.script('C201', slackAnswers.serverError());
    await enqueue(handle.db, [plan('telegram', '-201'), plan('telegram', '-202'), plan('slack', 'C201'), plan('slack', 'C202')]);
    const startedAt = Date.now();
    await drainBoth();
    for (const chat of ['-201', 'C201']) {
      const waiting = await row(chat);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      expect(waiting.lastError).toMatch(/^(502 Bad Gateway|503 service_unavailable)$/);
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(startedAt + 30_000);
    }
    // Drains before the back-off is over send nothing more.
    await drainBoth();
    await drainBoth(later(25_000));
    expect([asked('-201'), asked('C201')]).toEqual([1, 1]);
    await drainBoth(later(31_000));
    expect([asked('-201'), asked('C201')]).toEqual([2, 2]);
    expect((await row('-201')).status).toBe('sent');
    expect((await row('C201')).status).toBe('sent');
    expect(standIn.arrivals.map((a) => a.chatId).sort()).toEqual(['-201', '-202', 'C201', 'C202']);
  });

  it('a retry_after longer than a drain waits is kept in the row, its try given back, and honoured', async () => {
    standIn.script('-301', telegramAnswers.tooMany(120));
    standIn.script('C301', slackAnswers.tooMany(120));
    await enqueue(handle.db, [plan('telegram', '-301'), plan('slack', 'C301')]);
    const startedAt = Date.now();
    const results = await drainBoth();
    expect(results.map((r) => r.rateLimited)).toEqual([1, 1]);
    for (const chat of ['-301', 'C301']) {
      const waiting = await row(chat);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(startedAt + 120_000);
    }
    await drainBoth(later(110_000));
    expect([asked('-301'), asked('C301')]).toEqual([1, 1]);
    await drainBoth(later(121_000));
    expect(standIn.arrivals.map((a) => a.chatId).sort()).toEqual(['-301', 'C301']);
    expect(await row('-301')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('Slack’s short Retry-After is waited out inline before the one resend', async () => {
    standIn.script('C401', slackAnswers.tooMany(1));
    await enqueue(handle.db, [plan('slack', 'C401')]);
    await drainOutbox(slack(), options());
    const [refused, accepted] = standIn.requests.filter((r) => r.chatId === 'C401');
    expect([refused!.status, accepted!.status]).toEqual([429, 200]);
    // A few ms spared for timer granularity.
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(995);
    expect(standIn.textsTo('C401')).toHaveLength(1);
  });

  it('a 403 is final: one request per message, none after, however many drains and messages', async () => {
    standIn.refuse('-501', telegramAnswers.kicked());
    standIn.refuse('C501', { status: 403, body: { ok: false, error: 'restricted_action' } });
    const periods = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'];
    await enqueue(handle.db, periods.flatMap((p) => [plan('telegram', '-501', p), plan('slack', 'C501', p)]));
    await drainBoth();
    for (let i = 0; i < 3; i++) await drainBoth(later((i + 1) * 3_600_000));
    expect([asked('-501'), asked('C501')]).toEqual([4, 4]);
    const rows = await handle.db.select().from(deliveries).where(eq(deliveries.job, 'weekly-briefing'));
    expect(rows.filter((r) => r.destination === '-501').map((r) => [r.status, r.attempts])).toEqual(periods.map(() => ['unreachable', 1]));
    expect(rows.filter((r) => r.destination === 'C501').map((r) => [r.status, r.attempts, r.lastError])).toEqual(periods.map(() => ['failed', 1, '403 restricted_action']));
  });

  it('an answer that never comes times out (30 s) and is tried again: the one message the platform got twice, no other', async () => {
    const lost = answersLostFor(new Set(['-601', 'C601']));
    await enqueue(handle.db, [plan('telegram', '-601'), plan('telegram', '-602'), plan('slack', 'C601'), plan('slack', 'C602')]);
    const quick = { backoffMs: 10, settleWithinMs: 5_000 };
    const [tg, sl] = await Promise.all([
      drainOutbox(telegram(lost) as Sender<unknown>, options(systemClock, quick)),
      drainOutbox(slack(lost) as Sender<unknown>, options(systemClock, quick)),
    ]);
    expect([tg.sent, sl.sent]).toEqual([2, 2]);
    // Neither platform takes an idempotency key: what it took unanswered arrives again (README, "What once means").
    expect(standIn.textsTo('-601')).toHaveLength(2);
    expect(standIn.textsTo('C601')).toHaveLength(2);
    expect(standIn.textsTo('-602')).toHaveLength(1);
    expect(standIn.textsTo('C602')).toHaveLength(1);
    expect(await row('-601')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await row('C601')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
