import { z } from 'zod';
import { isLeader } from '../../db/access.ts';
import { UserError } from '../../db/errors.ts';
import { answerQuestion, getVisibleQuestion, mayAnswer, QUESTION_MAX_LENGTH, type QuestionWrite } from '../../db/questions.ts';
import { type CommandContext, defineCommand } from '../core/command.ts';
import { message, type Reply } from '../core/reply.ts';
import { endDialogueAbout, startDialogue } from '../dialogue/state.ts';
import { formatCount } from '../format.ts';
import { t } from '../i18n/index.ts';
import { sendAnswer } from './question-messages.ts';

/**
 * `traloi <id> <answer>`: a leader of the questioned unit answers. `traloi <id>` alone asks for
 * the answer, the next message being its text (on Slack a form opens instead, bot/forms/answer.ts);
 * every way ends in recordAnswer.
 */
export const answerCommand = defineCommand({
  name: 'traloi',
  alias: 'answer',
  allowed: (p) => p !== null && isLeader(p),
  args: z.array(z.string()),
  form: { id: 'answer', initial: (words) => (words.length === 1 ? { question: words[0]! } : undefined) },
  async run(ctx, words) {
    const [ref, ...rest] = words;
    if (ref === undefined) throw new UserError('core.usage', { usage: t(ctx.locale, 'cmd.traloi.usage') });
    if (rest.length > 0) return recordAnswer(ctx, ref, afterWords(ctx.argsText, 1) ?? rest.join(' '));
    const q = await getVisibleQuestion(ctx.deps.db, ref, ctx.person!);
    if (!mayAnswer(ctx.person!, q)) throw new UserError('question.answer_not_allowed', { question: q.ref });
    if (q.answeredAt) throw new UserError('question.already_answered', { question: q.ref });
    // The dialogue is keyed by a case code; the question's short id keeps it apart from a report on that case.
    await startDialogue(ctx, { case: q.ref, line: `traloi ${q.ref}`, expects: 'text' });
    return {
      blocks: [{ kind: 'text', text: t(ctx.locale, 'cmd.traloi.ask_answer', { question: q.ref, case: q.caseCode, max: formatCount(QUESTION_MAX_LENGTH, ctx.locale) }) }],
      buttons: [[{ label: t(ctx.locale, 'cmd.traloi.button.cancel'), action: 'huy' }]],
    };
  },
});

/** Records the answer, plans it for the asker and the unit's chat, and confirms. */
export async function recordAnswer(ctx: CommandContext, ref: string, text: string): Promise<Reply> {
  const q = await answerQuestion(ctx.deps.db, ref, text, questionWriter(ctx));
  await endDialogueAbout(ctx, q.ref);
  await sendAnswer(ctx.deps, q);
  return message(t(ctx.locale, 'cmd.traloi.done', { question: q.ref, case: q.caseCode, asker: q.askerName }), 'success');
}

/** The person writing, as db/questions.ts records them. */
export function questionWriter(ctx: CommandContext): QuestionWrite {
  return { person: ctx.person!, channel: ctx.account.platform, now: ctx.deps.now() };
}

/** The text after the first `n` words, as typed (a multi-line answer keeps its lines); undefined without the text. */
export function afterWords(text: string | undefined, n: number): string | undefined {
  if (text === undefined) return undefined;
  const match = new RegExp(`^\\s*(?:\\S+\\s+){${n}}`).exec(text);
  return match ? text.slice(match[0].length).trimEnd() : undefined;
}
