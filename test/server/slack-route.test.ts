import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import { seedDemo } from '../../db/demo/index.ts';
import { processedUpdates } from '../../db/schema.ts';
import { createApp } from '../../server/app.ts';
import { createTestDeps } from '../helpers/app-deps.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { linkSlack } from '../helpers/slack-app.ts';
import { eventCallback, SLACK_SECRET, SLACK_TOKEN, type SlackBody, signSlack, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { noCache } from '../../db/result-cache.ts';

const LEADER = 'U0LEADER'; // BH-DS-TP

describe('POST /slack/events through the Hono app, Bolt behind it, Slack’s Web API on a stand-in', () => {
  let standIn: SlackStandIn;
  let handle: TestDb;
  let slack: SlackApp;
  let app: ReturnType<typeof createApp>;
  let logs: Record<string, unknown>[];
  const post = (b: SlackBody, headers: Record<string, string>) =>
    app.request('/slack/events', { method: 'POST', headers: { 'content-type': b.contentType, ...headers }, body: b.body });
  const command = (text: string, id: string) => slashCommand({ user: LEADER, text, trigger: id, responseUrl: standIn.responseUrl(id) });

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    handle = await openTestDb('pglite');
    await seedDemo(handle.db, { today: '2026-11-23', changes: noCache });
    await linkSlack(handle.db, 'BH-DS-TP', LEADER);
    const env = { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: standIn.apiUrl };
    const test = createTestDeps(handle, env);
    logs = test.logs;
    const { deps } = test;
    // No bot ids: the app asks the stand-in's auth.test once, as after a real start.
    slack = createSlackApp({ deps, commands }, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: deps.config.slack!.apiUrl });
    app = createApp(deps, { slackApp: slack });
  });
  afterAll(async () => {
    await slack.stop();
    await standIn.close();
    await handle.close();
  });

  it('answers a signed /thads tomtat with an empty 200, then posts the summary in the channel', async () => {
    const b = command('tomtat BH-DS', 'route-1');
    const res = await post(b, signSlack(b.body));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await slack.stop();
    const answers = standIn.calls.filter((c) => c.target === 'route-1');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(answers[0]!.body.blocks)).toContain('Phòng Thi hành án dân sự khu vực Đông Sơn (BH-DS)');
  });

  it('refuses a forged, a stale, a future-less or an unsigned request with 401, running nothing', async () => {
    const b = command('tomtat', 'route-refused');
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      signSlack(b.body, { secret: 'another-secret' }),
      signSlack(`${b.body}&text=xephang`, {}),
      signSlack(b.body, { ts: now - 6 * 60 }),
      // Signed for six minutes from now: no fresher than a stale one.
      signSlack(b.body, { ts: now + 6 * 60 }),
      { 'x-slack-request-timestamp': String(now) },
      { 'x-slack-signature': signSlack(b.body)['x-slack-signature']! },
      {},
      { ...signSlack(b.body), 'x-slack-request-timestamp': 'yesterday' },
      { ...signSlack(b.body), 'x-slack-signature': 'v1=abc' },
    ];
    for (const headers of refused) {
      const res = await post(b, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    await slack.stop();
    expect(standIn.calls.filter((c) => c.target === 'route-refused')).toEqual([]);
    // Four minutes old, or ahead (a clock a little fast), is still Slack's.
    const res = await post(b, signSlack(b.body, { ts: now - 4 * 60 }));
    expect(res.status).toBe(200);
    await slack.stop();
    expect(standIn.calls.filter((c) => c.target === 'route-refused')).toHaveLength(1);
    const ahead = command('tomtat', 'route-ahead');
    expect((await post(ahead, signSlack(ahead.body, { ts: now + 4 * 60 }))).status).toBe(200);
    await slack.stop();
    expect(logs.some((l) => l.msg === 'slack request refused' && l.reason === 'timestamp in the future')).toBe(true);
    expect(logs.some((l) => l.msg === 'slack request refused' && String(l.reason).includes('stale'))).toBe(true);
  });

  it('answers url_verification with the challenge and ssl_check with 200, unsigned ssl_check included', async () => {
    const challenge = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const res = await post({ body: challenge, contentType: 'application/json' }, signSlack(challenge));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
    const unsigned = await post({ body: challenge, contentType: 'application/json' }, {});
    expect(unsigned.status).toBe(401);
    const ssl = 'ssl_check=1&token=x';
    expect((await post({ body: ssl, contentType: 'application/x-www-form-urlencoded' }, {})).status).toBe(200);
    // A command smuggled beside ssl_check=1 is not run.
    const smuggled = `${command('tomtat', 'route-ssl').body}&ssl_check=1`;
    expect((await post({ body: smuggled, contentType: 'application/x-www-form-urlencoded' }, {})).status).toBe(200);
    await slack.stop();
    expect(standIn.calls.filter((c) => c.target === 'route-ssl')).toEqual([]);
  });

  it('says 400 to a signed body that is not Slack’s, and 413 to a huge one', async () => {
    const junk = 'not json';
    expect((await post({ body: junk, contentType: 'application/json' }, signSlack(junk))).status).toBe(400);
    const huge = `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`;
    expect((await post({ body: huge, contentType: 'application/json' }, signSlack(huge))).status).toBe(413);
  });

  it('handles an event once when Slack resends it (X-Slack-Retry-Num) or repeats its id', async () => {
    const event = eventCallback({ type: 'app_home_opened', user: LEADER, channel: 'DHOME', tab: 'messages', event_ts: '1795000000.1' }, 'Ev-route-1');
    // A DM message is handled; its resends are not.
    const dm = eventCallback(
      { type: 'message', channel_type: 'im', channel: 'DLEADER', user: LEADER, text: 'tomtat', ts: '1795000000.000200', event_ts: '1795000000.000200' },
      'Ev-route-2',
    );
    expect((await post(event, signSlack(event.body))).status).toBe(200);
    const deliveries: Record<string, string>[] = [{}, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, { 'x-slack-retry-num': '2' }];
    for (const [i, headers] of deliveries.entries()) {
      const res = await post(dm, { ...signSlack(dm.body), ...headers });
      expect(res.status, `delivery ${i}`).toBe(200);
      await slack.stop();
    }
    const posted = standIn.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'DLEADER');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.body.blocks)).toContain('(BH-DS)');
    const claims = await handle.db
      .select()
      .from(processedUpdates)
      .where(and(eq(processedUpdates.platform, 'slack'), eq(processedUpdates.updateId, 'event:Ev-route-2')));
    expect(claims).toHaveLength(1);
    // Bolt asked who it is once, not for each request.
    expect(standIn.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });
});
