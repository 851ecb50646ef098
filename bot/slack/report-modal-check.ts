import { isLeader, worksOnCases } from '../../db/access.ts';
import { type CaseState, NOTE_MAX_LENGTH } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { isOpenStatus, moverOf } from '../../db/status-rules.ts';
import { isIsoDate, type IsoDate } from '../../db/work-year.ts';
import { parseAmount } from '../amount.ts';
import { loadCase, localiseCaseError } from '../commands/case-arg.ts';
import type { CommandContext } from '../core/command.ts';
import { hasControlCharacters } from '../core/control-characters.ts';
import { formatCount } from '../format.ts';
import { t } from '../i18n/index.ts';
import { isCaseStatus, isReportAction, type ReportAction, type ReportForm } from './report-modal-fields.ts';

/** A report that passed every check made before writing; the writer checks again under lock. */
export interface CheckedReport {
  action: ReportAction;
  state: CaseState;
  amount?: number;
  status?: CaseStatus;
  on: IsoDate;
  note?: string;
}

export type FieldErrors = Record<string, string>;

/**
 * The block a refusal belongs next to. Status refusals sit by the status picker, except for
 * "xong", which has none: there the report itself is what cannot be made.
 */
export function fieldOf(code: string, action: ReportAction | undefined): string {
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
 * Checks every field of the form at once, so that one submission shows every mistake: the
 * case (exists, may be reported on by this person), the report and the fields it needs,
 * and what the case's state already rules out. Nothing is written here.
 */
export async function checkReport(ctx: CommandContext, form: ReportForm): Promise<{ errors: FieldErrors } | { report: CheckedReport }> {
  const errors: FieldErrors = {};
  // Before anything reads a field (the case is looked up): a field holding one is refused alone.
  for (const [key, value] of Object.entries(form)) {
    if (hasControlCharacters(value)) errors[key === 'caseCode' ? 'case' : key] = t(ctx.locale, 'views.modal.error.control_characters');
  }
  if (Object.keys(errors).length > 0) return { errors };
  const action = isReportAction(form.action) ? form.action : undefined;
  const refuse = (error: UserError) => {
    const field = fieldOf(error.code, action);
    errors[field] ??= explain(ctx, error);
  };
  const need = (field: string, key: string) => (errors[field] ??= t(ctx.locale, `views.modal.error.${key}`));

  let state: CaseState | undefined;
  if (!worksOnCases(ctx.person)) refuse(new UserError('core.not_allowed', { command: 'capnhat' }));
  else if (!form.caseCode) need('case', 'case_required');
  else state = await attempt(() => loadCase(ctx, form.caseCode!, 'update'), refuse);
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

  if (state && action) checkAgainstState(ctx, { action, state, amount, status, on }, refuse);
  if (Object.keys(errors).length > 0 || !state || !action) return { errors };
  return { report: { action, state, amount, status, on, note: form.note } };
}

/** What the case's state rules out, in the writers' own words (db/case-updates). */
function checkAgainstState(ctx: CommandContext, r: Omit<CheckedReport, 'note'>, refuse: (e: UserError) => void): void {
  const { state } = r;
  const code = state.code;
  if (r.action === 'thu' || r.action === 'xacminh') {
    if (!isOpenStatus(state.status)) return refuse(new UserError('case.closed', { case: code, status: state.status }));
  }
  if (r.action === 'thu') {
    if (state.amount === 0) return refuse(new UserError('case.no_money', { case: code }));
    if (state.remaining === 0) return refuse(new UserError('cmd.capnhat.nothing_owed', { case: code }));
    if (r.amount !== undefined && r.amount > state.remaining) {
      refuse(new UserError('case.amount_above_remaining', { case: code, amount: r.amount, remaining: state.remaining }));
    }
  }
  const to = r.action === 'xong' ? 'completed' : r.action === 'trangthai' ? r.status : undefined;
  if (to === undefined) return;
  const mover = moverOf(state.status, to);
  if (to === state.status) refuse(new UserError('case.same_status', { case: code, status: to }));
  else if (mover === null) refuse(new UserError('case.transition_not_allowed', { case: code, from: state.status, to }));
  else if (mover === 'leader' && !isLeader(ctx.person!)) refuse(new UserError('case.transition_leader_only', { case: code, from: state.status, to }));
  else if (to === 'completed' && state.remaining > 0) refuse(new UserError('case.complete_unpaid', { case: code, remaining: state.remaining }));
  if (r.on < state.statusDate && r.on <= ctx.today) {
    refuse(new UserError('case.date_before_last_change', { date: r.on, last: state.statusDate, status: state.status }));
  }
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
