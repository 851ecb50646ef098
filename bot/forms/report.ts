import { worksOnCases } from '../../db/access.ts';
import { listReportableCases, type ListedCase, openDecisionNumbers } from '../../db/case-list.ts';
import { type CaseChange, NOTE_MAX_LENGTH, recordReport, REPORT_ACTIONS } from '../../db/case-updates/index.ts';
import type { Db } from '../../db/client.ts';
import { UserError } from '../../db/errors.ts';
import { claimUpdate, isClaimed } from '../../db/processed-updates.ts';
import { caseStatuses } from '../../db/schema.ts';
import { fold } from '../../db/text.ts';
import { actorOf, clockOf, localiseCaseError } from '../commands/case-arg.ts';
import { reportReply, statusLabel } from '../commands/case-reply.ts';
import type { CommandContext } from '../core/command.ts';
import { commandRef } from '../core/command-ref.ts';
import { message, type Reply } from '../core/reply.ts';
import { endDialogueAbout } from '../dialogue/state.ts';
import { formatCount, formatDate, formatMoney, formatMoneyShort } from '../format.ts';
import { clipText, graphemePrefix } from '../format/clip.ts';
import { t } from '../i18n/index.ts';
import type { Choice, FormDefinition, FormValues, FormView } from './form.ts';
import { type CheckedReport, checkReport, explain, fieldOf, type Refusals } from './report-check.ts';

/** At most this many cases are offered for what was typed (Slack's limit for a select), each in 75 characters. */
const MAX_CHOICES = 100;
const CHOICE_TEXT = 75;

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/**
 * The progress report (`capnhat`) as a form: which case, which report, then the amount, status,
 * date and note that report needs. Every field but the first two is optional here and checked
 * on submission against the report chosen, since a form cannot show fields depending on
 * another's value. Telegram walks through the same report step by step (bot/commands/update.ts);
 * both end in submitReport.
 */
export const reportForm: FormDefinition = {
  id: 'report',
  open(ctx, initial): FormView {
    if (!worksOnCases(ctx.person)) throw new UserError('core.not_allowed', { command: commandRef('capnhat') });
    const { locale } = ctx;
    const label = (name: string) => t(locale, `views.modal.${name}`);
    const hint = (name: string) => {
      const text = t(locale, `views.modal.${name}_hint`);
      return text === `views.modal.${name}_hint` ? {} : { hint: text };
    };
    const field = (name: string, optional: boolean) => ({ name, label: label(name), optional, ...hint(name) });
    return {
      form: 'report',
      title: label('title'),
      submit: label('submit'),
      close: label('close'),
      intro: label('intro'),
      ...(ctx.chat.isPrivate ? {} : { origin: ctx.chat.id }),
      fields: [
        { ...field('case', false), kind: 'search', placeholder: label('case_placeholder'), ...(initial.case ? { initial: { text: initial.case, value: initial.case } } : {}) },
        { ...field('action', false), kind: 'choice', placeholder: label('action_placeholder'), options: REPORT_ACTIONS.map((a) => ({ text: label(`action.${a}`), value: a })) },
        { ...field('amount', true), kind: 'text', multiline: false, maxLength: 60 },
        {
          ...field('status', true),
          kind: 'choice',
          placeholder: label('status_placeholder'),
          options: caseStatuses.map((s) => ({ text: capitalise(t(locale, `case.status.${s}`)), value: s })),
        },
        { ...field('date', true), kind: 'date', initial: ctx.today },
        { ...field('note', true), kind: 'text', multiline: true, maxLength: NOTE_MAX_LENGTH },
      ],
    };
  },
  search: (ctx, field, query) => (field === 'case' ? searchCases(ctx, query) : Promise.resolve([])),
  async submit(ctx, values, submissionId) {
    const platform = ctx.account.platform;
    const already = { reply: message(t(ctx.locale, 'views.modal.already_recorded')), already: true as const };
    // Checked before the fields: once recorded, a resubmission would fail them (the money is no longer owed).
    if (platform !== 'console' && (await isClaimed(ctx.deps.db, platform, submissionId))) return already;
    const claim = platform === 'console' ? undefined : (tx: Db) => claimUpdate(tx, platform, submissionId, ctx.deps.now());
    const done = await submitReport(ctx, values, claim);
    if ('refused' in done) return { errors: Object.fromEntries(Object.entries(done.refused).map(([field, error]) => [field, explain(ctx, error)])) };
    return 'unclaimed' in done ? already : done;
  },
};

