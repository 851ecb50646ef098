import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../server/worker.ts';
import { signSlack, slashCommand } from '../helpers/slack-requests.ts';

// server/worker.ts under workerd, over the throwaway PostgreSQL (Hyperdrive binding) and the
// API recorder that vitest.worker.config.ts set up.

interface Recorded {
  path: string;
  body: string;
}

const recorderUrl = env.RECORDER_URL as string;

async function recorded(): Promise<Recorded[]> {
  return (await (await fetch(`${recorderUrl}/__recorded`)).json()) as Recorded[];
}

/** Waits for the work the worker left in waitUntil to reach the recorder (the test's timeout bounds it). */
async function arrival(match: (r: Recorded) => boolean): Promise<Recorded> {
  for (;;) {
    const found = (await recorded()).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the Worker (workerd, PostgreSQL over Hyperdrive)', () => {
  it('answers /healthz with the database reached', async () => {
    const res = await SELF.fetch('http://bot.example/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('refuses a Telegram update without the webhook secret', async () => {
    const res = await SELF.fetch('http://bot.example/telegram/webhook', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('answers a Telegram update at once and replies through the Bot API afterwards', async () => {
    const update = {
      update_id: 501,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 7555, type: 'private', first_name: 'An' }, from: { id: 7555, is_bot: false, first_name: 'An' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
    };
    const res = await SELF.fetch('http://bot.example/telegram/webhook', {
      method: 'POST',
      body: JSON.stringify(update),
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'worker-webhook-secret' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const reply = await arrival((r) => r.path.endsWith('/sendMessage') && (JSON.parse(r.body) as { chat_id: unknown }).chat_id === 7555);
    expect((JSON.parse(reply.body) as { text: string }).text.length).toBeGreaterThan(20);
  });

  it('acknowledges a signed Slack command and answers it through its response URL', async () => {
    const command = slashCommand({ user: 'U0WORKER', text: 'help', responseUrl: `${recorderUrl}/respond/worker-1` });
    const res = await SELF.fetch('http://bot.example/slack/events', {
      method: 'POST',
      body: command.body,
      headers: { 'content-type': command.contentType, ...signSlack(command.body) },
    });
    expect(res.status).toBe(200);
    const answer = await arrival((r) => r.path === '/respond/worker-1');
    expect(answer.body).toContain('thads');
  });

  it('refuses a Slack request signed with another secret', async () => {
    const command = slashCommand({ user: 'U0WORKER', text: 'help', responseUrl: `${recorderUrl}/respond/worker-2` });
    const res = await SELF.fetch('http://bot.example/slack/events', {
      method: 'POST',
      body: command.body,
      headers: { 'content-type': command.contentType, ...signSlack(command.body, { secret: 'not-the-secret' }) },
    });
    expect(res.status).toBe(401);
  });

  it('plans and delivers the weekly briefing once from its slot, however often the trigger fires', async () => {
    // Monday 23/11/2026 07:30 in Ha Noi: the briefing's default slot (30 7 * * 1, TZ_APP).
    const at = new Date('2026-11-23T00:30:00Z');
    const fire = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    // Two invocations overlapping, then one more a minute later.
    await Promise.all([fire(), fire()]);
    const later = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(at.getTime() + 60_000), cron: '* * * * *' }), env, later);
    await waitOnExecutionContext(later);

    const all = await recorded();
    const telegramTo = (chat: string) => all.filter((r) => r.path.endsWith('/sendMessage') && String((JSON.parse(r.body) as { chat_id: unknown }).chat_id) === chat);
    const slackTo = (channel: string) => all.filter((r) => r.path.endsWith('/chat.postMessage') && r.body.includes(channel));
    expect(telegramTo('-100900')).toHaveLength(1);
    expect(telegramTo('-100901')).toHaveLength(1);
    expect(slackTo('C901')).toHaveLength(1);
    expect(JSON.parse(telegramTo('-100901')[0]!.body).text).toContain('L1');
  });

  it('refuses to run a trigger whose WORKER_DRAIN_SECONDS is not a number of seconds, naming the variable', async () => {
    const at = new Date('2026-11-24T00:30:00Z');
    for (const bad of ['abc', '0', '86400']) {
      const ctx = createExecutionContext();
      await expect(worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), { ...env, WORKER_DRAIN_SECONDS: bad }, ctx)).rejects.toThrow(
        /^WORKER_DRAIN_SECONDS: expected a number of seconds between 1 and 900/,
      );
    }
  });
});
