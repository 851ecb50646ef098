import { z } from 'zod';
import { canFollowUpFinding } from '../../db/access.ts';
import { UserError } from '../../db/errors.ts';
import { closeFinding, FINDING_NOTE_MAX_LENGTH, type FindingChange, getVisibleFinding, listReportableFindings, reopenFinding } from '../../db/findings.ts';
import { type CommandContext, defineCommand } from '../core/command.ts';
import { message, type Reply } from '../core/reply.ts';
import { fold } from '../core/suggest.ts';
import { endDialogueAbout, startDialogue } from '../dialogue/state.ts';
import { formatCount, formatDate } from '../format.ts';
import { clipText } from '../format/clip.ts';
import { t } from '../i18n/index.ts';
import { checkReportable, localiseFindingError, remedyInChat } from '../forms/remedy.ts';
import { clockOf } from './case-arg.ts';

/** Findings offered as buttons when none is named. */
const PICKED = 8;

const SUBCOMMANDS: Record<string, 'close' | 'reopen'> = { dong: 'close', close: 'close', mo: 'reopen', reopen: 'reopen' };

/**
 * `khacphuc <finding> <note>`: the responsible person or the unit's leaders report a remedy done;
 * `khacphuc dong|mo <finding> …`: a province leader closes it after follow-up (phúc tra) or
 * reopens it with a reason. What is missing (the note, the reason) is asked for step by step;
 * on Slack the remedy's form opens instead (bot/forms/remedy.ts).
 */
export const remedyCommand = defineCommand({
  name: 'khacphuc',
  alias: 'remedy',
  allowed: (p) => p !== null,
  args: z.array(z.string()),
  form: {
    id: 'remedy',
    initial: (words): Record<string, string> | undefined =>
      words.length === 0 ? {} : words.length === 1 && !(fold(words[0]!) in SUBCOMMANDS) ? { finding: words[0]! } : undefined,
  },
  async run(ctx, words) {
    const [first, code, ...rest] = words;
    if (first === undefined) return pick(ctx);
    const sub = SUBCOMMANDS[fold(first)];
    if (sub === undefined) {
      if (code === undefined) return askNote(ctx, first);
      return remedyInChat(ctx, { finding: first, note: afterWords(ctx.argsText, 1) ?? [code, ...rest].join(' ') });
    }
    if (code === undefined) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.khacphuc.usage') });
    const text = afterWords(ctx.argsText, 2) ?? rest.join(' ');
    if (sub === 'reopen' && !text) return askReason(ctx, code);
    return followUp(ctx, sub, code, text);
  },
});

async function pick(ctx: CommandContext): Promise<Reply> {
  const { locale } = ctx;
  const mine = await listReportableFindings(ctx.deps.db, ctx.person!, ctx.today);
  if (mine.length === 0) return message(t(locale, 'cmd.khacphuc.nothing'));
  return {
    blocks: [{ kind: 'text', text: t(locale, 'cmd.khacphuc.pick', { count: formatCount(mine.length, locale) }) }],
    buttons: mine.slice(0, PICKED).map((f) => [
      { label: `${f.code} · ${t(locale, 'cmd.kiemtra.due', { date: formatDate(f.dueDate, locale) })}`, action: `khacphuc ${f.code}` },
    ]),
  };
}

/** `khacphuc <finding>` alone: checked now, then the next message is the note. */
async function askNote(ctx: CommandContext, code: string): Promise<Reply> {
  const { locale } = ctx;
  const found = await checkReportable(ctx, code);
  await startDialogue(ctx, { case: found.code, line: `khacphuc ${found.code}`, expects: 'text' });
  return {
    blocks: [
      {
        kind: 'text',
        text: t(locale, 'cmd.khacphuc.ask_note', { finding: found.code, text: clipText(found.remedy, 160), max: formatCount(FINDING_NOTE_MAX_LENGTH, locale) }),
      },
    ],
    buttons: [[{ label: t(locale, 'cmd.khacphuc.button.cancel'), action: 'huy' }]],
  };
}

/** `khacphuc mo <finding>` alone (the "Mở lại" button): checked now, then the next message is the reason. */
async function askReason(ctx: CommandContext, code: string): Promise<Reply> {
  const { locale } = ctx;
  const found = await getVisibleFinding(ctx.deps.db, code, ctx.person!, ctx.today);
  if (!(await canFollowUpFinding(ctx.deps.db, ctx.person!, found))) throw new UserError('finding.province_only', { finding: found.code });
  if (found.status === 'open') throw new UserError('finding.already_open', { finding: found.code });
  await startDialogue(ctx, { case: found.code, line: `khacphuc mo ${found.code}`, expects: 'text' });
  return {
    blocks: [{ kind: 'text', text: t(locale, 'cmd.khacphuc.ask_reason', { finding: found.code, max: formatCount(FINDING_NOTE_MAX_LENGTH, locale) }) }],
    buttons: [[{ label: t(locale, 'cmd.khacphuc.button.cancel'), action: 'huy' }]],
  };
}

async function followUp(ctx: CommandContext, sub: 'close' | 'reopen', code: string, text: string): Promise<Reply> {
  const { locale } = ctx;
  const actor = { person: ctx.person!, channel: ctx.account.platform };
  let change: FindingChange;
  try {
    change =
      sub === 'close'
        ? await closeFinding(ctx.deps.db, code, { note: text }, actor, clockOf(ctx))
        : await reopenFinding(ctx.deps.db, code, { reason: text }, actor, clockOf(ctx));
  } catch (error) {
    throw error instanceof UserError ? localiseFindingError(error, locale) : error;
  }
  await endDialogueAbout(ctx, change.code);
  const from = t(locale, `cmd.kiemtra.state.${change.from}`);
  const note = change.note === null ? '' : clipText(change.note, 500);
  const said =
    sub === 'close'
      ? t(locale, 'cmd.khacphuc.closed', { finding: change.code, from }) + (note ? `\n${t(locale, 'cmd.khacphuc.closed_note', { note })}` : '')
      : t(locale, 'cmd.khacphuc.reopened', { finding: change.code, from, note });
  return message(said, 'success');
}

/** The text after the first `n` words, as typed (a multi-line note keeps its lines); undefined without the text. */
function afterWords(text: string | undefined, n: number): string | undefined {
  if (text === undefined) return undefined;
  const match = new RegExp(`^\\s*(?:\\S+\\s+){${n}}`).exec(text);
  return match ? text.slice(match[0].length).trimEnd() : undefined;
}
