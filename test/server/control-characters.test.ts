import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { cases, notes } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { createConsoleSession } from '../../server/console-session.ts';
import { captureBot, callbackUpdate, linkTelegram, textUpdate } from '../bot/telegram-fixture.ts';
import { createTestDeps, type TestDeps } from '../helpers/app-deps.ts';
import { drivers, openTestDb, type TestDb } from '../helpers/db.ts';
import { firstCaseOf } from '../helpers/fixtures.ts';
import { rowCounts } from '../helpers/row-counts.ts';
import { linkSlack, textOf } from '../helpers/slack-app.ts';
import { buttonPress, eventCallback, interaction, SLACK_SECRET, SLACK_TOKEN, type SlackBody, signSlack, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const TG_LEADER = 1001; // BH-DS-TP, head of the Đông Sơn unit
const TG_STRANGER = 9999;
const SLACK_LEADER = 'U0LEADER';
const SECRET = 'webhook-secret_0123456789';
const REFUSED_VI = 'Nội dung bạn gửi có ký tự điều khiển (ký tự ẩn, thường lẫn vào khi sao chép) nên không được xử lý. Hãy gõ lại nội dung, không dán ký tự lạ.';
const REFUSED_EN = 'What you sent contains a control character (an invisible character, often picked up when copying and pasting), so it was not processed. Please type it again without pasting.';
const FIELD_REFUSED_VI = 'Ô này có ký tự điều khiển (ký tự ẩn, thường lẫn vào khi sao chép). Hãy gõ lại, không dán ký tự lạ.';

// PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00"), jsonb a lone
// surrogate; it stores a bell or an escape as they come. None of them is anything a person means.
const controls = ['\0', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ud800'];

describe.each(drivers)('control characters in what people send, through the real routes (%s)', (driver) => {
  let handle: TestDb;
  let test: TestDeps;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let telegram: ReturnType<typeof captureBot>;
  let app: ReturnType<typeof createApp>;
  let own = '';
  let id = 8000;
  const postUpdate = async (update: unknown) => {
    const res = await app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
    });
    await telegram.bot.settle();
    return res.status;
  };
  const postSlack = async (b: SlackBody) => {
    const before = standIn.calls.length;
    const res = await app.request('/slack/events', { method: 'POST', headers: { 'content-type': b.contentType, ...signSlack(b.body) }, body: b.body });
    const text = await res.text();
    await slack.stop();
    return { status: res.status, text, calls: standIn.calls.slice(before) };
  };
  const lastNote = async () => {
    const [row] = await handle.db.select({ body: notes.body }).from(notes).innerJoin(cases, eq(cases.id, notes.caseId)).where(eq(cases.code, own)).orderBy(desc(notes.id)).limit(1);
    return row?.body;
  };
  /** Every table a chat message may write but the claims of the messages themselves. */
  const written = async () => {
    const { processedUpdates: _claims, ...rest } = await rowCounts(handle.db);
    return rest;
  };

  beforeAll(async () => {
    handle = await openTestDb(driver);
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkTelegram(handle.db, 'BH-DS-TP', TG_LEADER);
    await linkSlack(handle.db, 'BH-DS-TP', SLACK_LEADER);
    own = await firstCaseOf(handle.db, 'BH-DS-CHV01');
    standIn = await startSlackStandIn();
    test = createTestDeps(handle, {
      TELEGRAM_BOT_TOKEN: '7000001:TEST',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: standIn.apiUrl,
    });
    telegram = captureBot({ deps: test.deps, commands });
    slack = createSlackApp({ deps: test.deps, commands }, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B1', botUserId: 'U1' });
    app = createApp(test.deps, { telegramBot: telegram.bot, slackApp: slack });
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('Telegram: refuses a text or a button holding one, in the person’s language, writing nothing', async () => {
    const before = await written();
    const typed = [`/vuviec ${own}\0`, '/capnhat \0', ...controls.map((c) => `/capnhat ${own} ghichu Đương sự${c} hẹn nộp`)];
    for (const text of typed) expect(await postUpdate(textUpdate(++id, TG_LEADER, text))).toBe(200);
    expect(await postUpdate(callbackUpdate(++id, TG_LEADER, `vuviec ${own}\0`))).toBe(200);
    const english = textUpdate(++id, TG_STRANGER, '/vuviec \0');
    english.message!.from!.language_code = 'en';
    expect(await postUpdate(english)).toBe(200);
    expect(telegram.sent().map((c) => c.payload.text)).toEqual([...typed.map(() => REFUSED_VI), REFUSED_VI, REFUSED_EN]);
    expect(await written()).toEqual(before);
    expect(test.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);

    // Line breaks are no control characters to refuse: a note keeps them.
    await postUpdate(textUpdate(++id, TG_LEADER, `/capnhat ${own} ghichu Dòng một\nDòng hai`));
    expect(await lastNote()).toBe('Dòng một\nDòng hai');
  });

  it('Slack: refuses a command, a DM, a button or a modal field holding one, to the person, writing nothing', async () => {
    const before = await written();
    const responseUrl = standIn.responseUrl('controls');
    const command = await postSlack(slashCommand({ user: SLACK_LEADER, text: `vuviec ${own}\0`, trigger: 'ctl-1', responseUrl }));
    expect(command.calls.map((c) => [c.body.response_type, textOf(c)])).toEqual([['ephemeral', `⚠️ ${REFUSED_VI}`]]);
    const dm = { type: 'message', channel_type: 'im', channel: 'DLEADER', user: SLACK_LEADER, text: `capnhat ${own} ghichu a\u0007b`, ts: '1795000000.000400' };
    const inDm = await postSlack(eventCallback(dm, 'Ev-ctl-1'));
    expect(inDm.calls.map((c) => [c.method, textOf(c)])).toEqual([['chat.postMessage', `⚠️ ${REFUSED_VI}`]]);
    const pressed = await postSlack(buttonPress({ user: SLACK_LEADER, value: `vuviec ${own}\0`, channel: 'C0GROUP', responseUrl, trigger: 'ctl-2' }));
    expect(pressed.calls.map((c) => textOf(c))).toEqual([`⚠️ ${REFUSED_VI}`]);

    const field = (block: string, element: Record<string, unknown>) => ({ [block]: { [block]: element } });
    const select = (value: string) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } });
    const submit = (caseCode: string, note: string) =>
      postSlack(
        interaction({
          type: 'view_submission',
          user: { id: SLACK_LEADER },
          view: {
            id: `V-ctl-${caseCode.length}-${note.length}`,
            callback_id: 'thads_report',
            private_metadata: '{}',
            state: { values: { ...field('case', select(caseCode)), ...field('action', select('ghichu')), ...field('note', { type: 'plain_text_input', value: note }) } },
          },
        }),
      );
    const badNote = await submit(own, 'Đương sự\0 hẹn nộp');
    expect(JSON.parse(badNote.text)).toEqual({ response_action: 'errors', errors: { note: FIELD_REFUSED_VI } });
    const badCase = await submit(`${own}\0`, 'Đương sự hẹn nộp');
    expect(JSON.parse(badCase.text)).toEqual({ response_action: 'errors', errors: { case: FIELD_REFUSED_VI } });
    expect([...badNote.calls, ...badCase.calls]).toEqual([]);
    expect(await written()).toEqual(before);
    expect(test.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('the console: refuses a line holding one', async () => {
    const session = createConsoleSession({ deps: test.deps, commands }, (await getPersonByCode(handle.db, 'BH-DS-TP'))!);
    const before = await written();
    expect(await session.handle(`capnhat ${own} ghichu a\0b`)).toBe(REFUSED_VI);
    expect(await written()).toEqual(before);
  });
});
