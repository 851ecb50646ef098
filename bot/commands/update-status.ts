import { allowedMoves, type CaseState, moveRefusal } from '../../db/case-updates/index.ts';
import type { Db } from '../../db/client.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { UserError } from '../../db/errors.ts';
import { reportInChat } from '../forms/report.ts';
import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { claimPending, isPending, startDialogue } from '../dialogue/state.ts';
import { formatDate } from '../format.ts';
import { t } from '../i18n/index.ts';
import { actorOf, localiseCaseError, parseDateWord } from './case-arg.ts';
import { confirmReply, stateFields, statusLabel } from './case-reply.ts';
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
  return reportInChat(ctx, { case: state.code, action: 'trangthai', status, date: on ?? ctx.today });
}

function offerMoves(ctx: CommandContext, state: CaseState): Reply {
  const { locale } = ctx;
  const moves = allowedMoves(state, actorOf(ctx).isLeader);
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
  const refusal = moveRefusal(state, status, actorOf(ctx).isLeader);
  if (refusal) throw localiseCaseError(refusal, locale);
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
  const pending = { action: 'trangthai', status } as const;
  // A second press finds the proposal gone before the case is checked again (it has moved).
  if (!(await isPending(ctx, state.code, pending))) throw new UserError('cmd.capnhat.not_pending', { case: state.code });
  const claim = (tx: Db) => claimPending(tx, ctx, state.code, pending);
  return reportInChat(ctx, { case: state.code, action: 'trangthai', status, date: ctx.today }, claim);
}
