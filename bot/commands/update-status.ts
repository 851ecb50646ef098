import { type CaseState, changeStatus } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { type CaseStatus, caseStatuses } from '../../db/schema.ts';
import { moverOf } from '../../db/status-rules.ts';
import type { IsoDate } from '../../db/work-year.ts';
import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { claimPending, endDialogueAbout, startDialogue } from '../dialogue/state.ts';
import { formatDate } from '../format.ts';
import { t } from '../i18n/index.ts';
import { actorOf, clockOf, localiseCaseError, parseDateWord, reporting } from './case-arg.ts';
import { confirmReply, reportReply, stateFields, statusLabel } from './case-reply.ts';
import { parseStatus, statusWord } from './status-words.ts';
import { CONFIRM_WORDS } from './update-collection.ts';

/**
 * `capnhat <case> trangthai …`: alone, the moves the law allows from here as buttons; a button
 * (`trangthai ? <status>`) proposes the move and asks to confirm, since a closed case takes a
 * leader to reopen; `trangthai xacnhan <status>` confirms once; `trangthai <status> [date]`
 * typed in full records at once.
 */
export async function moveStatus(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const [mode, ...rest] = words;
  if (mode === undefined) return offerMoves(ctx, state);
  if (mode === '?') return propose(ctx, state, parseStatus(rest, ctx.locale));
  if (CONFIRM_WORDS.includes(fold(mode))) return confirm(ctx, state, parseStatus(rest, ctx.locale));
  const on = parseDateWord(words.at(-1));
  const status = parseStatus(on ? words.slice(0, -1) : words, ctx.locale);
  const change = await reporting(ctx.locale, () =>
    changeStatus(ctx.deps.db, state.code, { status, on: on ?? ctx.today }, actorOf(ctx), clockOf(ctx)),
  );
  await endDialogueAbout(ctx, state.code);
  return moved(ctx, change.before, on ?? ctx.today, change.after);
}

/**
 * The statuses this person may move the case to, from db/status-rules.ts. Completion is left
 * out while money is owed: the writer refuses it until the last collection is recorded.
 */
function allowedMoves(ctx: CommandContext, state: CaseState): CaseStatus[] {
  const leader = actorOf(ctx).isLeader;
  return caseStatuses.filter((to) => {
    const mover = moverOf(state.status, to);
    if (mover === null || (mover === 'leader' && !leader)) return false;
    return to !== 'completed' || state.remaining === 0;
  });
}

function offerMoves(ctx: CommandContext, state: CaseState): Reply {
  const { locale } = ctx;
  const moves = allowedMoves(ctx, state);
  const title = t(locale, 'cmd.case.title', { case: state.code });
  if (moves.length === 0) {
    return { title, blocks: [{ kind: 'text', text: t(locale, 'cmd.capnhat.no_moves', { case: state.code }) }, stateFields(state, locale)] };
  }
  return {
    title,
    blocks: [
      { kind: 'text', text: t(locale, 'cmd.capnhat.pick_status', { status: statusLabel(state.status, locale), case: state.code }) },
    ],
    buttons: moves.map((to) => [{ label: statusLabel(to, locale), action: `capnhat ${state.code} trangthai ? ${statusWord[to]}` }]),
  };
}

async function propose(ctx: CommandContext, state: CaseState, status: CaseStatus): Promise<Reply> {
  const { locale } = ctx;
  // Checked now so that no one is asked to confirm what would be refused; the writer checks again.
  if (!allowedMoves(ctx, state).includes(status)) {
    const mover = moverOf(state.status, status);
    const refusal =
      status === state.status
        ? 'case.same_status'
        : mover === null
          ? 'case.transition_not_allowed'
          : mover === 'leader'
            ? 'case.transition_leader_only'
            : 'case.complete_unpaid';
    const params = { case: state.code, status: state.status, from: state.status, to: status, remaining: state.remaining };
    throw localiseCaseError(new UserError(refusal, params), locale);
  }
  await startDialogue(ctx, { case: state.code, pending: { action: 'trangthai', status } });
  const question = t(locale, 'cmd.capnhat.confirm_status', {
    case: state.code,
    from: statusLabel(state.status, locale),
    to: statusLabel(status, locale),
    date: formatDate(ctx.today, locale),
  });
  return confirmReply(question, state.code, `capnhat ${state.code} trangthai xacnhan ${statusWord[status]}`, locale);
}

async function confirm(ctx: CommandContext, state: CaseState, status: CaseStatus): Promise<Reply> {
  const change = await reporting(ctx.locale, () =>
    ctx.deps.db.transaction(async (tx) => {
      if (!(await claimPending(tx, ctx, state.code, { action: 'trangthai', status }))) {
        throw new UserError('cmd.capnhat.not_pending', { case: state.code });
      }
      return changeStatus(tx, state.code, { status, on: ctx.today }, actorOf(ctx), clockOf(ctx));
    }),
  );
  return moved(ctx, change.before, ctx.today, change.after);
}

function moved(ctx: CommandContext, before: CaseState, on: IsoDate, after: CaseState): Reply {
  const { locale } = ctx;
  const done = t(locale, 'cmd.capnhat.status_changed', {
    case: after.code,
    from: statusLabel(before.status, locale),
    to: statusLabel(after.status, locale),
    date: formatDate(on, locale),
  });
  return reportReply(done, after, locale);
}
