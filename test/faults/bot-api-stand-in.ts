/**
 * A Bot API stand-in for a whole server process: answers getMe and the start-up calls, records
 * every sendMessage (its chat, text and arrival time), and can answer slowly, so that a process
 * killed mid-delivery has sends on the wire.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiStandIn {
  apiRoot: string;
  messages: { chatId: string; text: string; at: number }[];
  /** Called as each message arrives (before its answer). */
  onMessage?: (count: number) => void;
  /** ms before each sendMessage is answered. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startBotApiStandIn(): Promise<BotApiStandIn> {
  let messageId = 1;
  const standIn: BotApiStandIn = { apiRoot: '', messages: [], delayMs: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.url?.split('/').pop() ?? '';
      const body = (chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}) as Record<string, unknown>;
      const answer = (result: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      if (method === 'getMe') return answer({ id: 7000001, is_bot: true, first_name: 'THADS', username: 'thads_faults_bot' });
      if (method !== 'sendMessage') return answer(true);
      standIn.messages.push({ chatId: String(body.chat_id), text: String(body.text), at: Date.now() });
      standIn.onMessage?.(standIn.messages.length);
      const result = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
      setTimeout(() => answer(result), standIn.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standIn;
}
