import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.ts';
import { SLACK_SECRET, SLACK_TOKEN, signSlack, slashCommand } from '../helpers/slack-requests.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

/** The server as `npm start` runs it, with Slack on and SLACK_API_URL pointing at a stand-in. */
describe('npm start with Slack, its Web API on a stand-in', () => {
  let standIn: SlackStandIn;
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const env = (apiUrl: string) => ({
    PGLITE_DIR: 'memory://',
    SEED_DEMO: 'never',
    PORT: '0',
    HOST: '127.0.0.1',
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: apiUrl,
  });

  beforeAll(async () => {
    standIn = await startSlackStandIn();
  });
  afterAll(() => standIn.close());

  it('says where Slack posts, asks who it is once, and answers a signed command over HTTP before stopping', async () => {
    const running = await startServer({ env: env(standIn.apiUrl), logger });
    try {
      expect(running.banner).toContain(`Slack:     on, requests at ${running.url}/slack/events (Web API at ${standIn.apiUrl})`);
      expect(running.banner).toContain('https://<public host>/slack/events');
      await expect.poll(() => standIn.calls.filter((c) => c.method === 'auth.test').length).toBe(1);
      const { body, contentType } = slashCommand({ user: 'U0NEW', text: 'trogiup', trigger: 'start-1', responseUrl: standIn.responseUrl('start-1') });
      const post = (headers: Record<string, string>) =>
        fetch(`${running.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
      expect((await post({})).status).toBe(401);
      const res = await post(signSlack(body));
      expect([res.status, await res.text()]).toEqual([200, '']);
    } finally {
      await running.stop();
    }
    // stop() waited for the work after the ack: the answer was sent before the database closed.
    const answer = standIn.calls.find((c) => c.target === 'start-1');
    expect(String(answer?.body.text)).toContain('Chào bạn!');
    expect(standIn.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('starts while Slack is unreachable, says so in the log, serves and stops', async () => {
    const running = await startServer({ env: env('http://127.0.0.1:9/api/'), logger });
    try {
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      await expect
        .poll(() => logs.some((l) => l.msg === 'slack: auth.test failed at start; will try again on the first request'), { timeout: 15_000 })
        .toBe(true);
    } finally {
      await running.stop();
    }
  });
});