/**
 * The one way a progress report is recorded, from a form or a chat: every field checked
 * (checkReport), then the report written through db/case-updates in one transaction with
 * `claim` (a form's submission id, or the pending proposal a confirm button takes), so that a
 * second submission or press records nothing. Refusals come back by field; the confirmation
 * is the same wherever the report was made.
 */
export async function submitReport(
  ctx: CommandContext,
  values: FormValues,
  claim?: (tx: Db) => Promise<boolean>,
): Promise<{ refused: Refusals } | { reply: Reply } | { unclaimed: true }> {
  const checked = await checkReport(ctx, values);
  if ('refused' in checked) return checked;
  const report = checked.report;
  let change: CaseChange | null;
  try {
    change = await ctx.deps.db.transaction(async (tx) => {
      if (claim && !(await claim(tx))) return null;
      return recordReport(tx, report.state.code, report, actorOf(ctx), clockOf(ctx));
    });
  } catch (error) {
    // The state moved between the checks and the lock, or a check only the writer makes (a date before acceptance).
    if (error instanceof UserError) return { refused: { [fieldOf(error.code, report.action)]: error } };
    throw error;
  }
  if (change === null) return { unclaimed: true };
  await endDialogueAbout(ctx, change.after.code);
  return { reply: confirmation(ctx, report, change) };
}

/** What a recorded report answers: what changed (and the note beside it), then the case's new state. */
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

/**
 * The cases the person may report on (db/case-list.ts: an officer's own, a unit leader's
 * unit's), most urgent first, whose code or decision number contains every word typed,
 * compared without case or diacritics. Each reads "code · còn 48 tr ₫ · hạn 30/11/2026".
 */
async function searchCases(ctx: CommandContext, query: string): Promise<Choice[]> {
  const person = ctx.person;
  if (!person || !worksOnCases(person)) return [];
  const { deps } = ctx;
  const mine = await listReportableCases(deps.db, person, ctx.today, deps.numbers);
  const words = fold(graphemePrefix(query, 100)).split(/\s+/).filter(Boolean);
  let found = mine;
  if (words.length > 0 && mine.length > 0) {
    const decisions = await openDecisionNumbers(deps.db, person.unitId);
    found = mine.filter((c) => {
      const haystack = `${fold(c.code)} ${fold(decisions.get(c.code) ?? '')}`;
      return words.every((w) => haystack.includes(w));
    });
  }
  return found.slice(0, MAX_CHOICES).map((c) => ({ text: choiceText(ctx, c), value: c.code }));
}

function choiceText(ctx: CommandContext, c: ListedCase): string {
  const { locale } = ctx;
  // Nothing owed is either no money at all or paid in full: the code alone says neither wrongly.
  const money = c.remaining > 0 ? t(locale, 'views.modal.option', { case: c.code, remaining: formatMoneyShort(c.remaining, locale) }) : c.code;
  const when = c.dueDate
    ? t(locale, 'views.modal.option_due', { date: formatDate(c.dueDate, locale) })
    : c.daysOverdue !== null
      ? t(locale, 'views.modal.option_overdue', { days: formatCount(c.daysOverdue, locale) })
      : '';
  return clipText(when ? `${money} · ${when}` : money, CHOICE_TEXT);
}

/**
 * A report made in chat (typed, or step by step): submitReport, its first refusal thrown in the
 * person's words as any command's, the proposal a confirm button takes claimed with the write.
 */
export async function reportInChat(ctx: CommandContext, values: FormValues, claim?: (tx: Db) => Promise<boolean>): Promise<Reply> {
  const done = await submitReport(ctx, values, claim);
  if ('refused' in done) throw localiseCaseError(Object.values(done.refused)[0]!, ctx.locale);
  if ('unclaimed' in done) throw new UserError('cmd.capnhat.not_pending', { case: values.case ?? '' });
  return done.reply;
}
