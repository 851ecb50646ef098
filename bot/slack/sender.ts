/**
 * Sends outbox rows to Slack (chat.postMessage) with plain fetch, so that waits are decided
 * here rather than inside @slack/web-api's own retry loop. A row's photo (the briefing's chart)
 * goes last, through Bolt's WebClient (files.uploadV2: files.getUploadURLExternal, the upload,
 * files.completeUploadExternal) with its retries off and 429s handed back to the drain.
 */
import { webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, renderSlack } from './render.ts';
import { type DeliveryPayload, photoBytes } from '../../jobs/outbox.ts';
import { slackLimits } from '../../jobs/pacing.ts';
import { linkFirst, longestFirst } from '../format/mentions.ts';
import { describeNetworkError, SEND_TIMEOUT_MS, type Sender, type SendOutcome } from '../../jobs/senders/types.ts';

export interface SlackSenderOptions {
  token: string;
  /** SLACK_API_URL, ending in /api/; Slack's own by default. */
  apiUrl?: string;
  fetch?: typeof fetch;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  /** The message this one answers: the answer to a question goes into the question's thread. */
  thread_ts?: string;
}

/** A picture uploaded into the channel, with its caption as the file's message. */
export interface SlackFile {
  file: Buffer;
  filename: string;
  title: string;
}

export type SlackPart = SlackMessage | SlackFile;

const CODE = /(```[\s\S]*?```)/;

// The channel is gone for the bot: removed from it, archived, deleted, or the person left.
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'user_not_found', 'user_disabled', 'cannot_dm_bot']);
// The bot itself is refused (its token, or its workspace): every channel would fail alike.
const MISCONFIGURED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'team_access_not_granted', 'missing_scope', 'not_allowed_token_type']);
// Slack's own trouble, worth another try later.
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** A Slack sender: renders with renderSlack, mentions as <@U…>. */
export function createSlackSender(options: SlackSenderOptions): Sender<SlackPart> {
  const url = `${options.apiUrl ?? 'https://slack.com/api/'}chat.postMessage`;
  const doFetch = options.fetch ?? fetch;
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl ?? 'https://slack.com/api/',
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SEND_TIMEOUT_MS,
    logLevel: webApi.LogLevel.ERROR,
  });
  return {
    platform: 'slack',
    limits: slackLimits,
    render: (payload) => [
      renderWithMentions(payload),
      ...(payload.photo ? [{ file: photoBytes(payload.photo), filename: payload.photo.filename, title: payload.photo.caption }] : []),
    ],
    async send(channel, message): Promise<SendOutcome> {
      if ('file' in message) return uploadFile(client, channel, message);
      let response: Response;
      let answer: { ok?: boolean; ts?: string; error?: string };
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${options.token}` },
          body: JSON.stringify({ channel, unfurl_links: false, unfurl_media: false, ...message }),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        answer = (await response.json().catch(() => ({}))) as typeof answer;
      } catch (error) {
        return { kind: 'retry', reason: describeNetworkError(error) };
      }
      return classifySlack(response.status, response.headers.get('retry-after'), answer);
    },
  };
}

/**
 * Uploads a file into a channel. Only the last call (files.completeUploadExternal) shares it:
 * a failure before leaves an unshared upload, and the retry uploads afresh.
 */
async function uploadFile(client: webApi.WebClient, channel: string, file: SlackFile): Promise<SendOutcome> {
  try {
    const answer = await client.filesUploadV2({ channel_id: channel, file: file.file, filename: file.filename, title: file.title, initial_comment: file.title });
    const completed = answer.files as { files?: { id?: string }[] }[] | undefined;
    const id = completed?.[0]?.files?.[0]?.id;
    return id ? { kind: 'ok', externalId: id } : { kind: 'retry', reason: 'files.completeUploadExternal answered no file' };
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; original?: unknown };
    if (e.code === webApi.ErrorCode.RateLimitedError) return classifySlack(429, String(e.retryAfter ?? 1), { ok: false, error: 'ratelimited' });
    // A workspace that installed the app before it asked for files:write refuses the upload
    // alone: the row's text went, so the row fails with the reason instead of halting every send.
    if (e.code === webApi.ErrorCode.PlatformError && e.data?.error === 'missing_scope') return { kind: 'failed', reason: 'files.uploadV2: missing_scope (the app needs files:write)' };
    if (e.code === webApi.ErrorCode.PlatformError) return classifySlack(200, null, { ok: false, error: e.data?.error });
    if (e.code === webApi.ErrorCode.HTTPError) return classifySlack(e.statusCode ?? 500, null, {});
    return { kind: 'retry', reason: describeNetworkError(e.original ?? error) };
  }
}

/** What a Web API answer means for the row. */
export function classifySlack(status: number, retryAfter: string | null, answer: { ok?: boolean; ts?: string; error?: string }): SendOutcome {
  if (status === 200 && answer.ok && answer.ts) return { kind: 'ok', externalId: answer.ts };
  const reason = answer.error ? `${status} ${answer.error}` : `HTTP ${status}`;
  if (status === 429 || answer.error === 'ratelimited') {
    const seconds = Number(retryAfter);
    return { kind: 'rate-limited', retryAfterMs: (Number.isFinite(seconds) && seconds >= 0 ? seconds : 1) * 1000, reason };
  }
  if (status >= 500 || TRANSIENT.has(answer.error ?? '')) return { kind: 'retry', reason };
  if (status === 401 || status === 404 || MISCONFIGURED.has(answer.error ?? '')) return { kind: 'misconfigured', reason };
  if (UNREACHABLE.has(answer.error ?? '')) return { kind: 'unreachable', reason };
  return { kind: 'failed', reason };
}

/** The reply as one Slack message, each mentioned name turned into <@U…> once. */
export function renderWithMentions(payload: DeliveryPayload): SlackMessage {
  const { text, blocks } = renderSlack(payload.reply, payload.locale);
  const pending = new Map(longestFirst(payload.mentions).map((m) => [escapeMrkdwn(m.name), `<@${m.externalId}>`]));
  const visit = (node: unknown): void => {
    if (pending.size === 0 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const object = node as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') {
      let text = object.text;
      for (const [name, markup] of pending) {
        const linked = linkFirst(text, name, markup, CODE);
        if (linked === undefined) continue;
        text = linked;
        pending.delete(name);
      }
      object.text = text;
      return;
    }
    Object.values(object).forEach(visit);
  };
  visit(blocks);
  return { text, blocks, ...(payload.replyTo ? { thread_ts: payload.replyTo } : {}) };
}
