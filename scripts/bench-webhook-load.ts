/**
 * The load generator of the webhook bench, in its own process: autocannon (its API, so that
 * every request can carry its own update id — the app claims each id once, and a repeated one
 * would be answered without being handled) posting `/tomtat` or `/trogiup` from linked staff,
 * each in their private chat. Forked by scripts/bench-webhook.ts; one plan per message.
 */
import autocannon from 'autocannon';

export interface WebhookPlan {
  url: string;
  secret: string;
  users: number[];
  command: 'tomtat' | 'trogiup';
  connections: number;
  seconds: number;
  /** The first update id of this run: distinct runs never reuse an id. */
  firstUpdateId: number;
}

export interface WebhookResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(plan: WebhookPlan): Promise<WebhookResult> {
  let next = plan.firstUpdateId;
  const text = `/${plan.command}`;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${plan.url}/telegram/webhook`,
        method: 'POST',
        connections: plan.connections,
        duration: plan.seconds,
        timeout: 20,
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': plan.secret },
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => {
              const id = next++;
              const user = plan.users[id % plan.users.length]!;
              const update = {
                update_id: id,
                message: {
                  message_id: id,
                  date: 1_795_000_000,
                  text,
                  entities: [{ type: 'bot_command', offset: 0, length: text.length }],
                  from: { id: user, is_bot: false, first_name: 'Cán bộ' },
                  chat: { id: user, type: 'private', first_name: 'Cán bộ' },
                },
              };
              return { ...req, body: JSON.stringify(update) };
            },
          },
        ],
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        resolve({
          reqPerSec: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
  });
}

process.on('message', (message: { type: 'run'; plan: WebhookPlan }) => {
  run(message.plan).then(
    (result) => process.send?.({ type: 'done', result }),
    (error: unknown) => process.send?.({ type: 'failed', error: String(error) }),
  );
});
process.send?.({ type: 'ready', url: '' });
