import { commandRef } from '../../bot/core/command-ref.ts';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/core/reply.ts';
import { chatIdentities, deliveries } from '../../db/schema.ts';
import { NOTICES_JOB } from '../../jobs/outbox-notices.ts';
import { CLAIM_LEASE_MS } from '../../db/outbox.ts';
import { enqueue } from '../../jobs/outbox.ts';
import { type Clock, RateLimiter, systemClock } from '../../jobs/pacing.ts';
import { type DrainOptions, drainOutbox } from '../../jobs/senders/drain.ts';
import { classifySlack, createSlackSender, renderWithMentions as renderSlackMentions } from '../../bot/slack/sender.ts';
import { classifyTelegram, createTelegramSender, renderWithMentions as renderTelegramMentions } from '../../bot/telegram/sender.ts';
import type { Sender } from '../../jobs/senders/types.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import { type ChatApiStandIn, slackAnswers, startChatApiStandIn, telegramAnswers } from '../helpers/chat-api-stand-in.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { addStaff, addUnit, setChannels } from '../helpers/fixtures.ts';

const briefing = (text: string): Reply => ({ title: 'Tóm tắt tuần', blocks: [{ kind: 'text', text }] });

function plan(chatId: string, reply: Reply = briefing(`Số liệu của ${chatId}`), extra: Partial<PlannedMessage> = {}): PlannedMessage {
  return { job: 'weekly-briefing', destination: { platform: 'telegram', chatId }, period: '2026-W48', locale: 'vi', reply, ...extra };
}

