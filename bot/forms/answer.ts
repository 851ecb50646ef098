import { isLeader } from '../../db/access.ts';
import { UserError } from '../../db/errors.ts';
import { claimUpdate, isClaimed } from '../../db/processed-updates.ts';
import { getVisibleQuestion, listQuestions, mayAnswer, QUESTION_MAX_LENGTH } from '../../db/questions.ts';
import { recordAnswer } from '../commands/answer-question.ts';
import { commandRef } from '../core/command-ref.ts';
import { message } from '../core/reply.ts';
import { clipText } from '../format/clip.ts';
import { t } from '../i18n/index.ts';
import type { FormDefinition, FormView } from './form.ts';

const CHOICE_TEXT = 75;

/**
 * Answering a question (`traloi`) as a form, opened by the question's button on Slack: the
 * question chosen (the pressed one), the answer typed. It ends in recordAnswer, as the chat does.
 */
export const answerForm: FormDefinition = {
  id: 'answer',
  async open(ctx, initial): Promise<FormView> {
    if (!ctx.person || !isLeader(ctx.person)) throw new UserError('core.not_allowed', { command: commandRef('traloi') });
    const { locale } = ctx;
    // Refused at once (not found, another unit's, answered) rather than after the answer is typed.
    const q = await getVisibleQuestion(ctx.deps.db, initial.question ?? '', ctx.person);
    if (!mayAnswer(ctx.person, q)) throw new UserError('question.answer_not_allowed', { question: q.ref });
    if (q.answeredAt) throw new UserError('question.already_answered', { question: q.ref });
    return {
      form: 'answer',
      title: t(locale, 'views.answer.title'),
      submit: t(locale, 'views.answer.submit'),
      close: t(locale, 'views.modal.close'),
      intro: `${t(locale, 'views.answer.question', { question: q.ref, case: q.caseCode, asker: q.askerName })}\n${q.body}`,
      ...(ctx.chat.isPrivate ? {} : { origin: ctx.chat.id }),
      fields: [
        { name: 'question', label: t(locale, 'views.answer.title'), optional: false, kind: 'search', placeholder: q.ref, initial: { text: clipText(`${q.ref} · ${q.caseCode}`, CHOICE_TEXT), value: q.ref } },
        { name: 'answer', label: t(locale, 'views.answer.field'), optional: false, kind: 'text', multiline: true, maxLength: QUESTION_MAX_LENGTH },
      ],
    };
  },
  async search(ctx) {
    // The open questions put to the person's own unit: the only ones they may answer.
    if (!ctx.person || !isLeader(ctx.person)) return [];
    const open = await listQuestions(ctx.deps.db, { unitIds: [ctx.person.unitId], open: true });
    return open.map((q) => ({ text: clipText(`${q.ref} · ${q.caseCode}`, CHOICE_TEXT), value: q.ref }));
  },
  async submit(ctx, values, submissionId) {
    const platform = ctx.account.platform;
    if (platform !== 'console' && (await isClaimed(ctx.deps.db, platform, submissionId))) {
      return { reply: message(t(ctx.locale, 'views.answer.already')), already: true };
    }
    try {
      const reply = await recordAnswer(ctx, values.question ?? '', values.answer ?? '');
      if (platform !== 'console') await claimUpdate(ctx.deps.db, platform, submissionId, ctx.deps.now());
      return { reply };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const field = error.code === 'question.not_found' || error.code === 'question.answer_not_allowed' || error.code === 'question.already_answered' ? 'question' : 'answer';
      return { errors: { [field]: t(ctx.locale, error.code, error.params) } };
    }
  },
};
