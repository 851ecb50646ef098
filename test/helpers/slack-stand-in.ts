/** A stand-in for Slack's Web API and response_url endpoints on loopback, recording each call. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  /** The Web API method (`chat.postMessage`…), or `response_url` for a post to a response URL. */
  method: string;
  body: Record<string, unknown>;
  /** For response_url posts: which one (the id in `responseUrl(id)`). */
  target?: string;
  /** The bearer token the call carried (Web API calls). */
  token?: string;
}

/**
 * What the stand-in answers instead of its default, e.g. `{ ok: false, error: 'not_in_channel' }`;
 * `httpStatus` sets the HTTP status (200 otherwise) and is not sent.
 */
export type SlackAnswer = Record<string, unknown> & { httpStatus?: number };

export interface SlackStandIn {
  /** SLACK_API_URL for the app: `http://127.0.0.1:<port>/api/`. */
  apiUrl: string;
  /** A response_url whose posts are recorded under `id`. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  /** Answers a call otherwise than by default (undefined: the default); a promise holds the answer back. */
  answer: (call: SlackCall) => SlackAnswer | undefined | Promise<SlackAnswer | undefined>;
  close(): Promise<void>;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: SlackCall[] = [];
  let viewId = 1;
  let ts = 1;
  const standIn: SlackStandIn = { apiUrl: '', responseUrl: () => '', calls, answer: () => undefined, close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const [, kind, name = ''] = (req.url ?? '').split('/');
    const call: SlackCall =
      kind === 'response'
        ? { method: 'response_url', target: decodeURIComponent(name), body: JSON.parse(raw) as Record<string, unknown> }
        : { method: name, body: parseApiBody(raw, req.headers['content-type'] ?? ''), token: tokenOf(req) };
    calls.push(call);
    const answer = (await standIn.answer(call)) ?? defaultAnswer(call, () => `V${viewId++}`, () => `1795000000.${String(ts++).padStart(6, '0')}`);
    const { httpStatus = 200, ...sent } = answer;
    res.writeHead(httpStatus, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.apiUrl = `${base}/api/`;
  standIn.responseUrl = (id) => `${base}/response/${encodeURIComponent(id)}`;
  standIn.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return standIn;
}

function defaultAnswer(call: SlackCall, nextView: () => string, nextTs: () => string): SlackAnswer {
  const b = call.body;
  switch (call.method) {
    case 'auth.test':
      return { ok: true, user_id: 'UTHADSBOT', bot_id: 'BTHADS', team_id: 'T1', user: 'thads' };
    case 'chat.postMessage':
      return { ok: true, channel: b.channel, ts: nextTs(), message: { text: b.text } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs() };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${String(b.users)}` } };
    case 'views.open':
    case 'views.publish':
    case 'views.update':
      return { ok: true, view: { ...(b.view as object), id: nextView() } };
    default:
      return { ok: true };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends a form whose structured fields (blocks, view) are JSON text. */
function parseApiBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  return body;
}

function tokenOf(req: IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}
