import type { App, RespondFn, webApi } from '@slack/bolt';
import { findPerson } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { todayIn } from '../../db/work-year.ts';
import { hasControlCharacters } from '../core/control-characters.ts';
import { findCommand, splitCommand } from '../core/dispatch.ts';
import { message, type Outgoing, type Reply } from '../core/reply.ts';
import { type Locale, t } from '../i18n/index.ts';
import type { SlackAdapter } from './answer.ts';
import { deliverSlack } from './deliver.ts';
import { ackStateOf } from './receiver.ts';
import { buildReportModal, REPORT_MODAL_ID, searchReportableCases, submitReportModal } from './report-modal.ts';

/** Where a request to open the modal came from. */
export interface ModalRequest {
  triggerId: string;
  userId: string;
  channelId?: string;
  claimId: string;
  /** The command's or the press's response_url: where an ephemeral "try again" goes. */
  respond?: RespondFn;
}

/**
 * Opens the progress-report modal for `capnhat` typed alone, or pressed as a button (alone or
 * with its case, which the modal then shows chosen); true when it did. Someone who may not
 * report is left to the core, which says why (not linked, not allowed). Call it right after the
 * ack, not after waiting for a work turn: Slack's trigger_id expires 3 s after the request; if
 * it expired all the same, the person is told (to them alone) to try again.
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
  // Its case would show in the modal as typed: the core refuses the line instead (bot/core/dispatch.ts).
  if (hasControlCharacters(line)) return false;
  const { db, now, config } = core.deps;
  const person = await findPerson(db, 'slack', from.userId, core.deps.cache);
  if (!person || !command.allowed(person)) return false;
  if (!(await claimUpdate(db, 'slack', from.claimId, now()))) return true;
  const view = buildReportModal(person.locale ?? config.defaultLocale, {
    caseCode: args[0],
    channelId: from.channelId,
    today: todayIn(config.timeZone, now()),
  });
  try {
    await client.views.open({ trigger_id: from.triggerId, view });
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error !== 'expired_trigger_id') throw error;
    adapter.log.warn({ claim: from.claimId }, 'slack: the report modal could not open, its trigger_id expired');
    const locale = person.locale ?? config.defaultLocale;
    const outgoing: Outgoing[] = [{ to: 'chat', reply: { blocks: [{ kind: 'text', text: t(locale, 'slack.modal_expired') }], tone: 'error' } }];
    const openDm = () => adapter.dms.open(client, from.userId);
    const channelId = from.channelId ?? (await openDm());
    const to = { userId: from.userId, channelId, isPrivate: from.channelId === undefined, locale, respond: from.respond, openDm, commands: core.commands };
    await deliverSlack(client, outgoing, to);
  }
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
    const person = await findPerson(db, 'slack', body.user.id, core.deps.cache);
    const found = person ? await searchReportableCases(core, person, body.value ?? '') : [];
    await ack({ options: found.map((o: { text: string; value: string }) => ({ text: { type: 'plain_text' as const, text: o.text }, value: o.value })) });
  });

  app.view(REPORT_MODAL_ID, async ({ ack, body, view, client, context }) => {
    const userId = body.user.id;
    const dm = () => adapter.dms.open(client, userId);
    let locale = config.defaultLocale;
    const toDm = async (outgoing: Outgoing[]) =>
      deliverSlack(client, outgoing, { userId, isPrivate: true, locale, openDm: dm, commands: core.commands, channelId: await dm() });
    let result: Awaited<ReturnType<typeof submitReportModal>>;
    try {
      const person = await findPerson(db, 'slack', userId, core.deps.cache);
      locale = person?.locale ?? locale;
      if (!person) {
        // Unlinked since the modal opened: the modal closes, and a DM says how to link.
        await ack();
        await toDm([{ to: 'chat', reply: message(t(locale, 'core.link_first'), 'error') }]);
        return;
      }
      result = await submitReportModal(core, person, view, { platform: 'slack', externalId: userId });
    } catch (error) {
      // The modal stays open with an apology rather than closing as if all went well.
      adapter.log.error({ err: error, view_id: view.id }, 'slack: report submission failed');
      await ack({ response_action: 'errors', errors: { case: t(locale, 'views.modal.failed') } });
      if (ackStateOf(context).isLate()) await toDm([{ to: 'chat', reply: message(t(locale, 'internal_error'), 'error') }]);
      return;
    }
    if ('errors' in result) {
      await ack({ response_action: 'errors', errors: result.errors });
      // Too late for the modal (Slack closed it on the receiver's empty 200): the person still learns why.
      if (ackStateOf(context).isLate()) await toDm([{ to: 'chat', reply: refusalReply(locale, result.errors) }]);
      return;
    }
    await ack();
    const outgoing: Outgoing[] = [{ to: 'chat', reply: result.reply }];
    const channelId = result.channelId;
    // A resubmission's "already recorded" concerns the person alone: by DM, not in the channel.
    if (channelId && !channelId.startsWith('D') && !result.already) {
      try {
        await deliverSlack(client, outgoing, { userId, isPrivate: false, locale, openDm: dm, commands: core.commands, channelId });
        return;
      } catch (error) {
        // The app is not in that channel (a private one): the person still gets the answer.
        adapter.log.info({ err: error, channel: channelId }, 'slack: report confirmation not posted in the channel, sent by DM');
      }
    }
    await toDm(outgoing);
  });
}

/** The modal's refusals as a message: what was not recorded, and why, field by field. */
function refusalReply(locale: Locale, errors: Record<string, string>): Reply {
  const lines = Object.entries(errors).map(([field, text]) => `• ${t(locale, `views.modal.${field}`)}: ${text}`);
  return message([t(locale, 'views.modal.refused'), ...lines].join('\n'), 'error');
}
