import { and, eq } from 'drizzle-orm';
import {
  addNote,
  type CaseChange,
  changeStatus,
  completeCase,
  recordCollection,
  recordVerification,
} from '../../db/case-updates/index.ts';
import type { Db } from '../../db/client.ts';
import { UserError } from '../../db/errors.ts';
import type { Person } from '../../db/identity.ts';
import { claimUpdate } from '../../db/processed-updates.ts';
import { processedUpdates } from '../../db/schema.ts';
import { todayIn } from '../../db/work-year.ts';
import { actorOf, clockOf } from '../commands/case-arg.ts';
import { reportReply, statusLabel } from '../commands/case-reply.ts';
import type { CommandContext } from '../core/command.ts';
import type { Core } from '../core/dispatch.ts';
import { message, type Reply } from '../core/reply.ts';
import { endDialogueAbout } from '../dialogue/state.ts';
import { formatDate, formatMoney } from '../format.ts';
import { t } from '../i18n/index.ts';
import { slackifyReply } from './command-line.ts';
import { type CheckedReport, checkReport, explain, fieldOf } from './report-modal-check.ts';
import { readModalMetadata, readReportForm } from './report-modal-fields.ts';

/** The parts of a view_submission's `view` this needs. */
export interface SubmittedView {
  id: string;
  state: { values: Record<string, Record<string, unknown>> };
  private_metadata: string;
}

/**
 * A submitted progress-report modal: every field checked first, refusals returned per block
 * (Slack shows them under the fields, the modal stays open, nothing is written); then the
 * report recorded through the writers `capnhat` uses, audited as made on Slack. The view's id
 * is claimed in the same transaction as the write, so a modal submitted twice records once and
 * a write that fails releases the claim. The answer is what `capnhat` answers.
 */
export async function submitReportModal(
  core: Core,
  person: Person,
  view: SubmittedView,
  account: { platform: 'slack'; externalId: string },
): Promise<{ errors: Record<string, string> } | { reply: Reply; channelId?: string; already?: true }> {
  const { deps } = core;
  const { channelId } = readModalMetadata(view.private_metadata);
  const ctx: CommandContext = {
    deps,
    person,
    locale: person.locale ?? deps.config.defaultLocale,
    chat: { platform: 'slack', id: channelId ?? account.externalId, isPrivate: channelId === undefined },
    account,
    today: todayIn(deps.config.timeZone, deps.now()),
  };
  const claim = `view:${view.id}`;
  const already = { reply: message(t(ctx.locale, 'views.modal.already_recorded')), channelId, already: true as const };
  // Checked before the fields: once recorded, a resubmission would fail them (the money is no longer owed).
  if (await isClaimed(deps.db, claim)) return already;
  const checked = await checkReport(ctx, readReportForm(view.state.values));
  if ('errors' in checked) return { errors: slackify(core, checked.errors) };
  const report = checked.report;
  let change: CaseChange | null;
  try {
    change = await deps.db.transaction(async (tx) => {
      if (!(await claimUpdate(tx, 'slack', claim, deps.now()))) return null;
      return writeReport(tx, ctx, report);
    });
  } catch (error) {
    // The state moved between the checks and the lock, or a check only the writer makes (a date before acceptance).
    if (error instanceof UserError) return { errors: slackify(core, { [fieldOf(error.code, report.action)]: explain(ctx, error) }) };
    throw error;
  }
  if (change === null) return already;
  await endDialogueAbout(ctx, change.after.code);
  return { reply: confirmation(ctx, report, change), ...(channelId ? { channelId } : {}) };
}

/** Messages name commands as typed on Telegram ("/capnhat"); on Slack they follow `/thads`. */
function slackify(core: Core, errors: Record<string, string>): Record<string, string> {
  const texts = Object.values(errors).map((text) => ({ kind: 'text' as const, text }));
  const fixed = slackifyReply({ blocks: texts }, core.commands).blocks.map((b) => ('text' in b ? b.text : ''));
  return Object.fromEntries(Object.keys(errors).map((field, i) => [field, fixed[i]!]));
}

async function isClaimed(db: Db, claim: string): Promise<boolean> {
  const rows = await db
    .select({ id: processedUpdates.updateId })
    .from(processedUpdates)
    .where(and(eq(processedUpdates.platform, 'slack'), eq(processedUpdates.updateId, claim)))
    .limit(1);
  return rows.length > 0;
}

/**
 * One report through the writers of db/case-updates, as `capnhat` makes it. A note written
 * beside another report is kept as a note of the case, in the same transaction.
 */
async function writeReport(tx: Db, ctx: CommandContext, r: CheckedReport): Promise<CaseChange> {
  const code = r.state.code;
  const actor = actorOf(ctx);
  const clock = clockOf(ctx);
  let change: CaseChange;
  switch (r.action) {
    case 'thu':
      change = await recordCollection(tx, code, { amount: r.amount!, on: r.on }, actor, clock);
      break;
    case 'xong':
      // `capnhat … xong` completes today; another day is the status change the command takes with a date.
      change = r.on === ctx.today ? await completeCase(tx, code, actor, clock) : await changeStatus(tx, code, { status: 'completed', on: r.on }, actor, clock);
      break;
    case 'trangthai':
      change = await changeStatus(tx, code, { status: r.status!, on: r.on }, actor, clock);
      break;
    case 'xacminh':
      return recordVerification(tx, code, { on: r.on, note: r.note }, actor, clock);
    case 'ghichu':
      return addNote(tx, code, { text: r.note! }, actor, clock);
  }
  if (r.note) await addNote(tx, code, { text: r.note }, actor, clock);
  return change;
}

/** What `capnhat` answers for the same report (bot/commands/update*.ts, case-reply.ts). */
function confirmation(ctx: CommandContext, r: CheckedReport, { before, after }: CaseChange): Reply {
  const { locale } = ctx;
  const params = { case: after.code, date: formatDate(r.on, locale) };
  const done = {
    thu: () => t(locale, 'cmd.capnhat.collected', { ...params, amount: formatMoney(r.amount!, locale) }),
    xong: () => t(locale, 'cmd.capnhat.completed', params),
    trangthai: () =>
      t(locale, 'cmd.capnhat.status_changed', { ...params, from: statusLabel(before.status, locale), to: statusLabel(after.status, locale) }),
    xacminh: () => t(locale, 'cmd.capnhat.verified', params),
    ghichu: () => t(locale, 'cmd.capnhat.noted', params),
  }[r.action]();
  const noted = r.note && ['thu', 'xong', 'trangthai'].includes(r.action) ? `\n${t(locale, 'cmd.capnhat.noted', params)}` : '';
  return reportReply(done + noted, after, locale);
}
