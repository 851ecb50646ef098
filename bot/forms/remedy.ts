import { canReportRemedy } from '../../db/access.ts';
import type { Db } from '../../db/client.ts';
import { UserError } from '../../db/errors.ts';
import {
  checkFindingText,
  FINDING_NOTE_MAX_LENGTH,
  type FindingChange,
  type FindingRow,
  getVisibleFinding,
  listReportableFindings,
  reportRemedy,
} from '../../db/findings.ts';
import { claimUpdate, isClaimed } from '../../db/processed-updates.ts';
import { fold } from '../../db/text.ts';
import { clockOf } from '../commands/case-arg.ts';
import type { CommandContext } from '../core/command.ts';
import { message, type Reply } from '../core/reply.ts';
import { endDialogueAbout } from '../dialogue/state.ts';
import { formatCount, formatDate } from '../format.ts';
import { clipText, graphemePrefix } from '../format/clip.ts';
import { type Locale, t } from '../i18n/index.ts';
import type { Choice, FormDefinition, FormValues, FormView } from './form.ts';

/** Slack's limit for a select's options, each shown in 75 characters. */
const MAX_CHOICES = 100;
const CHOICE_TEXT = 75;

/**
 * Reporting a finding remedied (`khacphuc`) as a form: which finding, and what was done.
 * Telegram and the console ask for the note step by step (bot/commands/remedy.ts); both end in
 * submitRemedy, the same writer and the same confirmation.
 */
export const remedyForm: FormDefinition = {
  id: 'remedy',
  async open(ctx, initial): Promise<FormView> {
    const { locale } = ctx;
    // A finding named by a button or the command is checked now, not only on submission.
    if (initial.finding) await checkReportable(ctx, initial.finding);
    const label = (name: string) => t(locale, `views.remedy.${name}`);
    return {
      form: 'remedy',
      title: label('title'),
      submit: label('submit'),
      close: label('close'),
      intro: label('intro'),
      ...(ctx.chat.isPrivate ? {} : { origin: ctx.chat.id }),
      fields: [
        {
          name: 'finding',
          label: label('finding'),
          optional: false,
          kind: 'search',
          placeholder: label('finding_placeholder'),
          ...(initial.finding ? { initial: { text: initial.finding.toUpperCase(), value: initial.finding.toUpperCase() } } : {}),
        },
        { name: 'note', label: label('note'), hint: label('note_hint'), optional: false, kind: 'text', multiline: true, maxLength: FINDING_NOTE_MAX_LENGTH },
      ],
    };
  },
  search: (ctx, field, query) => (field === 'finding' ? searchFindings(ctx, query) : Promise.resolve([])),
  async submit(ctx, values, submissionId) {
    const platform = ctx.account.platform;
    const already = { reply: message(t(ctx.locale, 'views.modal.already_recorded')), already: true as const };
    if (platform !== 'console' && (await isClaimed(ctx.deps.db, platform, submissionId))) return already;
    const claim = platform === 'console' ? undefined : (tx: Db) => claimUpdate(tx, platform, submissionId, ctx.deps.now());
    const done = await submitRemedy(ctx, values, claim);
    if ('refused' in done) return { errors: Object.fromEntries(Object.entries(done.refused).map(([f, e]) => [f, explainFindingError(e, ctx.locale)])) };
    return 'unclaimed' in done ? already : done;
  },
};

/** The finding as this person may report it: visible, theirs to report, still open. */
export async function checkReportable(ctx: CommandContext, code: string): Promise<FindingRow> {
  const found = await getVisibleFinding(ctx.deps.db, code, ctx.person!, ctx.today);
  if (!canReportRemedy(ctx.person!, found)) throw new UserError('finding.not_responsible', { finding: found.code });
  if (found.status === 'reported') throw new UserError('finding.already_reported', { finding: found.code });
  if (found.status === 'closed') throw new UserError('finding.already_closed', { finding: found.code });
  return found;
}

/**
 * The one way a remedy is reported, from a form or a chat: the fields checked, then the writer
 * (db/findings.ts) in one transaction with `claim` (a form's submission id), so a second
 * submission records nothing. Refusals come back by field.
 */
export async function submitRemedy(
  ctx: CommandContext,
  values: FormValues,
  claim?: (tx: Db) => Promise<boolean>,
): Promise<{ refused: Record<string, UserError> } | { reply: Reply } | { unclaimed: true }> {
  const refused: Record<string, UserError> = {};
  if (!values.finding) refused.finding = new UserError('views.remedy.finding_required');
  let note = '';
  try {
    note = checkFindingText(values.note, 'finding.note_required');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    refused.note = error;
  }
  if (Object.keys(refused).length > 0) return { refused };
  let change: FindingChange | null;
  try {
    change = await ctx.deps.db.transaction(async (tx) => {
      if (claim && !(await claim(tx))) return null;
      return reportRemedy(tx, values.finding!, { note }, { person: ctx.person!, channel: ctx.account.platform }, clockOf(ctx));
    });
  } catch (error) {
    if (error instanceof UserError) return { refused: { finding: error } };
    throw error;
  }
  if (change === null) return { unclaimed: true };
  await endDialogueAbout(ctx, change.code);
  return { reply: message(t(ctx.locale, 'cmd.khacphuc.reported', { finding: change.code, note: clipText(note, 500) }), 'success') };
}

/** A remedy reported in chat: the first refusal thrown in the person's words, as any command's. */
export async function remedyInChat(ctx: CommandContext, values: FormValues): Promise<Reply> {
  const done = await submitRemedy(ctx, values);
  if ('refused' in done) throw localiseFindingError(Object.values(done.refused)[0]!, ctx.locale);
  if ('unclaimed' in done) throw new Error('a remedy without a claim cannot be unclaimed');
  return done.reply;
}

/** Counts in a refusal as the person writes them (2.000, not 2000). */
export function localiseFindingError(error: UserError, locale: Locale): UserError {
  if (error.code !== 'finding.note_too_long') return error;
  const params = Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, typeof v === 'number' ? formatCount(v, locale) : v]));
  return new UserError(error.code, params);
}

function explainFindingError(error: UserError, locale: Locale): string {
  const e = localiseFindingError(error, locale);
  return t(locale, e.code, e.params);
}

/** The findings the person may report, whose code or shortcoming holds every word typed. */
async function searchFindings(ctx: CommandContext, query: string): Promise<Choice[]> {
  if (!ctx.person) return [];
  const { locale } = ctx;
  const mine = await listReportableFindings(ctx.deps.db, ctx.person, ctx.today);
  const words = fold(graphemePrefix(query, 100)).split(/\s+/).filter(Boolean);
  const found = mine.filter((f) => words.every((w) => `${fold(f.code)} ${fold(f.description)}`.includes(w)));
  return found.slice(0, MAX_CHOICES).map((f) => ({
    text: clipText(`${f.code} · ${t(locale, 'cmd.kiemtra.due', { date: formatDate(f.dueDate, locale) })} · ${f.description}`, CHOICE_TEXT),
    value: f.code,
  }));
}
