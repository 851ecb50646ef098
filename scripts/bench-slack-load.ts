/**
 * The other side of the Slack bench, in its own process so that its CPU is not the server's:
 * a stand-in for Slack's Web API and response URLs (notes when each command's answer arrived)
 * and the load generator (posts signed `/thads tomtat` commands and times the ack). Driven by
 * scripts/bench-slack.ts over IPC.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SlackLoadPlan {
  serverUrl: string;
  signingSecret: string;
  users: string[];
  rounds: number;
  concurrent: number;
}

export interface SlackLoadResult {
  /** One command at a time: until its answer reached the response URL. */
  alone: number[];
  /** Under load: the HTTP answer (Slack's 3-second ack). */
  ack: number[];
  /** Under load: until the answer reached the response URL. */
  answered: number[];
  /** The same rounds of unsigned requests, refused at once (401): what the machine allows at best. */
  floor: number[];
}

const answered = new Map<string, () => void>();
let base = '';

const standIn = createServer(async (req, res) => {
  await drain(req);
  const [, kind, name = ''] = (req.url ?? '').split('/');
  if (kind === 'response') answered.get(decodeURIComponent(name))?.();
  const result = name === 'auth.test' ? { ok: true, user_id: 'UBENCHBOT', bot_id: 'BBENCH' } : { ok: true };
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
});

async function drain(req: IncomingMessage): Promise<void> {
  for await (const chunk of req) void chunk;
}

async function run(plan: SlackLoadPlan): Promise<SlackLoadResult> {
  let next = 1;
  const send = async (i: number) => {
    const id = `bench-${next++}`;
    const body = new URLSearchParams({
      team_id: 'T1',
      channel_id: `C${id}`,
      channel_name: 'phong',
      user_id: plan.users[i % plan.users.length]!,
      command: '/thads',
      text: 'tomtat',
      response_url: `${base}/response/${id}`,
      trigger_id: id,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', plan.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const started = performance.now();
    const done = new Promise<number>((resolve) => answered.set(id, () => resolve(performance.now() - started)));
    const res = await fetch(`${plan.serverUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/slack/events answered ${res.status}`);
    const ack = performance.now() - started;
    return { ack, answered: await done };
  };
  const refused = async () => {
    const started = performance.now();
    const res = await fetch(`${plan.serverUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await res.arrayBuffer();
    if (res.status !== 401) throw new Error(`an unsigned request got ${res.status}`);
    return performance.now() - started;
  };
  // Warm-up: JIT, query plans, and as many keep-alive connections as requests at once.
  for (let i = 0; i < 10; i++) await send(i);
  await Promise.all(Array.from({ length: plan.concurrent }, (_, i) => send(i)));
  const result: SlackLoadResult = { alone: [], ack: [], answered: [], floor: [] };
  for (let round = 0; round < plan.rounds; round++) {
    result.floor.push(...(await Promise.all(Array.from({ length: plan.concurrent }, refused))));
  }
  for (let i = 0; i < 30; i++) result.alone.push((await send(i)).answered);
  for (let round = 0; round < plan.rounds; round++) {
    const results = await Promise.all(Array.from({ length: plan.concurrent }, (_, i) => send(i)));
    for (const r of results) {
      result.ack.push(r.ack);
      result.answered.push(r.answered);
    }
  }
  return result;
}

standIn.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
  process.send?.({ type: 'ready', url: base });
});
process.on('message', (message: { type: 'run'; plan: SlackLoadPlan }) => {
  run(message.plan).then(
    (result) => process.send?.({ type: 'done', result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ type: 'failed', error: String(error) }, () => process.exit(1)),
  );
});
