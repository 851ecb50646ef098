import { type CaseState, collectionRefusal } from '../../db/case-updates/index.ts';
import type { Db } from '../../db/client.ts';
import { UserError } from '../../db/errors.ts';
import { reportInChat } from '../forms/report.ts';
import { parseAmount } from '../amount.ts';
import type { CommandContext } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { claimPending, isPending, startDialogue } from '../dialogue/state.ts';
import { formatDate, formatMoney } from '../format.ts';
import { t } from '../i18n/index.ts';
import { localiseCaseError, parseDateWord } from './case-arg.ts';
import { confirmReply } from './case-reply.ts';

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

/** Refuses early, in the writers' own words, what the report would be refused anyway (db/case-updates/report.ts). */
function checkCollectable(ctx: CommandContext, state: CaseState, amount?: number): void {
  const refusal = collectionRefusal(state, amount);
  if (refusal) throw localiseCaseError(refusal, ctx.locale);
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
  // Claimed with the write: a second press finds nothing to claim, and a refused write leaves
  // the proposal pending for another amount or a cancel.
  const pending = { action: 'thu', amount } as const;
  // A second press finds the proposal gone before the case is checked again (the money is no longer owed).
  if (!(await isPending(ctx, state.code, pending))) throw new UserError('cmd.capnhat.not_pending', { case: state.code });
  const claim = (tx: Db) => claimPending(tx, ctx, state.code, pending);
  return reportInChat(ctx, { case: state.code, action: 'thu', amount: digits!, date: ctx.today }, claim);
}

async function record(ctx: CommandContext, state: CaseState, words: string[]): Promise<Reply> {
  const on = parseDateWord(words.at(-1));
  const amountWords = on ? words.slice(0, -1) : words;
  if (amountWords.length === 0) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.capnhat.usage') });
  return reportInChat(ctx, { case: state.code, action: 'thu', amount: amountWords.join(' '), date: on ?? ctx.today });
}
