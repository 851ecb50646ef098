/**
 * Sends outbox rows to Slack (chat.postMessage) with plain fetch, so that waits are decided
 * here rather than inside @slack/web-api's own retry loop.
 */
import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, renderSlack } from './render.ts';
import type { DeliveryPayload } from '../../jobs/outbox.ts';
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

const CODE = /(```[\s\S]*?```)/;

// The channel is gone for the bot: removed from it, archived, deleted, or the person left.
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'user_not_found', 'user_disabled', 'cannot_dm_bot']);
// The bot itself is refused (its token, or its workspace): every channel would fail alike.
const MISCONFIGURED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'team_access_not_granted', 'missing_scope', 'not_allowed_token_type']);
// Slack's own trouble, worth another try later.
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** A Slack sender: renders with renderSlack, mentions as <@U…>. */
export function createSlackSender(options: SlackSenderOptions): Sender<SlackMessage> {
  const url = `${options.apiUrl ?? 'https://slack.com/api/'}chat.postMessage`;
  const doFetch = options.fetch ?? fetch;
  return {
    platform: 'slack',
    limits: slackLimits,
    render: (payload) => [renderWithMentions(payload)],
    async send(channel, message): Promise<SendOutcome> {
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
