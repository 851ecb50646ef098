/**
 * A loopback stand-in for Telegram's Bot API, Slack's Web API and Slack's response URLs, started
 * on the Node side (the worker under workerd reaches it over fetch): it answers what the bot
 * calls and records each request, and `GET /__recorded` gives the tests what arrived.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  path: string;
  body: string;
}

export interface ApiRecorder {
  url: string;
  close(): Promise<void>;
}

export async function startApiRecorder(): Promise<ApiRecorder> {
  const recorded: Recorded[] = [];
  let messageId = 100;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      const json = (value: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (path === '/__recorded') return json(recorded);
      recorded.push({ path, body });
      const method = path.split('/').pop();
      if (path.startsWith('/telegram/')) {
        if (method === 'getMe') return json({ ok: true, result: { id: 9000, is_bot: true, first_name: 'THADS', username: 'thads_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
        if (method === 'sendMessage') {
          const chatId = (JSON.parse(body || '{}') as { chat_id?: unknown }).chat_id;
          return json({ ok: true, result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'group' }, text: '' } });
        }
        return json({ ok: true, result: true });
      }
      if (path.startsWith('/slack/api/')) {
        if (method === 'auth.test') return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT' });
        return json({ ok: true, channel: 'C0', ts: `${Date.now() / 1000}` });
      }
      return json({ ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
