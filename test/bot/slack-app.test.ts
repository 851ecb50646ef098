import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../bot/commands/index.ts';
import { defineCommand } from '../../bot/core/command.ts';
import { message } from '../../bot/core/reply.ts';
import { t } from '../../bot/i18n/index.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { issueLinkCode } from '../../db/link-codes.ts';
import { cases, chatIdentities, collections, notes, processedUpdates } from '../../db/schema.ts';
import { createTestCore } from '../helpers/core.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';
import { buttonsOf, createTestSlack, linkSlack, send, textOf } from '../helpers/slack-app.ts';
import { buttonPress, eventCallback, interaction, SLACK_SECRET, SLACK_TOKEN, signedRequest, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const LEADER = 'U0LEADER'; // BH-DS-TP, head of the Đông Sơn unit
const OFFICER = 'U0OFFICER'; // BH-DS-CHV01
const STRANGER = 'U0STRANGER';
const CHANNEL = 'C0GROUP';

describe.each(drivers)('the Slack app through Bolt, its Web API on a stand-in (%s)', (driver) => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let core: ReturnType<typeof createTestCore>;
  let slack: SlackApp;
  let n = 0;
  /** An open case of BH-DS-CHV01 in the demo. */
  let own = '';
  /** `/thads <text>` typed by `user` in `channel`; returns the HTTP answer and Slack calls made. */
  const thads = (user: string, text: string, channel = CHANNEL) => {
    const id = `cmd-${++n}`;
    return send(slack, standIn, slashCommand({ user, text, channel, trigger: id, responseUrl: standIn.responseUrl(id) }));
  };
  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-DS-TP', LEADER);
    await linkSlack(handle.db, 'BH-DS-CHV01', OFFICER);
    own = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    standIn = await startSlackStandIn();
    core = createTestCore(handle.db);
    slack = createTestSlack(core, standIn);
  });
  beforeEach(() => {
    standIn.answer = () => undefined;
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('acks /thads tomtat BH-DS empty and posts the summary for the channel, with its buttons', async () => {
    const { status, text, calls } = await thads(LEADER, 'tomtat BH-DS');
    expect([status, text]).toEqual([200, '']);
    expect(calls.map((c) => [c.method, c.body.response_type])).toEqual([['response_url', 'in_channel']]);
    const [answer] = calls;
    expect(textOf(answer!)).toMatch(/Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\)[\s\S]*Tỷ lệ thi hành xong về việc/);
    expect(buttonsOf(answer!)).toEqual(['quahan BH-DS', 'xephang BH-DS']);
    expect(String(answer!.body.text)).toContain('(BH-DS)');
    // No auth.test: the bot's ids were given.
    expect(standIn.calls.some((c) => c.method === 'auth.test')).toBe(false);
  });

  it('answers /thads help and /thads alone with the help, naming commands as typed in Slack', async () => {
    for (const typed of ['help', '', 'trogiup']) {
      const { calls } = await thads(LEADER, typed);
      expect(calls).toHaveLength(1);
      const help = textOf(calls[0]!);
      expect(help).toContain('/thads tomtat [đơn vị] (/thads summary)');
      expect(help).not.toMatch(/(^|\s)\/tomtat/);
      expect(calls[0]!.body.response_type).toBe('in_channel');
    }
  });

  it('tells a stranger only how to link, privately, and lets them link with /thads lienket <code>', async () => {
    const refused = await thads(STRANGER, 'tomtat BH-DS');
    expect(refused.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(refused.calls[0]!)).toContain('/thads lienket &lt;mã&gt;');
    expect(textOf(refused.calls[0]!)).not.toContain('Tỷ lệ');

    const wrong = await thads(STRANGER, 'lienket ZZZZ-ZZZZ');
    expect(wrong.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(wrong.calls[0]!)).toContain('Mã liên kết không đúng');
    expect(await handle.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, STRANGER))).toEqual([]);

    const { code } = await issueLinkCode(handle.db, 'BH-DS-CHV02', { actor: 'test', channel: 'console', now: core.deps.now() });
    const linked = await thads(STRANGER, `lienket ${code}`, `D${STRANGER}`);
    expect(textOf(linked.calls.at(-1)!)).toContain('Đã liên kết tài khoản với Ngô Thị Thanh Hương');
    const [identity] = await handle.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, STRANGER));
    expect(identity).toMatchObject({ platform: 'slack', source: 'link' });
    const after = await thads(STRANGER, 'tomtat');
    expect(textOf(after.calls[0]!)).toContain('(BH-DS)');
    await handle.db.delete(chatIdentities).where(eq(chatIdentities.externalId, STRANGER));
  });

  it('keeps answers that concern the person alone (their link, their language) ephemeral in a channel', async () => {
    const { code } = await issueLinkCode(handle.db, 'BH-DS-CHV02', { actor: 'test', channel: 'console', now: core.deps.now() });
    const linked = await thads(STRANGER, `lienket ${code}`);
    expect(linked.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(linked.calls[0]!)).toContain('Đã liên kết tài khoản với Ngô Thị Thanh Hương');
    const english = await thads(STRANGER, 'ngonngu en');
    expect(english.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    // In the app's own DM, as before, the answer is simply there.
    const back = await thads(STRANGER, 'ngonngu vi', `D${STRANGER}`);
    expect(back.calls.map((c) => c.body.response_type)).toEqual(['in_channel']);
    await handle.db.delete(chatIdentities).where(eq(chatIdentities.externalId, STRANGER));
  });

  it('keeps errors to the person (ephemeral), with a suggestion in Slack’s terms and typed HTML escaped', async () => {
    const typo = await thads(LEADER, 'tomtta');
    expect(typo.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(typo.calls[0]!)).toBe('⚠️ Không có lệnh này. Ý bạn là /thads tomtat?');
    // Slack sends what was typed with &, < and > as entities.
    const html = await thads(LEADER, 'tomtat &lt;b&gt;x&lt;/b&gt;&amp;amp;');
    expect(textOf(html.calls[0]!)).toBe('⚠️ Không tìm thấy đơn vị "&lt;b&gt;x&lt;/b&gt;&amp;amp;".');
    const chatter = await thads(LEADER, 'xin chào');
    expect(chatter.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    expect(textOf(chatter.calls[0]!)).toContain('Không có lệnh này');
  });

  it('sends a case’s details by DM when asked in a channel, with a pointer only the person sees', async () => {
    const { calls } = await thads(OFFICER, `vuviec ${own}`);
    expect(calls.map((c) => c.method)).toEqual(['response_url', 'conversations.open', 'chat.postMessage']);
    const [pointer, , details] = calls;
    expect(pointer!.body.response_type).toBe('ephemeral');
    expect(textOf(pointer!)).toContain(`Chi tiết việc ${own} đã được gửi riêng cho bạn`);
    expect(details!.body.channel).toBe(`D${OFFICER}`);
    expect(textOf(details!)).toContain('Chấp hành viên');
    expect(textOf(details!)).toContain('Bùi Văn Hải (BH-DS-CHV01)');
    // In the app's own DM the details come straight back (the DM is known now: no second open).
    const inDm = await thads(OFFICER, `vuviec ${own}`, `D${OFFICER}`);
    expect(inDm.calls.map((c) => [c.method, c.body.response_type])).toEqual([['response_url', 'in_channel']]);
    expect(textOf(inDm.calls[0]!)).toContain('Bùi Văn Hải (BH-DS-CHV01)');
  });

  it('shows the details to the person alone when the DM cannot be sent', async () => {
    standIn.answer = (call) => (call.method === 'chat.postMessage' ? { ok: false, error: 'cannot_dm_bot' } : undefined);
    const { calls } = await thads(OFFICER, `vuviec ${own}`);
    const ephemeral = calls.filter((c) => c.body.response_type === 'ephemeral');
    expect(ephemeral).toHaveLength(2);
    expect(textOf(ephemeral[1]!)).toContain('chỉ hiện cho riêng bạn xem');
    expect(textOf(ephemeral[1]!)).toContain('Bùi Văn Hải (BH-DS-CHV01)');
    expect(calls.some((c) => c.body.response_type === 'in_channel')).toBe(false);
  });

  it('a DM in a conversation between two people is not private: details still go by DM', async () => {
    const { calls } = await thads(OFFICER, `vuviec ${own}`, 'D0SOMEONEELSE');
    expect(calls.map((c) => c.method)).toEqual(['response_url', 'chat.postMessage']);
    expect(calls[1]!.body.channel).toBe(`D${OFFICER}`);
  });

  it('runs a pressed button’s command line: on a message through its response_url, in the App Home by DM', async () => {
    const onMessage = await send(slack, standIn, buttonPress({ user: LEADER, value: 'quahan BH-DS', channel: CHANNEL, responseUrl: standIn.responseUrl('press-1') }));
    expect(onMessage.status).toBe(200);
    expect(onMessage.calls.map((c) => [c.method, c.target, c.body.response_type])).toEqual([['response_url', 'press-1', 'in_channel']]);
    expect(textOf(onMessage.calls[0]!)).toMatch(/Việc quá hạn của Phòng Thi hành án dân sự khu vực Đông Sơn \(BH-DS\): \d+/);
    const inHome = await send(slack, standIn, buttonPress({ user: LEADER, value: 'xephang BH-DS' }));
    const posted = inHome.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.channel).toBe(`D${LEADER}`);
    expect(textOf(posted[0]!)).toContain('Xếp hạng Chấp hành viên của Phòng Thi hành án dân sự khu vực Đông Sơn (BH-DS)');
  });

  it('handles a request once though it comes again with the same id', async () => {
    const id = 'cmd-repeat';
    const body = slashCommand({ user: OFFICER, text: 'tomtat', trigger: id, responseUrl: standIn.responseUrl(id) });
    await send(slack, standIn, body);
    await send(slack, standIn, body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(standIn.calls.filter((c) => c.target === id)).toHaveLength(1);
    const press = buttonPress({ user: OFFICER, value: 'tomtat', channel: CHANNEL, responseUrl: standIn.responseUrl('press-repeat'), trigger: 'press-repeat' });
    await Promise.all([send(slack, standIn, press), send(slack, standIn, press)]);
    expect(standIn.calls.filter((c) => c.target === 'press-repeat')).toHaveLength(1);
    const claims = await handle.db
      .select()
      .from(processedUpdates)
      .where(and(eq(processedUpdates.platform, 'slack'), eq(processedUpdates.updateId, `command:${id}`)));
    expect(claims).toHaveLength(1);
    expect(core.logs.some((l) => (l as { msg?: string }).msg === 'slack request already handled: repeat ignored')).toBe(true);
  });

  it('takes the answer to a step-by-step question after /thads, refuses a bad amount, and records a confirm pressed twice once', async () => {
    const count = async () => (await handle.db.select().from(collections).innerJoin(cases, eq(cases.id, collections.caseId)).where(eq(cases.code, own))).length;
    const before = await count();
    const asked = await thads(OFFICER, `capnhat ${own} thu`);
    expect(textOf(asked.calls[0]!)).toContain(`Nhập số tiền đã thu hôm nay cho việc ${own}`);
    expect(textOf(asked.calls[0]!)).toContain('Gõ /thads huy để thôi.');
    const bad = await thads(OFFICER, '1,500,000');
    expect(bad.calls.map((c) => c.body.response_type)).toEqual(['ephemeral']);
    const proposed = await thads(OFFICER, '5tr');
    expect(textOf(proposed.calls[0]!)).toContain(`Ghi nhận thu 5.000.000 ₫ cho việc ${own}`);
    const confirm = buttonsOf(proposed.calls[0]!)[0]!;
    expect(confirm).toBe(`capnhat ${own} thu xacnhan 5000000`);
    expect(await count()).toBe(before);
    const press = () => send(slack, standIn, buttonPress({ user: OFFICER, value: confirm, channel: CHANNEL, responseUrl: standIn.responseUrl(`confirm-${++n}`) }));
    await press();
    await press();
    expect(await count()).toBe(before + 1);
  });

  it('takes /thads text that starts like a command as the note awaited, as Telegram does', async () => {
    const asked = await thads(OFFICER, `capnhat ${own} ghichu`);
    expect(textOf(asked.calls[0]!)).toContain(`Nhập nội dung ghi chú cho việc ${own}`);
    const noted = await thads(OFFICER, 'Việc đương sự hẹn nộp tiền tuần sau');
    expect(textOf(noted.calls[0]!)).toContain(`Đã thêm ghi chú vào việc ${own}.`);
    const [row] = await handle.db.select({ text: notes.body }).from(notes).innerJoin(cases, eq(cases.id, notes.caseId)).where(eq(cases.code, own)).orderBy(desc(notes.id)).limit(1);
    expect(row!.text).toBe('Việc đương sự hẹn nộp tiền tuần sau');
    // With no question pending, the same words are the command they start with.
    const listed = await thads(OFFICER, 'viec');
    expect(textOf(listed.calls[0]!)).not.toContain('Đã thêm ghi chú');
  });

  it('answers text typed in the app’s DM, and ignores the app’s own messages and edits', async () => {
    const dm = (text: string, id: string, extra: Record<string, unknown> = {}) =>
      eventCallback({ type: 'message', channel_type: 'im', channel: `D${LEADER}`, user: LEADER, text, ts: `1795000000.${id}`, ...extra }, `Ev-dm-${id}`);
    const { status, calls } = await send(slack, standIn, dm('tomtat', '1'));
    expect(status).toBe(200);
    expect(calls.map((c) => [c.method, c.body.channel])).toEqual([['chat.postMessage', `D${LEADER}`]]);
    expect(textOf(calls[0]!)).toContain('(BH-DS)');
    const ignored = [
      dm('tomtat', '2', { bot_id: 'BTHADS', user: 'UTHADSBOT' }),
      dm('tomtat', '3', { subtype: 'message_changed' }),
      eventCallback({ type: 'message', channel_type: 'channel', channel: CHANNEL, user: LEADER, text: 'tomtat', ts: '1795000000.4' }, 'Ev-dm-4'),
    ];
    for (const body of ignored) expect((await send(slack, standIn, body)).calls).toEqual([]);
  });

  describe('answers meant for the person alone', () => {
    const secret = defineCommand({
      name: 'bimat',
      alias: 'secret',
      allowed: (p) => p !== null,
      args: z.array(z.string()),
      run: async (ctx) => [
        { to: 'private', reply: message(`Chi tiết riêng cho ${ctx.person!.code}`) },
        { to: 'chat', reply: message('Đã gửi chi tiết vào tin nhắn riêng.') },
      ],
    });

    const long = defineCommand({
      name: 'dai',
      alias: 'long',
      allowed: (p) => p !== null,
      args: z.array(z.string()),
      run: async () => [
        { to: 'private', reply: { blocks: Array.from({ length: 60 }, (_, i) => ({ kind: 'text' as const, text: `Dòng ${i + 1}` })), buttons: [[{ label: 'Tiếp', action: 'viec' }]] } },
      ],
    });

    it('keep their buttons when a full message falls back to ephemeral', async () => {
      standIn.answer = (call) => (call.method === 'chat.postMessage' ? { ok: false, error: 'cannot_dm_bot' } : undefined);
      const withLong = createTestSlack({ deps: core.deps, commands: [...commands, long] }, standIn);
      const { calls } = await send(withLong, standIn, slashCommand({ user: OFFICER, text: 'dai', trigger: 'cmd-long', responseUrl: standIn.responseUrl('cmd-long') }));
      const shown = calls.filter((c) => c.method === 'response_url');
      expect(shown.map((c) => c.body.response_type)).toEqual(['ephemeral']);
      expect((shown[0]!.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(buttonsOf(shown[0]!)).toEqual(['viec']);
      expect(textOf(shown[0]!)).toContain('chỉ hiện cho riêng bạn xem');
    });

    it('go by DM, the note about them ephemeral, in their order', async () => {
      const withSecret = createTestSlack({ deps: core.deps, commands: [...commands, secret] }, standIn);
      const id = 'cmd-secret';
      const { calls } = await send(withSecret, standIn, slashCommand({ user: OFFICER, text: 'bimat', trigger: id, responseUrl: standIn.responseUrl(id) }));
      expect(calls.map((c) => [c.method, c.body.response_type ?? c.body.channel])).toEqual([
        ['conversations.open', undefined],
        ['chat.postMessage', `D${OFFICER}`],
        ['response_url', 'ephemeral'],
      ]);
    });
  });

  it('answers 200 when no listener acknowledges in time or none exists, and drops the late ack', async () => {
    const quick = createSlackApp(core, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B', botUserId: 'U', ackWithinMs: 20 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    quick.bolt.action('slow', async ({ ack }) => {
      await gate;
      await ack();
    });
    const press = (actionId: string) => {
      const body = JSON.parse(new URLSearchParams(buttonPress({ user: LEADER, value: 'tomtat' }).body).get('payload')!) as { actions: { action_id: string }[] };
      body.actions[0]!.action_id = actionId;
      return interaction(body);
    };
    const slow = await quick.handle(signedRequest(press('slow')));
    expect([slow.status, await slow.text()]).toEqual([200, '']);
    release();
    await quick.stop();
    const messages = core.logs.map((l) => (l as { msg?: string }).msg);
    expect(messages).toContain('slack request not acknowledged in time: answered 200');
    expect(messages).toContain('slack ack after the request was answered: dropped');
    const unknown = await quick.handle(signedRequest(press('nobody-listens')));
    expect([unknown.status, await unknown.text()]).toEqual([200, '']);
  });

  it('logs a failure with the request’s id and apologises to the person alone, without detail', async () => {
    standIn.answer = (call) => (call.target === 'broken' ? { httpStatus: 500, ok: false } : undefined);
    const press = buttonPress({ user: LEADER, value: 'tomtat', channel: CHANNEL, responseUrl: standIn.responseUrl('broken'), trigger: 'trig-broken' });
    const { status, calls } = await send(slack, standIn, press);
    expect(status).toBe(200);
    const apology = calls.filter((c) => c.target === 'broken').at(-1)!;
    expect(apology.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Xin lỗi, đã có lỗi trong hệ thống. Vui lòng thử lại sau.' });
    const logged = core.logs.find((l) => (l as { msg?: string }).msg === 'slack request failed') as Record<string, unknown>;
    expect(logged).toMatchObject({ platform: 'slack', trigger_id: 'trig-broken' });
    // In the person's own language, when they chose one.
    await thads(OFFICER, 'ngonngu en', `D${OFFICER}`);
    const theirs = buttonPress({ user: OFFICER, value: 'tomtat', channel: CHANNEL, responseUrl: standIn.responseUrl('broken'), trigger: 'trig-broken-en' });
    const english = (await send(slack, standIn, theirs)).calls.filter((c) => c.target === 'broken').at(-1)!;
    expect(english.body.text).toBe(t('en', 'internal_error'));
    standIn.answer = () => undefined;
    await thads(OFFICER, 'ngonngu vi', `D${OFFICER}`);
  });
});
