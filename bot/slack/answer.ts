import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../server/logger.ts';
import type { Core } from '../core/dispatch.ts';
import type { Outgoing } from '../core/reply.ts';
import { type Input, takeTurn } from '../core/turn.ts';
import { t } from '../i18n/index.ts';
import { deliverSlack } from './deliver.ts';
import type { DmDirectory } from './dm-directory.ts';
import { renderFormModal } from './form-modal.ts';

/** What every listener shares: the core, the log, the DM channels already opened. */
export interface SlackAdapter {
  core: Core;
  log: Logger;
  dms: DmDirectory;
}

/** Where one input came from on Slack: a slash command, a pressed button or a DM. */
export interface SlackSource {
  userId: string;
  /** The conversation it came from; none for a press in the App Home (answered by DM). */
  channelId?: string;
  /** A message event in the app's own DM: private without asking Slack. */
  inDm?: boolean;
  /** Claimed once (db/processed-updates.ts): a resent event or a repeated id does nothing. */
  claimId: string;
  respond?: RespondFn;
  /** The trigger of a command or a press: with it a form opens as a modal (within 3 s of the request). */
  triggerId?: string;
}

/**
 * One turn on Slack (bot/core/turn.ts): say who is talking and where, then draw what the core
 * answers — replies as messages (bot/slack/deliver.ts), a form as a modal. Commands and
 * permissions are the core's.
 */
export async function answerSlack(adapter: SlackAdapter, client: webApi.WebClient, from: SlackSource, input: Input): Promise<void> {
  const { core, log, dms } = adapter;
  const openDm = () => dms.open(client, from.userId);
  const channelId = from.channelId ?? (await openDm());
  // A "D…" conversation may be a DM between two people: private only if it is the app's own.
  const isPrivate = from.inDm === true || from.channelId === undefined || (channelId.startsWith('D') && channelId === (await openDm()));
  const turn = await takeTurn(
    core,
    { platform: 'slack', account: from.userId, chat: { id: channelId, isPrivate }, inboundId: from.claimId, forms: from.triggerId !== undefined },
    input,
  );
  if (turn.kind === 'repeat') {
    log.info({ claim: from.claimId }, 'slack request already handled: repeat ignored');
    return;
  }
  if (turn.kind !== 'replies') return;
  const to = { userId: from.userId, channelId, isPrivate, locale: turn.locale, respond: from.respond, openDm };
  const messages: Outgoing[] = [];
  for (const outgoing of turn.outgoing) {
    const form = outgoing.reply.form;
    if (!form || !from.triggerId) {
      messages.push(outgoing);
      continue;
    }
    try {
      await client.views.open({ trigger_id: from.triggerId, view: renderFormModal(form) });
    } catch (error) {
      if ((error as { data?: { error?: string } }).data?.error !== 'expired_trigger_id') throw error;
      log.warn({ claim: from.claimId }, 'slack: the form could not open, its trigger_id expired');
      messages.push({ to: 'chat', reply: { blocks: [{ kind: 'text', text: t(turn.locale, 'slack.modal_expired') }], tone: 'error' } });
    }
  }
  await deliverSlack(client, messages, to);
}
