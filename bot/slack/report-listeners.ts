import type { App, webApi } from '@slack/bolt';
import { findPerson } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { todayIn } from '../../db/work-year.ts';
import { findCommand, splitCommand } from '../core/dispatch.ts';
import type { Outgoing } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import type { SlackAdapter } from './answer.ts';
import { deliverSlack } from './deliver.ts';
import { buildReportModal, REPORT_MODAL_ID, searchReportableCases, submitReportModal } from './report-modal.ts';

/** Where a request to open the modal came from. */
export interface ModalRequest {
  triggerId: string;
  userId: string;
  channelId?: string;
  claimId: string;
}

/**
 * Opens the progress-report modal for `capnhat` typed alone, or pressed as a button (alone or
 * with its case, which the modal then shows chosen); true when it did. Someone who may not
 * report is left to the core, which says why (not linked, not allowed).
 */
export async function openReportModalIfAsked(
  adapter: SlackAdapter,
  client: webApi.WebClient,
  line: string,
  from: ModalRequest,
  options: { pressed?: boolean } = {},
): Promise<boolean> {
  const { core } = adapter;
  const { word, args } = splitCommand(line);
  const command = findCommand(core.commands, word);
  if (command?.name !== 'capnhat' || args.length > (options.pressed ? 1 : 0)) return false;
  const { db, now, config } = core.deps;
  const person = await findPerson(db, 'slack', from.userId);
  if (!person || !command.allowed(person)) return false;
  if (!(await claimUpdate(db, 'slack', from.claimId, now()))) return true;
  const view = buildReportModal(person.locale ?? config.defaultLocale, {
    caseCode: args[0],
    channelId: from.channelId,
    today: todayIn(config.timeZone, now()),
  });
  await client.views.open({ trigger_id: from.triggerId, view });
  return true;
}

/**
 * The modal's listeners: its case picker's options, and its submission, validated before the
 * ack so that mistakes come back in the modal (`response_action: errors`); the confirmation is
 * posted after the ack, to the channel the modal was opened from or else by DM.
 */
export function registerReportModal(app: App, adapter: SlackAdapter): void {
  const { core } = adapter;
  const { db, config } = core.deps;

  app.options('case', async ({ ack, body }) => {
    const person = await findPerson(db, 'slack', body.user.id);
    const found = person ? await searchReportableCases(core, person, body.value ?? '') : [];
    await ack({ options: found.map((o: { text: string; value: string }) => ({ text: { type: 'plain_text' as const, text: o.text }, value: o.value })) });
  });

  app.view(REPORT_MODAL_ID, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const person = await findPerson(db, 'slack', userId);
    const dm = () => adapter.dms.open(client, userId);
    const locale = person?.locale ?? config.defaultLocale;
    const to = { userId, isPrivate: true, locale, openDm: dm, commands: core.commands };
    if (!person) {
      // Unlinked since the modal opened: the modal closes, and a DM says how to link.
      await ack();
      const outgoing: Outgoing[] = [{ to: 'chat', reply: { blocks: [{ kind: 'text', text: t(locale, 'core.link_first') }], tone: 'error' } }];
      await deliverSlack(client, outgoing, { ...to, channelId: await dm() });
      return;
    }
    const result = await submitReportModal(core, person, view, { platform: 'slack', externalId: userId });
    if ('errors' in result) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    await ack();
    const outgoing: Outgoing[] = [{ to: 'chat', reply: result.reply }];
    const channelId = result.channelId;
    if (channelId && !channelId.startsWith('D')) {
      try {
        await deliverSlack(client, outgoing, { ...to, channelId, isPrivate: false });
        return;
      } catch (error) {
        // The app is not in that channel (a private one): the person still gets the answer.
        adapter.log.info({ err: error, channel: channelId }, 'slack: report confirmation not posted in the channel, sent by DM');
      }
    }
    await deliverSlack(client, outgoing, { ...to, channelId: await dm() });
  });
}
