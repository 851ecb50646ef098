import { commands } from '../../../bot/commands/index.ts';
import type { Reply } from '../../../bot/core/reply.ts';
import { takeTurn } from '../../../bot/core/turn.ts';
import type { Person } from '../../../db/identity.ts';
import type { Deps } from '../../deps.ts';

/** What the page sent: text typed in the box, or a button's action. */
export type ChatInput = { kind: 'text'; text: string } | { kind: 'press'; action: string };

/** An inbound id as the page draws it into each form (a UUID): anything else is not one of ours. */
export const INBOUND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One turn of the web chat: the `web` platform through the same turn as every chat
 * (bot/core/turn.ts). The person is the session's staff member, passed as known: the session
 * proves who it is, so no chat account is looked up or needed. The chat is the person's own
 * (private, keyed by staff id), so a pending dialogue (an amount, a confirm button) follows them
 * from one page load to the next. `formId` is the id drawn into the form sent: claimed by the
 * turn, so the same form sent again (a reload, the back button, a double click) does nothing.
 * Null when it was such a repeat.
 */
export async function takeWebTurn(deps: Deps, person: Person, formId: string, input: ChatInput): Promise<Reply[] | null> {
  const account = String(person.staffId);
  const turn = await takeTurn(
    { deps, commands },
    { platform: 'web', account, person, chat: { id: `web:${account}`, isPrivate: true }, inboundId: `${account}:${formId}` },
    input,
  );
  return turn.kind === 'replies' ? turn.outgoing.map((o) => o.reply) : null;
}
