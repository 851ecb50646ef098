import { canReadCase, canSetDeadline, canUpdateCase, isLeader } from '../../db/access.ts';
import { type Actor, type CaseState, getCaseState, type WriteContext } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { caseStatuses } from '../../db/schema.ts';
import { isIsoDate, type IsoDate } from '../../db/work-year.ts';
import type { CommandContext } from '../core/command.ts';
import { formatDate, formatMoney } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

/**
 * The case a person names, if they may `need` it. A case they may not read is answered exactly
 * like one that does not exist, so the bot never confirms that a code is real. A case they may
 * read but not report on (a province leader and a local unit's case) is told as such.
 */
export async function loadCase(ctx: CommandContext, code: string, need: 'read' | 'update' | 'deadline'): Promise<CaseState> {
  const person = ctx.person!;
  const state = await getCaseState(ctx.deps.db, code);
  if (!(await canReadCase(ctx.deps.db, person, state))) throw new UserError('case_not_found', { case: code });
  if (need === 'update' && !canUpdateCase(person, state)) throw new UserError('cmd.capnhat.not_yours', { case: state.code });
  if (need === 'deadline' && !(await canSetDeadline(ctx.deps.db, person, state))) throw new UserError('case_not_found', { case: code });
  return state;
}

/** The person as the audit trail records them, through the channel they wrote on. */
export function actorOf(ctx: CommandContext): Actor {
  const p = ctx.person!;
  return { staffId: p.staffId, label: `${p.code} ${p.name}`, channel: ctx.account.platform, isLeader: isLeader(p) };
}

/** The writer's clock, and the cache it tells what it changed. */
export function clockOf(ctx: CommandContext): WriteContext {
  return { now: ctx.deps.now(), today: ctx.today, changes: ctx.deps.cache };
}

/**
 * A date as typed in an office: `23/11/2026` (also `23-11-2026`, `3/9/2026`) or `2026-11-23`.
 * Null when the word does not look like a date at all; a UserError when it does but is no day.
 */
export function parseDateWord(word: string | undefined): IsoDate | null {
  if (word === undefined) return null;
  const dmy = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(word);
  const iso = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : /^\d{4}-\d{2}-\d{2}$/.test(word) ? word : null;
  if (iso === null) return null;
  if (!isIsoDate(iso)) throw new UserError('case.bad_date', { value: word });
  return iso;
}

const MONEY_PARAMS = ['amount', 'remaining'];
const DATE_PARAMS = ['date', 'today', 'accepted', 'last', 'due', 'latest'];
const STATUS_PARAMS = ['status', 'from', 'to'];

/**
 * db/case-updates reports refusals with raw values (whole VND, ISO dates, status codes) so that
 * each channel words them; here they become `1.500.000 ₫`, `23/11/2026`, "hoãn thi hành án".
 */
export function localiseCaseError(error: UserError, locale: Locale): UserError {
  if (!error.code.startsWith('case.')) return error;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params)) {
    if (MONEY_PARAMS.includes(name) && typeof value === 'number') params[name] = formatMoney(value, locale);
    else if (DATE_PARAMS.includes(name) && typeof value === 'string') params[name] = formatDate(value, locale);
    else if (STATUS_PARAMS.includes(name) && (caseStatuses as readonly unknown[]).includes(value)) params[name] = t(locale, `case.status.${value}`);
    else params[name] = value;
  }
  return new UserError(error.code, params);
}

/** Runs a write and words its refusal in the person's language. */
export async function reporting<T>(locale: Locale, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw error instanceof UserError ? localiseCaseError(error, locale) : error;
  }
}
