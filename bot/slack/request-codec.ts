/** Slack's requests in, our answers out: the parts of the receiver that know HTTP only. */
import type { ReceiverEvent } from '@slack/bolt';

export type Body = Record<string, unknown> & { type?: unknown; challenge?: unknown };

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Events come as JSON, commands as a form, interactivity as a form whose `payload` is JSON. */
export function parseBody(raw: string, isForm: boolean): Body | undefined {
  try {
    if (!isForm) return asObject(JSON.parse(raw));
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    return payload === null ? Object.fromEntries(form) : asObject(JSON.parse(payload));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Body | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
}

/** Slack's resend count and reason (`X-Slack-Retry-Num`, `-Reason`), for Bolt's context. */
export function retryOf(headers: Headers): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = Number(headers.get('x-slack-retry-num') ?? Number.NaN);
  const reason = headers.get('x-slack-retry-reason');
  return { ...(Number.isInteger(num) ? { retryNum: num } : {}), ...(reason ? { retryReason: reason } : {}) };
}

/** What a listener gave `ack`: nothing (empty 200), a text, or JSON (modal errors, options). */
export function toResponse(response: unknown): Response {
  if (response === undefined || response === null || response === '') return new Response(null, { status: 200 });
  if (typeof response === 'string') return new Response(response, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return json(response);
}
