import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { createApp } from '../../server/app.ts';
import { captureBot, callbackUpdate, linkTelegram, textUpdate } from '../bot/telegram-fixture.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { rowCounts } from '../helpers/row-counts.ts';
import { linkSlack } from '../helpers/slack-app.ts';
import { buttonPress, eventCallback, interaction, SLACK_SECRET, SLACK_TOKEN, type SlackBody, signSlack, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const TG_LEADER = 1001; // BH-DS-TP
const SLACK_LEADER = 'U0LEADER'; // BH-DS-TP
const SECRET = 'webhook-secret_0123456789';

/** A copy of `value` with the property at `path` set to `to` (deleted when `to` is `undefined`). */
function withField<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((o, k) => o[k] as Record<string, unknown>, copy);
  if (to === undefined) delete parent[last];
  else parent[last] = to;
  return copy as T;
}

describe('payloads of the wrong shape at POST /telegram/webhook and POST /slack/events', () => {
  let handle: TestDb;
  let standIn: SlackStandIn;
  let slack: SlackApp;
  let telegram: ReturnType<typeof captureBot>;
  let app: ReturnType<typeof createApp>;
  let logs: Record<string, unknown>[];
  const warned = (msg: string) => logs.filter((l) => l.level === 40 && l.msg === msg);

  beforeAll(async () => {
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkTelegram(handle.db, 'BH-DS-TP', TG_LEADER);
    await linkSlack(handle.db, 'BH-DS-TP', SLACK_LEADER);
    standIn = await startSlackStandIn();
    const env = {
      TELEGRAM_BOT_TOKEN: '7000001:TEST',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: standIn.apiUrl,
    };
    const test = createTestDeps(handle, env);
    logs = test.logs;
    telegram = captureBot({ deps: test.deps, commands });
    slack = createSlackApp({ deps: test.deps, commands }, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B1', botUserId: 'U1' });
    app = createApp(test.deps, { telegramBot: telegram.bot, slackApp: slack });
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('ignores a Telegram update the bot cannot read: 200, nothing sent or written, a warning with its update id', async () => {
    let id = 7000;
    const text = () => textUpdate(++id, TG_LEADER, '/tomtat');
    const press = () => callbackUpdate(++id, TG_LEADER, 'quahan BH-DS');
    const malformed: Update[] = [
      withField(text(), 'message.text', true),
      withField(text(), 'message.text', 42),
      withField(text(), 'message.text', null),
      withField(text(), 'message.text', { text: '/tomtat' }),
      withField(text(), 'message.from.language_code', 42),
      withField(text(), 'message.from.id', String(TG_LEADER)),
      withField(text(), 'message.from.id', 1001.5),
      withField(text(), 'message.from.is_bot', 'no'),
      withField(text(), 'message.from', undefined),
      withField(text(), 'message.chat', undefined),
      withField(text(), 'message.chat.id', 'abc'),
      withField(text(), 'message.chat.type', 7),
      withField(text(), 'message.message_id', 'x'),
      withField(text(), 'message.reply_to_message', 5),
      withField(text(), 'message', 'hello'),
      withField(text(), 'message', null),
      withField(press(), 'callback_query.data', 7),
      withField(press(), 'callback_query.id', 5),
      withField(press(), 'callback_query.from', undefined),
      withField(press(), 'callback_query.from.language_code', ['vi']),
      withField(press(), 'callback_query.message.chat.id', {}),
      withField(press(), 'callback_query', []),
    ];
    const before = await rowCounts(handle.db);
    const statuses: number[] = [];
    for (const update of malformed) {
      const res = await app.request('/telegram/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(update),
      });
      statuses.push(res.status);
    }
    await telegram.bot.settle();
    expect(statuses).toEqual(malformed.map(() => 200));
    expect(telegram.calls).toEqual([]);
    expect(await rowCounts(handle.db)).toEqual(before);
    const ids = warned('telegram update ignored: not an update the bot can read').map((l) => l.update_id);
    expect(ids).toEqual(malformed.map((u) => u.update_id));

    // The same update well formed is answered.
    const good = text();
    await app.request('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(good),
    });
    await telegram.bot.settle();
    expect(telegram.sent()).toHaveLength(1);
  });

  it('ignores a signed Slack request the app cannot read: 200 with nothing, nothing sent or written, a warning', async () => {
    let n = 0;
    const responseUrl = standIn.responseUrl('malformed');
    const command = () => slashCommand({ user: SLACK_LEADER, text: 'tomtat', trigger: `mal-${++n}`, responseUrl });
    const withoutField = (b: SlackBody, field: string) => {
      const form = new URLSearchParams(b.body);
      form.delete(field);
      return { ...b, body: form.toString() };
    };
    const payload = (b: SlackBody) => JSON.parse(new URLSearchParams(b.body).get('payload')!) as Record<string, unknown>;
    const press = () => payload(buttonPress({ user: SLACK_LEADER, value: 'tomtat', channel: 'C0GROUP', responseUrl, trigger: `mal-${++n}` }));
    const submission = {
      type: 'view_submission',
      user: { id: SLACK_LEADER },
      view: { id: 'VMAL', callback_id: 'thads_report', private_metadata: '{}', state: { values: {} } },
    };
    const suggestion = { type: 'block_suggestion', user: { id: SLACK_LEADER }, action_id: 'case', block_id: 'case', value: '' };
    const dm = { type: 'message', channel_type: 'im', channel: 'DLEADER', user: SLACK_LEADER, text: 'tomtat', ts: '1795000000.000300' };
    const home = { type: 'app_home_opened', user: SLACK_LEADER, tab: 'home', event_ts: '1795000000.1' };
    const malformed: SlackBody[] = [
      withoutField(command(), 'user_id'),
      withoutField(command(), 'channel_id'),
      withoutField(command(), 'trigger_id'),
      withoutField(command(), 'response_url'),
      withoutField(command(), 'text'),
      { ...command(), body: command().body.replace('user_id=U0LEADER', 'user_id=') },
      interaction(withField(press(), 'actions', 'x')),
      interaction(withField(press(), 'actions', [])),
      interaction(withField(press(), 'actions.0.value', 5)),
      interaction(withField(press(), 'user', undefined)),
      interaction(withField(press(), 'user.id', 5)),
      interaction(withField(press(), 'channel', null)),
      interaction(withField(submission, 'view.state.values', null)),
      interaction(withField(submission, 'view', undefined)),
      interaction(withField(submission, 'view.private_metadata', 5)),
      interaction(withField(submission, 'user', undefined)),
      interaction(withField(suggestion, 'value', 5)),
      interaction(withField(suggestion, 'user', undefined)),
      eventCallback(withField(dm, 'text', 5), 'Ev-mal-1'),
      eventCallback(withField(dm, 'user', 5), 'Ev-mal-2'),
      eventCallback(withField(dm, 'channel', undefined), 'Ev-mal-3'),
      eventCallback(withField(home, 'user', undefined), 'Ev-mal-4'),
      { body: JSON.stringify({ type: 'event_callback', event_id: 'Ev-mal-5', event: null }), contentType: 'application/json' },
      { body: JSON.stringify({ type: 'event_callback', event_id: 'Ev-mal-6', event: 'message' }), contentType: 'application/json' },
      { body: JSON.stringify({ type: 'event_callback', event: dm }), contentType: 'application/json' },
      { body: JSON.stringify({ hello: 'world' }), contentType: 'application/json' },
    ];
    const before = await rowCounts(handle.db);
    const answers: { status: number; text: string }[] = [];
    for (const b of malformed) {
      const res = await app.request('/slack/events', { method: 'POST', headers: { 'content-type': b.contentType, ...signSlack(b.body) }, body: b.body });
      answers.push({ status: res.status, text: await res.text() });
    }
    await slack.stop();
    expect(answers).toEqual(malformed.map(() => ({ status: 200, text: '' })));
    expect(standIn.calls).toEqual([]);
    expect(await rowCounts(handle.db)).toEqual(before);
    const warnings = warned('slack request ignored: not one the app can read');
    expect(warnings).toHaveLength(malformed.length);
    expect(warnings.filter((l) => String(l.event_id).startsWith('Ev-mal-')).map((l) => l.event_id)).toEqual(['Ev-mal-1', 'Ev-mal-2', 'Ev-mal-3', 'Ev-mal-4', 'Ev-mal-5', 'Ev-mal-6']);

    // The same command well formed is answered.
    const good = command();
    await app.request('/slack/events', { method: 'POST', headers: { 'content-type': good.contentType, ...signSlack(good.body) }, body: good.body });
    await slack.stop();
    expect(standIn.calls.filter((c) => c.target === 'malformed')).toHaveLength(1);
  });
});
