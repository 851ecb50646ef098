import { type CaseState, recordCollection } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { isOpenStatus } from '../../db/status-rules.ts';
import { parseAmount } from '../amount.ts';
import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { claimPending, endDialogueAbout, startDialogue } from '../dialogue/state.ts';
import { formatDate, formatMoney } from '../format.ts';
import { t } from '../i18n/index.ts';
import { actorOf, clockOf, localiseCaseError, parseDateWord, reporting } from './case-arg.ts';
import { confirmReply, reportReply } from './case-reply.ts';

export const CONFIRM_WORDS = ['xacnhan', 'confirm'];

/**
 * `capnhat <case> thu …`, in four forms: `thu` asks for the amount (the next message is it);
 * `thu ? <amount>` (what that message becomes) proposes it and asks to confirm;
 * `thu xacnhan <VND>` is the confirm button, valid once and only while that proposal is
 * pending; `thu <amount> [date]` typed in full records at once.
 */
export async function collect(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const [mode, ...rest] = words;
  if (mode === undefined) return askAmount(ctx, state);
  if (mode === '?') return propose(ctx, state, rest);
  if (CONFIRM_WORDS.includes(fold(mode))) return confirm(ctx, state, rest);
  return record(ctx, state, words);
}

const lineOf = (state: CaseState) => `capnhat ${state.code} thu ?`;

/** Refuses early, with the writer's own messages, what recordCollection would refuse anyway. */
function checkCollectable(ctx: CommandContext, state: CaseState, amount?: number): void {
  const fail = (code: string, params: Record<string, string | number>) => {
    throw localiseCaseError(new UserError(code, params), ctx.locale);
  };
  if (!isOpenStatus(state.status)) fail('case.closed', { case: state.code, status: state.status });
  if (state.amount === 0) fail('case.no_money', { case: state.code });
  if (state.remaining === 0) fail('cmd.capnhat.nothing_owed', { case: state.code });
  if (amount !== undefined && amount > state.remaining) {
    fail('case.amount_above_remaining', { case: state.code, amount, remaining: state.remaining });
  }
}

async function askAmount(ctx: CommandContext, state: CaseState): Promise<Reply> {
  checkCollectable(ctx, state);
  await startDialogue(ctx, { case: state.code, line: lineOf(state), expects: 'amount' });
  return {
    blocks: [
      {
        kind: 'text',
        text: t(ctx.locale, 'cmd.capnhat.ask_amount', { case: state.code, remaining: formatMoney(state.remaining, ctx.locale) }),
      },
    ],
    buttons: [[{ label: t(ctx.locale, 'cmd.capnhat.button.cancel'), action: 'huy' }]],
  };
}

async function propose(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const amount = parseAmount(words.join(' '));
  checkCollectable(ctx, state, amount);
  // The line stays: another amount typed now replaces this proposal.
  await startDialogue(ctx, { case: state.code, line: lineOf(state), expects: 'amount', pending: { action: 'thu', amount } });
  const { locale } = ctx;
  const question = t(locale, 'cmd.capnhat.confirm_collect', {
    amount: formatMoney(amount, locale),
    case: state.code,
    date: formatDate(ctx.today, locale),
    remaining: formatMoney(state.remaining - amount, locale),
  });
  return confirmReply(question, state.code, `capnhat ${state.code} thu xacnhan ${amount}`, locale);
}

async function confirm(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const [digits] = words;
  if (words.length !== 1 || !/^\d{1,16}$/.test(digits!)) {
    throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.capnhat.usage') });
  }
  const amount = Number(digits);
  // Claim and write in one transaction: a second press finds nothing to claim, and a refused
  // write leaves the proposal pending for another amount or a cancel.
  const change = await reporting(ctx.locale, () =>
    ctx.deps.db.transaction(async (tx) => {
      if (!(await claimPending(tx, ctx, state.code, { action: 'thu', amount }))) {
        throw new UserError('cmd.capnhat.not_pending', { case: state.code });
      }
      return recordCollection(tx, state.code, { amount, on: ctx.today }, actorOf(ctx), clockOf(ctx));
    }),
  );
  return collected(ctx, amount, ctx.today, change.after);
}

async function record(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const on = parseDateWord(words.at(-1));
  const amountWords = on ? words.slice(0, -1) : words;
  if (amountWords.length === 0) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.capnhat.usage') });
  const amount = parseAmount(amountWords.join(' '));
  const change = await reporting(ctx.locale, () =>
    recordCollection(ctx.deps.db, state.code, { amount, on: on ?? ctx.today }, actorOf(ctx), clockOf(ctx)),
  );
  await endDialogueAbout(ctx, state.code);
  return collected(ctx, amount, on ?? ctx.today, change.after);
}

function collected(ctx: CommandContext, amount: number, on: string, after: CaseState): Reply {
  const { locale } = ctx;
  const done = t(locale, 'cmd.capnhat.collected', { amount: formatMoney(amount, locale), case: after.code, date: formatDate(on, locale) });
  return reportReply(done, after, locale);
}
