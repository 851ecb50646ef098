/**
 * The other side of the Telegram bench, in its own process so that its CPU is not the server's:
 * a Bot API stand-in (answers what the bot calls, notes when a chat got its answer) and the
 * load generator (posts updates to the server's webhook and times them). Driven by
 * scripts/bench-telegram.ts over IPC.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadPlan {
  serverUrl: string;
  secret: string;
  users: number[];
  rounds: number;
  concurrent: number;
}

export interface LoadResult {
  alone: number[];
  webhook: number[];
  handled: number[];
}

const answered = new Map<number, () => void>();
let messageId = 1;

const standIn = createServer(async (req, res) => {
  const method = req.url?.split('/').pop() ?? '';
  const body = await readJson(req);
  let result: unknown = true;
  if (method === 'getMe') result = { id: 100200, is_bot: true, first_name: 'THADS', username: 'thads_bench_bot' };
  else if (method === 'getUpdates') result = [];
  else if (method === 'sendMessage') {
    result = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: 'group' }, text: body.text };
    answered.get(Number(body.chat_id))?.();
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
});

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  let updateId = 1;
  // Each update comes from its own group, so the stand-in can tell whose answer arrived.
  const send = async (i: number) => {
    const id = updateId++;
    const chatId = -1_000_000 - id;
    const update = {
      update_id: id,
      message: {
        message_id: id,
        date: 1_795_000_000,
        text: '/tomtat',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
        from: { id: plan.users[i % plan.users.length]!, is_bot: false, first_name: 'Cán bộ' },
        chat: { id: chatId, type: 'group', title: 'Phòng' },
      },
    };
    const started = performance.now();
    const done = new Promise<number>((resolve) => answered.set(chatId, () => resolve(performance.now() - started)));
    const res = await fetch(`${plan.serverUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': plan.secret },
      body: JSON.stringify(update),
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    const webhook = performance.now() - started;
    return { webhook, handled: await done };
  };
  for (let i = 0; i < 10; i++) await send(i); // warm-up: JIT, query plans, keep-alive connections
  const result: LoadResult = { alone: [], webhook: [], handled: [] };
  for (let i = 0; i < 30; i++) result.alone.push((await send(i)).handled);
  for (let round = 0; round < plan.rounds; round++) {
    const results = await Promise.all(Array.from({ length: plan.concurrent }, (_, i) => send(i)));
    for (const r of results) {
      result.webhook.push(r.webhook);
      result.handled.push(r.handled);
    }
  }
  return result;
}

standIn.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}` });
});
process.on('message', (message: { type: 'run'; plan: LoadPlan }) => {
  run(message.plan).then(
    (result) => process.send?.({ type: 'done', result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ type: 'failed', error: String(error) }, () => process.exit(1)),
  );
});
