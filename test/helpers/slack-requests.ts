/** Requests as Slack sends them, signed with the signing secret (HMAC-SHA256 of `v0:<ts>:<body>`). */
import { createHmac } from 'node:crypto';

export const SLACK_TOKEN = 'xoxb-test-token';
export const SLACK_SECRET = 'slack-signing-secret-0123456789';

/** Slack's signature headers for `body`, at `ts` seconds (now by default). */
export function signSlack(body: string, options: { secret?: string; ts?: number } = {}): Record<string, string> {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', options.secret ?? SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${hmac}` };
}

export interface SlackBody {
  body: string;
  contentType: string;
}

/** A slash command's form, as Slack posts it for `/thads <text>`. */
export function slashCommand(fields: { user: string; text: string; channel?: string; trigger?: string; responseUrl: string }): SlackBody {
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'thads',
    channel_id: fields.channel ?? 'C0GROUP',
    channel_name: fields.channel?.startsWith('D') ? 'directmessage' : 'phong-thads',
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: '/thads',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.trigger ?? `trig.${Math.random().toString(36).slice(2)}`,
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An interactivity payload (block_actions, view_submission, block_suggestion) as Slack posts it. */
export function interaction(payload: Record<string, unknown>): SlackBody {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API callback wrapping `event`. */
/**
 * A view_submission of a form's modal, in the envelope Slack sends: `state` is the view's state
 * (block → element state), `privateMetadata` what the modal carried from where it was opened.
 */
export function viewSubmission(fields: { user: string; trigger: string; viewId: string; callbackId: string; privateMetadata: string; state: unknown }): SlackBody {
  return interaction({
    type: 'view_submission',
    team: { id: 'T1', domain: 'thads' },
    user: { id: fields.user, username: fields.user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: fields.trigger,
    view: {
      id: fields.viewId,
      type: 'modal',
      callback_id: fields.callbackId,
      team_id: 'T1',
      private_metadata: fields.privateMetadata,
      hash: 'h',
      state: fields.state,
    },
  });
}

export function eventCallback(event: Record<string, unknown>, eventId: string): SlackBody {
  const body = { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1_795_000_000, event };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** A button press on a message in `channel` (or, without one, in the App Home). */
export function buttonPress(fields: { user: string; value: string; channel?: string; responseUrl?: string; trigger?: string }): SlackBody {
  return interaction({
    type: 'block_actions',
    team: { id: 'T1', domain: 'thads' },
    user: { id: fields.user, username: fields.user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: fields.trigger ?? `trig.${Math.random().toString(36).slice(2)}`,
    container: fields.channel ? { type: 'message', channel_id: fields.channel, message_ts: '1795000000.000100' } : { type: 'view', view_id: 'VHOME' },
    ...(fields.channel ? { channel: { id: fields.channel, name: 'phong-thads' }, message: { type: 'message', ts: '1795000000.000100', text: '…' } } : { view: { id: 'VHOME', type: 'home' } }),
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    actions: [{ type: 'button', action_id: 'cmd:0-0', block_id: 'b1', value: fields.value, text: { type: 'plain_text', text: '…' }, action_ts: '1795000000.1' }],
  });
}

/** A signed web Request to `/slack/events`, as the route receives it. */
export function signedRequest(
  { body, contentType }: SlackBody,
  options: { url?: string; ts?: number; secret?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(options.url ?? 'http://localhost/slack/events', {
    method: 'POST',
    headers: { 'content-type': contentType, ...signSlack(body, options), ...options.headers },
    body,
  });
}
