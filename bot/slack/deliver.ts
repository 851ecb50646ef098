import type { RespondFn, webApi } from '@slack/bolt';
import type { Outgoing, Reply } from '../core/reply.ts';
import { type Locale, t } from '../i18n/index.ts';
import { renderSlack, renderSlackBlocks, SLACK_LIMITS } from './render.ts';

type Rendered = ReturnType<typeof renderSlack>;

/** Where the answers to one command go. */
export interface SlackDestination {
  userId: string;
  /** The conversation the command came from; for a press in the App Home, the person's DM. */
  channelId: string;
  /** True in the person's own DM with the app: everything may be said there. */
  isPrivate: boolean;
  locale: Locale;
  /** Slack's response_url for this command or press: it reaches channels the app is not in. */
  respond?: RespondFn;
  /** The person's DM with the app (conversations.open, cached). */
  openDm(): Promise<string>;
}

/**
 * Sends the core's answers in order. In the app's DM all of them go there. Elsewhere an answer
 * that may be shared goes to the channel for all to see; errors and personal answers (a link, a
 * language) are ephemeral (only the person sees them), and private answers (a case's details)
 * go by DM, the note pointing there ephemeral too. A DM that cannot be sent falls back to an ephemeral message, never to the channel.
 */
export async function deliverSlack(client: webApi.WebClient, outgoing: Outgoing[], to: SlackDestination): Promise<void> {
  const hasPrivate = outgoing.some((o) => o.to === 'private');
  for (const { to: where, reply } of outgoing) {
    const message = renderSlack(reply, to.locale);
    if (to.isPrivate) {
      await post(client, to, message, 'in_channel');
    } else if (where === 'private') {
      await sendDm(client, to, reply, message);
    } else {
      await post(client, to, message, reply.tone === 'error' || reply.personal || hasPrivate ? 'ephemeral' : 'in_channel');
    }
  }
}

async function post(client: webApi.WebClient, to: SlackDestination, message: Rendered, type: 'in_channel' | 'ephemeral'): Promise<void> {
  if (to.respond) {
    const res = await to.respond({ response_type: type, replace_original: false, ...message });
    // Read to the end, so the connection goes back to the pool at once rather than at GC.
    await res.arrayBuffer().catch(() => undefined);
  } else if (type === 'ephemeral') {
    await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, ...message });
  } else {
    await client.chat.postMessage({ channel: to.channelId, ...message, unfurl_links: false });
  }
}

async function sendDm(client: webApi.WebClient, to: SlackDestination, reply: Reply, message: Rendered): Promise<void> {
  try {
    await client.chat.postMessage({ channel: await to.openDm(), ...message, unfurl_links: false });
  } catch (error) {
    if (!isSlackRefusal(error)) throw error;
    // The person alone sees an ephemeral message: the details stay private all the same, drawn
    // anew one block short, for the note saying why they are not in a DM.
    const note = { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: t(to.locale, 'slack.dm_failed') }] };
    const blocks = renderSlackBlocks(reply, to.locale, SLACK_LIMITS.messageBlocks - 1);
    await post(client, to, { text: message.text, blocks: [note, ...blocks] }, 'ephemeral');
  }
}

/** Slack said no (ok: false, e.g. a DM the workspace forbids); network failures are not this. */
function isSlackRefusal(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'slack_webapi_platform_error';
}
