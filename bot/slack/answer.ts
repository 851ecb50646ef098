import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { findPerson } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { type Core, dispatch } from '../core/dispatch.ts';
import { message } from '../core/reply.ts';
import { dialogueKey, readDialogue } from '../dialogue/state.ts';
import { t } from '../i18n/index.ts';
import { deliverSlack } from './deliver.ts';
import type { DmDirectory } from './dm-directory.ts';

/** What every listener shares: the core, the log, the DM channels already opened. */
export interface SlackAdapter {
  core: Core;
  log: Logger;
  dms: DmDirectory;
}

/** One command line from Slack, from a slash command, a pressed button or a DM. */
export interface SlackTurn {
  text: string;
  userId: string;
  /** The conversation it came from; none for a press in the App Home (answered by DM). */
  channelId?: string;
  /** A message event in the app's own DM: private without asking Slack. */
  inDm?: boolean;
  /** Claimed once (db/processed-updates.ts): a resent event or a repeated id does nothing. */
  claimId: string;
  pressed?: boolean;
  respond?: RespondFn;
  /**
   * Typed after `/thads`: with a question pending, the core decides whether the text answers it
   * (bot/dialogue/route.ts); otherwise it is taken as a command (mistyped, it gets a suggestion).
   */
  slash?: boolean;
}

/**
 * The Slack side of one command: claim its id, find the person, run the core, deliver. Commands
 * and permissions are the core's; this only says who is talking, where, and how to render.
 */
export async function answerSlack(adapter: SlackAdapter, client: webApi.WebClient, turn: SlackTurn): Promise<void> {
  const { core, log, dms } = adapter;
  const { db, now, config } = core.deps;
  if (!(await claimUpdate(db, 'slack', turn.claimId, now()))) {
    log.info({ claim: turn.claimId }, 'slack request already handled: repeat ignored');
    return;
  }
  const person = await findPerson(db, 'slack', turn.userId, core.deps.cache);
  const locale = person?.locale ?? config.defaultLocale;
  const openDm = () => dms.open(client, turn.userId);
  const channelId = turn.channelId ?? (await openDm());
  // A "D…" conversation may be a DM between two people: private only if it is the app's own.
  const isPrivate = turn.inDm === true || turn.channelId === undefined || (channelId.startsWith('D') && channelId === (await openDm()));
  const chat = { platform: 'slack' as const, id: channelId, isPrivate };
  const account = { platform: 'slack' as const, externalId: turn.userId };
  let text = turn.text;
  if (turn.slash && !text.startsWith('/')) {
    const pending = person && (await readDialogue(db, dialogueKey(chat, account, person), now()))?.line;
    if (!pending) text = `/${text}`;
  }
  let outgoing = await dispatch(core, { text, person, chat, account, updateId: turn.claimId, pressed: turn.pressed });
  if (outgoing.length === 0 && turn.slash) outgoing = [{ to: 'chat', reply: message(t(locale, 'core.unknown_command'), 'error') }];
  await deliverSlack(client, outgoing, { userId: turn.userId, channelId, isPrivate, locale, respond: turn.respond, openDm, commands: core.commands });
}
