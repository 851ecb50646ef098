import { worksOnCases } from '../../db/access.ts';
import { z } from 'zod';
import { type CaseState, collectionRefusal, moveRefusal, NOTE_MAX_LENGTH } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { isOpenStatus } from '../../db/status-rules.ts';
import { type CommandContext, defineCommand } from '../core/command.ts';
import type { Button, Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { startDialogue } from '../dialogue/state.ts';
import { reportInChat } from '../forms/report.ts';
import { formatCount, formatMoneyShort } from '../format.ts';
import { t } from '../i18n/index.ts';
import { actorOf, loadCase, parseDateWord } from './case-arg.ts';
import { listReportableCases } from '../../db/case-list.ts';
import { stateFields } from './case-reply.ts';
import { collect } from './update-collection.ts';
import { moveStatus } from './update-status.ts';

/** Cases offered as buttons when none is named: a phone screen's worth. */
const PICKED = 8;

type Action = 'thu' | 'xong' | 'trangthai' | 'xacminh' | 'ghichu';
const actions: Record<string, Action> = {
  thu: 'thu',
  collect: 'thu',
  xong: 'xong',
  done: 'xong',
  trangthai: 'trangthai',
  status: 'trangthai',
  xacminh: 'xacminh',
  verify: 'xacminh',
  ghichu: 'ghichu',
  note: 'ghichu',
};

/**
 * `capnhat <case> <action> …`: progress reports by the case's officer or its unit's leaders.
 * Whatever is missing is asked for step by step: which case, which report, then the amount,
 * the status or the text (bot/dialogue keeps the place between messages).
 */
export const updateCommand = defineCommand({
  name: 'capnhat',
  alias: 'update',
  allowed: worksOnCases,
  args: z.array(z.string()),
  // Where forms can be shown: `capnhat` alone, or a pressed button naming only the case (bot/forms/report.ts).
  form: {
    id: 'report',
    initial: (words, pressed): Record<string, string> | undefined => (words.length === 0 ? {} : pressed && words.length === 1 ? { case: words[0]! } : undefined),
  },
  async run(ctx, words) {
    const [code, action, ...rest] = words;
    if (code === undefined) return pickCase(ctx);
    const state = await loadCase(ctx, code, 'update');
    if (action === undefined) return pickAction(ctx, state);
    switch (actions[fold(action)]) {
      case 'thu':
        return collect(ctx, state, rest);
      case 'trangthai':
        return moveStatus(ctx, state, rest);
      case 'xong':
        return complete(ctx, state, rest);
      case 'xacminh':
        return verify(ctx, state, rest);
      case 'ghichu':
        return note(ctx, state, rest);
      default:
        throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.capnhat.usage') });
    }
  },
});

async function pickCase(ctx: CommandContext): Promise<Reply> {
  const { locale } = ctx;
  const mine = await listReportableCases(ctx.deps.db, ctx.person!, ctx.today, ctx.deps.numbers);
  if (mine.length === 0) return { blocks: [{ kind: 'text', text: t(locale, 'cmd.capnhat.no_cases') }] };
  return {
    blocks: [{ kind: 'text', text: t(locale, 'cmd.capnhat.pick_case', { count: formatCount(mine.length, locale), shown: Math.min(PICKED, mine.length) }) }],
    buttons: mine.slice(0, PICKED).map((c) => [
      { label: c.remaining > 0 ? `${c.code} · ${formatMoneyShort(c.remaining, locale)}` : c.code, action: `capnhat ${c.code}` },
    ]),
  };
}

function pickAction(ctx: CommandContext, state: CaseState): Reply {
  const { locale } = ctx;
  const open = isOpenStatus(state.status);
  const button = (key: string, action: string): Button => ({ label: t(locale, `cmd.capnhat.button.${key}`), action: `capnhat ${state.code} ${action}` });
  const offered: Button[] = [
    // Only what the report rules allow now (db/case-updates/report.ts): no button leads to a refusal.
    ...(collectionRefusal(state) === undefined ? [button('collect', 'thu')] : []),
    ...(moveRefusal(state, 'completed', actorOf(ctx).isLeader) === undefined ? [button('complete', 'xong')] : []),
    button('status', 'trangthai'),
    ...(open ? [button('verify', 'xacminh')] : []),
    button('note', 'ghichu'),
  ];
  const rows: Button[][] = [];
  for (let i = 0; i < offered.length; i += 2) rows.push(offered.slice(i, i + 2));
  rows.push([{ label: t(locale, 'cmd.capnhat.button.details'), action: `vuviec ${state.code}` }]);
  return {
    title: t(locale, 'cmd.case.title', { case: state.code }),
    blocks: [stateFields(state, locale), { kind: 'text', text: t(locale, 'cmd.capnhat.pick_action') }],
    buttons: rows,
  };
}

async function complete(ctx: CommandContext, state: CaseState, rest: string[]): Promise<Reply> {
  if (rest.length > 0) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.capnhat.usage') });
  return reportInChat(ctx, { case: state.code, action: 'xong', date: ctx.today });
}

/** `xacminh [date] [remark]`: a verification done today unless a date comes first. */
async function verify(ctx: CommandContext, state: CaseState, rest: string[]): Promise<Reply> {
  const on = parseDateWord(rest[0]);
  const remark = (on ? rest.slice(1) : rest).join(' ');
  return reportInChat(ctx, { case: state.code, action: 'xacminh', date: on ?? ctx.today, ...(remark ? { note: remark } : {}) });
}

/** `ghichu <text>` records the note; `ghichu` alone asks for it, and the next message is the text. */
async function note(ctx: CommandContext, state: CaseState, rest: string[]): Promise<Reply> {
  const { locale } = ctx;
  if (rest.length === 0) {
    await startDialogue(ctx, { case: state.code, line: `capnhat ${state.code} ghichu`, expects: 'text' });
    return {
      blocks: [{ kind: 'text', text: t(locale, 'cmd.capnhat.ask_note', { case: state.code, max: formatCount(NOTE_MAX_LENGTH, locale) }) }],
      buttons: [[{ label: t(locale, 'cmd.capnhat.button.cancel'), action: 'huy' }]],
    };
  }
  return reportInChat(ctx, { case: state.code, action: 'ghichu', note: afterWords(ctx.argsText, 2) ?? rest.join(' ') });
}

/** The text after the first `n` words, as typed (a multi-line note keeps its lines); undefined without the text. */
function afterWords(text: string | undefined, n: number): string | undefined {
  if (text === undefined) return undefined;
  const match = new RegExp(`^\\s*(?:\\S+\\s+){${n}}`).exec(text);
  return match ? text.slice(match[0].length).trimEnd() : undefined;
}
