import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackSender } from '../../bot/slack/sender.ts';
import { createTelegramSender } from '../../bot/telegram/sender.ts';
import { deliveries, targets, units } from '../../db/schema.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { RateLimiter, systemClock } from '../../jobs/pacing.ts';
import { type DrainOptions, drainOutbox } from '../../jobs/senders/drain.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { weeklyBriefingJob } from '../../jobs/weekly-briefing.ts';
import { type ChatApiStandIn, slackAnswers, startChatApiStandIn, telegramAnswers } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addCase, addUnit, setChannels } from '../helpers/fixtures.ts';
import { createJobDeps } from '../helpers/job-deps.ts';

/** Monday 23 November 2026, 07:30 in Viet Nam. */
const NOW = new Date('2026-11-23T00:30:00Z');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const M = 1_000_000;

describe.each(drivers)('the weekly province briefing’s chart on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  let planned: PlannedMessage[];
  const options = (): DrainOptions => ({
    db: handle.db,
    limiter: new RateLimiter(systemClock),
    logger: pino({ level: 'silent' }),
    defaultLocale: 'vi',
    backoffMs: 5,
    maxAttempts: 5,
    settleWithinMs: 5_000,
  });
  const telegram = () => createTelegramSender({ token: '1:test', apiRoot: standIn.telegramApiRoot });
  const slack = () => createSlackSender({ token: 'xoxb-test', apiUrl: standIn.slackApiUrl });
  const photo = () => planned.find((p) => p.destination.chatId === '-100900')!.photo!;
  const planAndDeliver = async () => {
    planned = await weeklyBriefingJob.run(createJobDeps(handle.db), NOW);
    await enqueue(handle.db, planned);
    return { telegram: await drainOutbox(telegram(), options()), slack: await drainOutbox(slack(), options()) };
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    const province = await addUnit(handle.db, 'P', 'province');
    await handle.db.update(units).set({ name: 'Thi hành án dân sự tỉnh Thanh Hóa' }).where(eq(units.id, province));
    const ds = await addUnit(handle.db, 'L1', 'local', 'P');
    await handle.db.update(units).set({ name: 'Phòng Thi hành án dân sự khu vực Đông Sơn' }).where(eq(units.id, ds));
    const other = await addUnit(handle.db, 'L2', 'local', 'P');
    await setChannels(handle.db, province, { telegram: '-100900', slack: 'C900' });
    await addCase(handle.db, { unitId: ds, code: 'C1', accepted: '2026-10-05', amount: 100 * M, history: [['completed', '2026-11-10']] });
    await addCase(handle.db, { unitId: ds, code: 'C2', accepted: '2026-10-06', amount: 200 * M, collections: [['2026-11-01', 50 * M]] });
    await addCase(handle.db, { unitId: other, code: 'D1', accepted: '2026-10-06', amount: 10 * M });
    await handle.db.insert(targets).values({ unitId: ds, workYear: 2027, casesRate: 85, moneyRate: 40, carriedCasesCut: 5, carriedMoneyCut: 5 });
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

  it('plans the units’ rates chart beside the province’s table, one PNG per province', async () => {
    planned = await weeklyBriefingJob.run(createJobDeps(handle.db), NOW);
    const toProvince = planned.filter((p) => p.period === '2026-W48 P');
    expect(toProvince.map((p) => p.destination.chatId).sort()).toEqual(['-100900', 'C900']);
    const [a, b] = toProvince.map((p) => p.photo!);
    expect(a).toBe(b);
    expect(Buffer.from(a!.png).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(a!.caption).toBe('Tỷ lệ thi hành xong của các đơn vị, tính đến 23/11/2026');
    expect(planned.filter((p) => p.period !== '2026-W48 P').every((p) => p.photo === undefined)).toBe(true);
  });

  it('delivers the photo once after the text, on Telegram (sendPhoto) and on Slack (files.uploadV2), whatever reruns', async () => {
    const first = await planAndDeliver();
    expect(first.telegram).toMatchObject({ sent: 1, failed: 0 });
    expect(first.slack).toMatchObject({ sent: 1, failed: 0 });
    // Planned again (a restart, a second instance) and drained again: nothing more arrives.
    const again = await planAndDeliver();
    expect(again.telegram.sent + again.slack.sent).toBe(0);

    for (const chatId of ['-100900', 'C900']) {
      const arrivals = standIn.arrivals.filter((x) => x.chatId === chatId);
      expect(arrivals.map((x) => (x.photo ? 'photo' : 'text'))).toEqual(['text', 'photo']);
      expect(arrivals[0]!.text).toMatch(/Giao ban tuần 23\/11–29\/11\/2026/);
      expect(arrivals[1]!.photo!.equals(Buffer.from(photo().png))).toBe(true);
      expect(arrivals[1]!.text).toBe('Tỷ lệ thi hành xong của các đơn vị, tính đến 23/11/2026');
    }
    const rows = await handle.db.select().from(deliveries).where(eq(deliveries.period, '2026-W48 P'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('sent');
      expect(row.externalId!.split(',')).toHaveLength(2);
    }
  });

  it('resends only the photo when the platform refuses it for a while: the text arrives once', async () => {
    planned = await weeklyBriefingJob.run(createJobDeps(handle.db), NOW);
    await enqueue(handle.db, planned);
    // The text is accepted (a scripted answer), the photo waits out a 429, then a 5xx, then goes.
    standIn.script('-100900', { status: 200, body: { ok: true, result: { message_id: 41, chat: { id: -100900 }, date: 0 } } }, telegramAnswers.tooMany(1), telegramAnswers.badGateway());
    standIn.script('C900', { status: 200, body: { ok: true, channel: 'C900', ts: '1.000041' } }, slackAnswers.serverError());
    const tg = await drainOutbox(telegram(), options());
    const sl = await drainOutbox(slack(), options());
    expect(tg).toMatchObject({ sent: 1, rateLimited: 1 });
    expect(sl).toMatchObject({ sent: 1 });
    for (const chatId of ['-100900', 'C900']) {
      const arrivals = standIn.arrivals.filter((x) => x.chatId === chatId);
      expect(arrivals).toHaveLength(1);
      expect(arrivals[0]!.photo!.equals(Buffer.from(photo().png))).toBe(true);
    }
    const rows = await handle.db.select().from(deliveries).where(eq(deliveries.period, '2026-W48 P')).orderBy(deliveries.platform);
    expect(rows.map((r) => r.externalId!.split(',')[0])).toEqual(['1.000041', '41']);
  });

  it('fails only the province’s row, its text sent, when Slack refuses the upload for want of files:write', async () => {
    planned = await weeklyBriefingJob.run(createJobDeps(handle.db), NOW);
    await enqueue(handle.db, planned);
    standIn.script('C900', { status: 200, body: { ok: true, channel: 'C900', ts: '1.000042' } }, slackAnswers.error('missing_scope'));
    const result = await drainOutbox(slack(), options());
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    expect(result.misconfigured).toBeUndefined();
    const [row] = await handle.db.select().from(deliveries).where(eq(deliveries.destination, 'C900'));
    expect(row).toMatchObject({ status: 'failed', externalId: '1.000042', lastError: expect.stringMatching(/missing_scope.*files:write/) });
  });
});
