import { worksOnCases } from '../../db/access.ts';
import { type CaseState, isCaseStatus, isReportAction, NOTE_MAX_LENGTH, type Report, reportRefusals } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { isIsoDate } from '../../db/work-year.ts';
import { parseAmount } from '../amount.ts';
import { actorOf, loadCase, localiseCaseError } from '../commands/case-arg.ts';
import type { CommandContext } from '../core/command.ts';
import { commandRef } from '../core/command-ref.ts';
import { hasControlCharacters } from '../core/control-characters.ts';
import { formatCount } from '../format.ts';
import { t } from '../i18n/index.ts';
import type { FormValues } from './form.ts';

/** Refusals by field, as UserErrors: a form shows each beside its field, a chat says the first. */
export type Refusals = Record<string, UserError>;

/** A report that passed every check made before writing; the writer checks again under lock. */
export interface CheckedReport extends Report {
  state: CaseState;
}

/**
 * The field a refusal belongs beside. Status refusals sit by the status picker, except for
 * "xong", which has none: there the report itself is what cannot be made.
 */
export function fieldOf(code: string, action: string | undefined): string {
  if (['case_not_found', 'cmd.capnhat.not_yours', 'core.not_allowed'].includes(code)) return 'case';
  if (code.startsWith('amount.') || code === 'case.amount_above_remaining' || code === 'case.amount_not_positive') return 'amount';
  if (['case.same_status', 'case.transition_not_allowed', 'case.transition_leader_only', 'case.complete_unpaid', 'case.unknown_status'].includes(code)) {
    return action === 'trangthai' ? 'status' : 'action';
  }
  if (code.startsWith('case.date_') || code === 'case.bad_date') return 'date';
  if (code === 'case.note_empty' || code === 'case.note_too_long') return 'note';
  return 'action';
}

/** A refusal in the person's words, money and dates formatted as they read them. */
export function explain(ctx: CommandContext, error: UserError): string {
  const localised = localiseCaseError(error, ctx.locale);
  return t(ctx.locale, localised.code, localised.params);
}

/**
 * Checks every field at once, so that one submission shows every mistake: the case (exists, may
 * be reported on by this person), the report and the fields it needs, and what the case's state
 * rules out (db/case-updates/report.ts). Nothing is written here.
 */
export async function checkReport(ctx: CommandContext, form: FormValues): Promise<{ refused: Refusals } | { report: CheckedReport }> {
  const errors: Refusals = {};
  // Before anything reads a field (the case is looked up): a field holding one is refused alone.
  for (const [key, value] of Object.entries(form)) {
    if (hasControlCharacters(value)) errors[key] = new UserError('views.modal.error.control_characters');
  }
  if (Object.keys(errors).length > 0) return { refused: errors };
  const action = isReportAction(form.action) ? form.action : undefined;
  const refuse = (error: UserError) => {
    errors[fieldOf(error.code, action)] ??= error;
  };
  const need = (field: string, key: string) => (errors[field] ??= new UserError(`views.modal.error.${key}`));

  let state: CaseState | undefined;
  if (!worksOnCases(ctx.person)) refuse(new UserError('core.not_allowed', { command: commandRef('capnhat') }));
  else if (!form.case) need('case', 'case_required');
  else state = await attempt(() => loadCase(ctx, form.case!, 'update'), refuse);
  if (!action) need('action', 'action_required');

  const on = form.date ?? ctx.today;
  if (!isIsoDate(on)) refuse(new UserError('case.bad_date', { value: on }));
  else if (on > ctx.today) refuse(new UserError('case.date_in_future', { date: on, today: ctx.today }));

  let amount: number | undefined;
  if (action === 'thu' && !form.amount) need('amount', 'amount_required');
  else if (action === 'thu') amount = await attempt(async () => parseAmount(form.amount!), refuse);
  else if (action && form.amount) need('amount', 'amount_unused');

  const status = isCaseStatus(form.status) ? form.status : undefined;
  if (action === 'trangthai' && !status) need('status', 'status_required');
  else if (action && action !== 'trangthai' && form.status) need('status', 'status_unused');

  if (action === 'ghichu' && !form.note) need('note', 'note_required');
  const length = form.note ? [...form.note].length : 0;
  if (length > NOTE_MAX_LENGTH) refuse(new UserError('case.note_too_long', { max: formatCount(NOTE_MAX_LENGTH, ctx.locale), length: formatCount(length, ctx.locale) }));

  if (state && action) {
    for (const refusal of reportRefusals(state, { action, amount, status, on }, { isLeader: actorOf(ctx).isLeader })) refuse(refusal);
  }
  if (Object.keys(errors).length > 0 || !state || !action) return { refused: errors };
  return { report: { action, state, amount, status, on, ...(form.note !== undefined ? { note: form.note } : {}) } };
}

/** The value `run` gives, or undefined after handing its UserError to `refuse`. */
async function attempt<T>(run: () => Promise<T>, refuse: (e: UserError) => void): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserError) {
      refuse(error);
      return undefined;
    }
    throw error;
  }
}