describe('what an answer means', () => {
  it('reads Telegram answers', () => {
    expect(classifyTelegram(200, { ok: true, result: { message_id: 9 } })).toEqual({ kind: 'ok', externalId: '9' });
    expect(classifyTelegram(429, { ok: false, error_code: 429, parameters: { retry_after: 7 } })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(classifyTelegram(500, { ok: false })).toMatchObject({ kind: 'retry', reason: '500 no description' });
    expect(classifyTelegram(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' })).toMatchObject({ kind: 'unreachable' });
    expect(classifyTelegram(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' })).toMatchObject({ kind: 'unreachable' });
    expect(
      classifyTelegram(400, { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1001234 } }),
    ).toMatchObject({ kind: 'unreachable', reason: expect.stringContaining('new chat id -1001234') });
    expect(classifyTelegram(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' })).toMatchObject({ kind: 'failed' });
    // The bot itself refused (a revoked token, a wrong TELEGRAM_API_ROOT): not the message's fault.
    expect(classifyTelegram(401, { ok: false, error_code: 401, description: 'Unauthorized' })).toMatchObject({ kind: 'misconfigured' });
    expect(classifyTelegram(404, { ok: false, error_code: 404, description: 'Not Found' })).toMatchObject({ kind: 'misconfigured' });
  });

  it('reads Slack answers', () => {
    expect(classifySlack(200, null, { ok: true, ts: '1.2' })).toEqual({ kind: 'ok', externalId: '1.2' });
    expect(classifySlack(429, '3', { ok: false, error: 'ratelimited' })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
    expect(classifySlack(503, null, {})).toMatchObject({ kind: 'retry', reason: 'HTTP 503' });
    expect(classifySlack(200, null, { ok: false, error: 'is_archived' })).toMatchObject({ kind: 'unreachable' });
    expect(classifySlack(200, null, { ok: false, error: 'invalid_blocks' })).toMatchObject({ kind: 'failed', reason: '200 invalid_blocks' });
    for (const error of ['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed']) {
      expect(classifySlack(200, null, { ok: false, error })).toMatchObject({ kind: 'misconfigured' });
    }
  });
});

describe('mentions of names that begin other names', () => {
  const payload = (text: string) => ({
    reply: { blocks: [{ kind: 'text' as const, text }] },
    locale: 'vi' as const,
    mentions: [
      { name: 'Nguyễn Văn An', externalId: '1' },
      { name: 'Nguyễn Văn An Bình', externalId: '2' },
    ],
  });

  it('tags each person, never one inside the other’s link', () => {
    const [message] = renderTelegramMentions(payload('Chưa báo cáo: Nguyễn Văn An Bình, Nguyễn Văn An.'));
    expect(message!.text).toContain(
      'Chưa báo cáo: <a href="tg://user?id=2">Nguyễn Văn An Bình</a>, <a href="tg://user?id=1">Nguyễn Văn An</a>.',
    );
    const slack = renderSlackMentions(payload('Chưa báo cáo: Nguyễn Văn An Bình, Nguyễn Văn An.'));
    expect(JSON.stringify(slack.blocks)).toContain('Chưa báo cáo: <@2>, <@1>.');
  });

  it('leaves the shorter name untagged when only the longer one appears', () => {
    const [message] = renderTelegramMentions(payload('Chưa báo cáo: Nguyễn Văn An Bình.'));
    expect(message!.text).toContain('<a href="tg://user?id=2">Nguyễn Văn An Bình</a>.');
    expect(message!.text).not.toContain('tg://user?id=1');
  });
});

describe.each(drivers)('senders against a stand-in API on %s', (driver) => {
  let handle: TestDb;
  let standIn: ChatApiStandIn;
  const options = (clock: Clock = systemClock): DrainOptions => ({
    db: handle.db,
    limiter: new RateLimiter(clock),
    logger: pino({ level: 'silent' }),
    defaultLocale: 'vi',
    clock,
    backoffMs: 5,
    maxAttempts: 5,
    settleWithinMs: 5_000,
  });
  const telegram = () => createTelegramSender({ token: '1:test', apiRoot: standIn.telegramApiRoot });
  const rowsOf = (job = 'weekly-briefing') => handle.db.select().from(deliveries).where(eq(deliveries.job, job)).orderBy(deliveries.id);

  beforeAll(async () => {
    handle = await openTestDb(driver);
    // Province P (channel -100) with its head linked on Telegram; local unit L1 (channel -101), L2 (-102).
    const province = await addUnit(handle.db, 'P', 'province');
    const l1 = await addUnit(handle.db, 'L1', 'local', 'P');
    await addUnit(handle.db, 'L2', 'local', 'P');
    await setChannels(handle.db, province, { telegram: '-100' });
    await setChannels(handle.db, l1, { telegram: '-101', slack: 'C101' });
    await setChannels(handle.db, 'L2', { telegram: '-102' });
    const head = await addStaff(handle.db, 'P-HEAD', province, 'province_head');
    await handle.db.insert(chatIdentities).values([
      { platform: 'telegram', externalId: '777', staffId: head, source: 'import' },
      { platform: 'slack', externalId: 'U777', staffId: head, source: 'import' },
    ]);
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

  it('waits out a 429 for its retry_after without counting a failed try, and everything arrives', async () => {
    standIn.script('-101', telegramAnswers.tooMany(1));
    await enqueue(handle.db, [plan('-101'), plan('-102'), plan('-100')]);
    const result = await drainOutbox(telegram(), options());
    expect(result).toMatchObject({ sent: 3, failed: 0, rateLimited: 1 });
    expect(standIn.arrivals.map((a) => a.chatId).sort()).toEqual(['-100', '-101', '-102']);
    const refused = standIn.requests.findIndex((r) => r.chatId === '-101' && r.status === 429);
    const asked = standIn.requests.filter((r) => r.chatId === '-101').length;
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(asked).toBe(2);
    const [first] = await rowsOf();
    expect(first).toMatchObject({ destination: '-101', status: 'sent', attempts: 1 });
    // The second try came a second (retry_after) after the 429 was answered; a few ms spared for timer granularity.
    const retried = standIn.arrivals.find((a) => a.chatId === '-101')!;
    expect(retried.at - standIn.requests[refused]!.at).toBeGreaterThanOrEqual(995);
  });

  it('marks a chat that removed the bot unreachable, tells the province head once, and the others still get theirs', async () => {
    standIn.refuse('-101', telegramAnswers.kicked());
    await enqueue(handle.db, [plan('-101'), plan('-102'), plan('-100')]);
    const result = await drainOutbox(telegram(), options());
    expect(result).toMatchObject({ sent: 3, unreachable: 1 });
    expect(standIn.textsTo('-102')).toHaveLength(1);
    expect(standIn.textsTo('-100')).toHaveLength(1);
    const [kicked] = await rowsOf();
    expect(kicked).toMatchObject({ destination: '-101', status: 'unreachable', lastError: '403 Forbidden: bot was kicked from the group chat' });
    const toHead = standIn.textsTo('777');
    expect(toHead).toHaveLength(1);
    expect(toHead[0]).toContain('Đơn vị L1 (L1)');
    expect(toHead[0]).toContain('weekly-briefing');
    // Next week's message bounces too, but the head is not told again.
    await enqueue(handle.db, [plan('-101', briefing('Tuần sau'), { period: '2026-W49' })]);
    expect(await drainOutbox(telegram(), options())).toMatchObject({ unreachable: 1, sent: 0 });
    expect(standIn.textsTo('777')).toHaveLength(1);
    expect(await rowsOf(NOTICES_JOB)).toEqual([expect.objectContaining({ destination: '777', period: 'telegram:-101', status: 'sent' })]);
  });

  it('stops when the platform refuses the bot itself, leaving every message waiting untouched', async () => {
    const unauthorized = { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    standIn.script('-101', unauthorized);
    standIn.script('-102', unauthorized);
    await enqueue(handle.db, [plan('-101'), plan('-102')]);
    const result = await drainOutbox(telegram(), { ...options(), settleWithinMs: 0, concurrency: 1 });
    expect(result).toMatchObject({ sent: 0, failed: 0, unreachable: 0, misconfigured: '401 Unauthorized' });
    // One try showed the token is refused; the other message was not even tried, and neither lost a try.
    expect(standIn.requests.filter((r) => r.chatId === '-101' || r.chatId === '-102')).toHaveLength(1);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.destination, r.status, r.attempts])).toEqual([
      ['-101', 'pending', 0],
      ['-102', 'pending', 0],
    ]);
    expect(await rowsOf(NOTICES_JOB)).toEqual([]);
  });

  it('backs off on 5xx and dropped connections, then gives up after a bounded number of tries with the reason', async () => {
    standIn.script('-101', telegramAnswers.badGateway(), 'drop');
    standIn.script('-102', ...Array.from({ length: 5 }, () => telegramAnswers.badGateway()));
    standIn.script('-100', telegramAnswers.badRequest("Bad Request: can't parse entities"));
    await enqueue(handle.db, [plan('-101'), plan('-102'), plan('-100')]);
    const result = await drainOutbox(telegram(), options());
    expect(result).toMatchObject({ sent: 1, failed: 2 });
    const rows = await rowsOf();
    expect(rows.map((r) => [r.destination, r.status, r.attempts])).toEqual([
      ['-101', 'sent', 3],
      ['-102', 'failed', 5],
      ['-100', 'failed', 1],
    ]);
    expect(rows[1]!.lastError).toBe('502 Bad Gateway (after 5 tries)');
    expect(rows[2]!.lastError).toBe("400 Bad Request: can't parse entities");
    expect(standIn.requests.filter((r) => r.chatId === '-102')).toHaveLength(5);
  });

  it('after a crash between sending and recording, resends only the part in flight and loses nothing', async () => {
    const long = 'Một dòng số liệu khá dài của đơn vị để tin nhắn vượt giới hạn 4.096 ký tự của Telegram.';
    const reply: Reply = { title: 'Tóm tắt tuần', blocks: Array.from({ length: 3 }, (_, i) => ({ kind: 'text' as const, text: `Phần ${i + 1}\n${Array(45).fill(long).join('\n')}` })) };
    await enqueue(handle.db, [plan('-101', reply), plan('-102')]);
    // The process dies right after Telegram accepted the second part of -101's message.
    const real = telegram();
    let sentTo101 = 0;
    const crashing: Sender<unknown> = {
      ...(real as Sender<unknown>),
      async send(chatId, message) {
        const outcome = await real.send(chatId, message as never);
        if (chatId === '-101' && ++sentTo101 === 2) throw new Error('process killed');
        return outcome;
      },
    };
    const first = await drainOutbox(crashing, { ...options(), settleWithinMs: 0 });
    expect(first.sent).toBe(1);
    expect(standIn.textsTo('-101')).toHaveLength(2);
    const [stuck] = await rowsOf();
    expect(stuck).toMatchObject({ status: 'sending', externalId: '1' });
    // A restart within the lease leaves the row alone; after it, the row is taken up again.
    expect((await drainOutbox(telegram(), { ...options(), settleWithinMs: 0 })).sent).toBe(0);
    const afterLease: Clock = { now: () => Date.now() + CLAIM_LEASE_MS + 1000, sleep: systemClock.sleep };
    expect((await drainOutbox(telegram(), options(afterLease))).sent).toBe(1);
    const texts = standIn.textsTo('-101');
    expect(texts).toHaveLength(4);
    expect(texts[1]).toBe(texts[2]);
    expect([texts[0], texts[2], texts[3]].join('\n')).toMatch(/Phần 1[\s\S]*Phần 2[\s\S]*Phần 3/);
    expect(standIn.textsTo('-102')).toHaveLength(1);
    const [done] = await rowsOf();
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    expect(done!.externalId!.split(',')).toHaveLength(3);
  });

  it('turns mentions into tg://user links after escaping, never inside a table', async () => {
    const reply: Reply = {
      blocks: [
        { kind: 'table', headers: ['Cán bộ'], rows: [['Trần <B> & Co']] },
        { kind: 'text', text: 'Quá hạn: Trần <B> & Co, Lê Văn An; Lê Văn Anh không được nhắc tên.' },
      ],
    };
    const mentions = [
      { name: 'Trần <B> & Co', externalId: '501' },
      { name: 'Lê Văn An', externalId: '502' },
    ];
    await enqueue(handle.db, [plan('-102', reply, { mentions })]);
    await drainOutbox(telegram(), options());
    const [text] = standIn.textsTo('-102');
    expect(text).toContain('<pre>Cán bộ');
    expect(text).toContain('Quá hạn: <a href="tg://user?id=501">Trần &lt;B&gt; &amp; Co</a>, <a href="tg://user?id=502">Lê Văn An</a>; Lê Văn Anh');
    expect(text!.match(/<pre>[\s\S]*<\/pre>/)![0]).not.toContain('<a ');
  });

  it('sends to Slack with <@U…> mentions, honours Retry-After, and marks not_in_channel unreachable', async () => {
    const slack = createSlackSender({ token: 'xoxb-test', apiUrl: standIn.slackApiUrl });
    standIn.script('C101', slackAnswers.tooMany(1));
    standIn.refuse('C999', slackAnswers.error('not_in_channel'));
    const mentions = [{ name: 'Lê Văn An', externalId: 'U502' }];
    await enqueue(handle.db, [
      plan('C101', briefing(`Quá hạn: Lê Văn An (gõ ${commandRef('quahan')} để xem đủ)`), { destination: { platform: 'slack', chatId: 'C101' }, mentions }),
      plan('C999', briefing('Không tới'), { destination: { platform: 'slack', chatId: 'C999' } }),
    ]);
    const result = await drainOutbox(slack, options());
    expect(result).toMatchObject({ sent: 1, unreachable: 1, rateLimited: 1 });
    const [arrived] = standIn.arrivals.filter((a) => a.chatId === 'C101');
    expect(JSON.stringify(arrived!.blocks)).toContain('Quá hạn: <@U502> (gõ /thads quahan để xem đủ)');
    const [sent, gone] = await rowsOf();
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, externalId: arrived!.messageId });
    expect(gone).toMatchObject({ status: 'unreachable', lastError: '200 not_in_channel' });
  });
});
