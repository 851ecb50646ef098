/**
 * A stand-in for Telegram's Bot API (sendMessage, sendPhoto) and Slack's Web API
 * (chat.postMessage, and files.uploadV2's three steps: files.getUploadURLExternal, the upload to
 * the URL it gives, files.completeUploadExternal, which shares the file) on loopback: it records what arrived, answers scripted errors (429 with retry_after, 403, 5xx,
 * a dropped connection) and, when asked, enforces Telegram's limits by arrival time, answering
 * 429 to whatever would exceed them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
/** A scripted answer; `drop` closes the connection without answering (a network failure). */
export type Scripted = StandInAnswer | 'drop';

export interface Arrival {
  platform: 'telegram' | 'slack';
  chatId: string;
  text: string;
  blocks?: unknown[];
  messageId: string;
  /** Arrival time, ms since the epoch. */
  at: number;
  /** A picture's bytes (sendPhoto, or a file shared by files.completeUploadExternal); its caption is `text`. */
  photo?: Buffer;
}

export interface ChatApiStandIn {
  /** TELEGRAM_API_ROOT for this stand-in. */
  telegramApiRoot: string;
  /** SLACK_API_URL for this stand-in (ends in /api/). */
  slackApiUrl: string;
  /** Messages accepted, in arrival order. */
  arrivals: Arrival[];
  /** Every request, with the status answered. */
  /** Every request, with the status answered and when (ms since the epoch). */
  requests: { platform: 'telegram' | 'slack'; chatId: string; status: number; at: number }[];
  /** 429s answered because a message would have exceeded Telegram's limits. */
  limitViolations: number;
  /** The next requests to this chat get these answers, in order. */
  script(chatId: string, ...answers: Scripted[]): void;
  /** Every request to this chat gets this answer (a chat that removed the bot). */
  refuse(chatId: string, answer: StandInAnswer): void;
  /** Arrivals to one chat, texts only. */
  textsTo(chatId: string): string[];
  close(): Promise<void>;
}

export const telegramAnswers = {
  tooMany: (retryAfter: number): StandInAnswer => ({
    status: 429,
    body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
  }),
  kicked: (): StandInAnswer => ({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' } }),
  badGateway: (): StandInAnswer => ({ status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } }),
  badRequest: (description: string): StandInAnswer => ({ status: 400, body: { ok: false, error_code: 400, description } }),
};

export const slackAnswers = {
  tooMany: (retryAfter: number): StandInAnswer => ({ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } }),
  error: (error: string): StandInAnswer => ({ status: 200, body: { ok: false, error } }),
  serverError: (): StandInAnswer => ({ status: 503, body: { ok: false, error: 'service_unavailable' } }),
};

/**
 * A multipart body's parts by name: a file part as its bytes, others as text. Lenient about
 * header spacing and quoting, as grammY writes them (`content-disposition:form-data;name="x"`).
 */
function readMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start >= 0) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2); // past CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      const content = part.subarray(split + 4);
      if (name) fields[name] = /filename=/i.test(headers) ? Buffer.from(content) : content.toString('utf8');
    }
    start = next;
  }
  return fields;
}

interface Window {
  times: number[];
}

