/** Shared by the Slack tests: a Slack app over a test core, its Web API on a stand-in, linked accounts. */
import type { Core } from '../../bot/core/dispatch.ts';
import { createSlackApp, type SlackApp } from '../../bot/slack/create-app.ts';
import type { Db } from '../../db/client.ts';
import { getPersonByCode } from '../../db/identity.ts';
import { chatIdentities } from '../../db/schema.ts';
import { SLACK_SECRET, SLACK_TOKEN, type SlackBody, signedRequest } from './slack-requests.ts';
import type { SlackCall, SlackStandIn } from './slack-stand-in.ts';

/** Links a Slack user id to a staff member, as the staff import does from `slack_user_id`. */
export async function linkSlack(db: Db, staffCode: string, userId: string): Promise<void> {
  const person = await getPersonByCode(db, staffCode);
  if (!person) throw new Error(`no staff ${staffCode}`);
  await db.insert(chatIdentities).values({ platform: 'slack', externalId: userId, staffId: person.staffId, source: 'import' });
}

/** The real Bolt app, its Web API calls going to the stand-in; bot ids given, as after auth.test. */
export function createTestSlack(core: Core, standIn: SlackStandIn, extra: { botIds?: boolean } = {}): SlackApp {
  const ids = extra.botIds === false ? {} : { botId: 'BTHADS', botUserId: 'UTHADSBOT' };
  return createSlackApp(core, { token: SLACK_TOKEN, signingSecret: SLACK_SECRET, apiUrl: standIn.apiUrl, ...ids });
}

/**
 * Sends one signed request through the app and waits until everything it started is done; returns
 * the HTTP answer and the calls it made to Slack, in order.
 */
export async function send(slack: SlackApp, standIn: SlackStandIn, body: SlackBody, headers?: Record<string, string>) {
  const before = standIn.calls.length;
  const response = await slack.handle(signedRequest(body, { headers }));
  await slack.stop();
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as unknown) : undefined, calls: standIn.calls.slice(before) };
}

/** The plain text of a message a call carried: the blocks' texts, joined, else the fallback text. */
export function textOf(call: SlackCall): string {
  const blocks = (call.body.blocks ?? []) as { text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string | { text: string } }[] }[];
  const parts = blocks.flatMap((b) => [
    b.text?.text,
    ...(b.fields ?? []).map((f) => f.text),
    ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text)),
  ]);
  const joined = parts.filter((p): p is string => Boolean(p)).join('\n');
  return joined || String(call.body.text ?? '');
}

/** The command lines of a message's buttons (their `value`s). */
export function buttonsOf(call: SlackCall): string[] {
  const blocks = (call.body.blocks ?? []) as { type: string; elements?: { value?: string }[] }[];
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.value ?? ''));
}
