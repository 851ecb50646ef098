import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import { processedUpdates } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { SLACK_SECRET, SLACK_TOKEN, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

/** The server's clock in these tests: half a second past a whole second, so that rounding shows. */
const NOW_S = 1_795_000_000;

/** Slack's signature over `v0:<signed>:<body>`, sent with `header` as the timestamp. */
function headersFor(body: string, header: string, signed = header): Record<string, string> {
  const hmac = createHmac('sha256', SLACK_SECRET).update(`v0:${signed}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': header, 'x-slack-signature': `v0=${hmac}` };
}

describe('POST /slack/events: the timestamp of a signed request, against one reading of the clock', () => {
  let standIn: SlackStandIn;
  let handle: TestDb;
  let slack: SlackApp;
  let app: ReturnType<typeof createApp>;
  let logs: Record<string, unknown>[];
  let n = 0;
  /** A signed `/thads tomtat` with the given timestamp header; returns the status and whether it ran. */
  const send = async (header: string, signed?: string) => {
    const id = `ts-${++n}`;
    const b = slashCommand({ user: 'U0STRANGER', text: 'tomtat', trigger: id, responseUrl: standIn.responseUrl(id) });
    const res = await app.request('/slack/events', {
      method: 'POST',
      headers: { 'content-type': b.contentType, ...headersFor(b.body, header, signed) },
      body: b.body,
    });
    await slack.stop();
    const answered = standIn.calls.filter((c) => c.target === id).length;
    const claimed = (await handle.db.select().from(processedUpdates)).filter((r) => r.updateId === `command:${id}`).length;
    return { status: res.status, ran: answered + claimed };
  };

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    handle = await openTestDb('pglite');
    const env = { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: standIn.apiUrl };
    const test = createTestDeps(handle, env);
    logs = test.logs;
    slack = createSlackApp({ deps: test.deps, commands }, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, botId: 'B1', botUserId: 'U1' });
    app = createApp(test.deps, { slackApp: slack });
  });
  beforeEach(() => {
    // Only Date: the server's timers, the database and the stand-in run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_S * 1000 + 500);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('refuses 301 s ahead and 301 s old with 401, running and writing nothing; takes 300 s either way', async () => {
    expect(await send(String(NOW_S + 301))).toEqual({ status: 401, ran: 0 });
    expect(await send(String(NOW_S - 301))).toEqual({ status: 401, ran: 0 });
    expect(await send(String(NOW_S + 300))).toEqual({ status: 200, ran: 2 });
    expect(await send(String(NOW_S - 300))).toEqual({ status: 200, ran: 2 });
    expect(logs.some((l) => l.msg === 'slack request refused' && l.reason === 'timestamp in the future')).toBe(true);
  });

  it('takes the timestamp only as Slack writes it, whole seconds in decimal, so the time checked is the time signed', async () => {
    const forms: [string, string | undefined][] = [
      // Signed as sent: a fraction of a second.
      [`${NOW_S}.9`, undefined],
      // Slack's signature of the plain number, the header spelt otherwise: each reads as the same number.
      [`+${NOW_S}`, String(NOW_S)],
      [`0${NOW_S}`, String(NOW_S)],
      [`${NOW_S}.0`, String(NOW_S)],
      [`0x${NOW_S.toString(16)}`, String(NOW_S)],
      ['1.795e9', String(NOW_S)],
      [`${NOW_S}e0`, String(NOW_S)],
      // Far ahead, written long: a number too large to be a time.
      [`${NOW_S}000000000000`, undefined],
      ['9'.repeat(400), undefined],
      ['Infinity', 'Infinity'],
      ['', ''],
    ];
    const answers: Record<string, unknown> = {};
    for (const [header, signed] of forms) answers[header] = await send(header, signed);
    expect(answers).toEqual(Object.fromEntries(forms.map(([header]) => [header, { status: 401, ran: 0 }])));
    expect(await send(String(NOW_S))).toEqual({ status: 200, ran: 2 });
  });
});