/** Starts the stand-in on 127.0.0.1 (a free port). */
export async function startChatApiStandIn(options: { enforceTelegramLimits?: boolean } = {}): Promise<ChatApiStandIn> {
  let url = '';
  const scripts = new Map<string, Scripted[]>();
  const refusals = new Map<string, StandInAnswer>();
  const windows = new Map<string, Window>();
  let nextId = 1;

  const standIn = {
    arrivals: [] as Arrival[],
    requests: [] as ChatApiStandIn['requests'],
    limitViolations: 0,
  };

  /** Telegram's limits by arrival: the wait in ms before this message would be allowed (0: now). */
  const telegramWait = (chatId: string, now: number): number => {
    const limits: [string, number, number][] = [['all', 30, 1000], [`chat:${chatId}`, 1, 1000]];
    if (chatId.startsWith('-')) limits.push([`group:${chatId}`, 20, 60_000]);
    let wait = 0;
    for (const [key, max, windowMs] of limits) {
      const times = windows.get(key)?.times.filter((t) => t > now - windowMs) ?? [];
      if (times.length >= max) wait = Math.max(wait, times[times.length - max]! + windowMs - now);
    }
    if (wait === 0) {
      for (const [key, max] of limits) {
        const window = windows.get(key) ?? { times: [] };
        window.times.push(now);
        if (window.times.length > max) window.times.splice(0, window.times.length - max);
        windows.set(key, window);
      }
    }
    return wait;
  };

  const answer = (res: ServerResponse, a: StandInAnswer) => {
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify(a.body));
  };

  // Files uploaded to the URL files.getUploadURLExternal gave, by file id, until completed.
  const uploads = new Map<string, Buffer | undefined>();

  /**
   * A JSON, form-urlencoded or multipart body as fields; a multipart file as its bytes, and a
   * Bot API field `attach://name` as the file sent under that name.
   */
  const readBody = (req: IncomingMessage, raw: Buffer): Record<string, unknown> => {
    const type = req.headers['content-type'] ?? '';
    if (/x-www-form-urlencoded/.test(type)) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const boundary = /multipart\/form-data;\s*boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const fields = readMultipart(raw, boundary);
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value.startsWith('attach://')) fields[name] = fields[value.slice('attach://'.length)];
    }
    return fields;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = req.url ?? '';
    const upload = /^\/upload\/(F\w+)$/.exec(path);
    if (upload) {
      const form = /multipart\/form-data/.test(req.headers['content-type'] ?? '') ? Object.values(readBody(req, raw)).find(Buffer.isBuffer) : undefined;
      uploads.set(upload[1]!, (form as Buffer | undefined) ?? raw);
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`OK - ${raw.length}`);
    }
    const body = readBody(req, raw);
    if (path === '/api/files.getUploadURLExternal') {
      const fileId = `F${String(nextId++).padStart(6, '0')}`;
      uploads.set(fileId, undefined);
      return answer(res, { status: 200, body: { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId } });
    }
    const telegram = /^\/bot[^/]+\/(sendMessage|sendPhoto)$/.test(path);
    const slack = path === '/api/chat.postMessage' || path === '/api/files.completeUploadExternal';
    if (!telegram && !slack) return answer(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const files = path === '/api/files.completeUploadExternal' ? (JSON.parse(String(body.files ?? '[]')) as { id: string; title?: string }[]) : undefined;
    const photo = telegram ? (Buffer.isBuffer(body.photo) ? body.photo : undefined) : files ? uploads.get(files[0]?.id ?? '') : undefined;
    if (files && !photo) return answer(res, { status: 200, body: { ok: false, error: 'file_uploads_not_found' } });
    const platform = telegram ? 'telegram' : 'slack';
    const chatId = String(telegram ? body.chat_id : (body.channel ?? body.channel_id));
    const scripted = scripts.get(chatId)?.shift() ?? refusals.get(chatId);
    if (scripted === 'drop') {
      standIn.requests.push({ platform, chatId, status: 0, at: Date.now() });
      return req.socket.destroy();
    }
    if (scripted) {
      standIn.requests.push({ platform, chatId, status: scripted.status, at: Date.now() });
      return answer(res, scripted);
    }
    if (telegram && options.enforceTelegramLimits) {
      const wait = telegramWait(chatId, at);
      if (wait > 0) {
        standIn.limitViolations++;
        standIn.requests.push({ platform, chatId, status: 429, at: Date.now() });
        return answer(res, telegramAnswers.tooMany(Math.ceil(wait / 1000)));
      }
    }
    const messageId = telegram ? String(nextId++) : `${Math.floor(at / 1000)}.${String(nextId++).padStart(6, '0')}`;
    const text = String(body.text ?? body.caption ?? body.initial_comment ?? '');
    standIn.arrivals.push({ platform, chatId, text, blocks: body.blocks as unknown[] | undefined, messageId, at, ...(photo ? { photo } : {}) });
    standIn.requests.push({ platform, chatId, status: 200, at: Date.now() });
    if (files) {
      for (const f of files) uploads.delete(f.id);
      return answer(res, { status: 200, body: { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) } });
    }
    const result = { message_id: Number(messageId), chat: { id: Number(chatId) }, date: Math.floor(at / 1000), ...(photo ? { photo: [{ file_id: `p${messageId}`, file_unique_id: `p${messageId}`, width: 1280, height: 720 }] } : {}) };
    return answer(res, { status: 200, body: telegram ? { ok: true, result } : { ok: true, channel: chatId, ts: messageId } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { status: 500, body: { ok: false, description: 'stand-in failure' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(standIn, {
    telegramApiRoot: url,
    slackApiUrl: `${url}/api/`,
    script(chatId: string, ...answers: Scripted[]) {
      scripts.set(chatId, [...(scripts.get(chatId) ?? []), ...answers]);
    },
    refuse(chatId: string, a: StandInAnswer) {
      refusals.set(chatId, a);
    },
    textsTo(chatId: string) {
      return standIn.arrivals.filter((a) => a.chatId === chatId).map((a) => a.text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
