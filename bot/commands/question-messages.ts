/**
 * What questioning sends through the outbox (jobs/outbox.ts): the question posted in the unit's
 * group or channel on every platform it has one, addressed to the unit's head, with an answer
 * button; and the answer, privately to the asker and under the question in the unit's chat.
 * Keys: job `question` / `question-answer`, period the short id, so each goes once per chat.
 */
import { getChatAccounts } from '../../db/chat-accounts.ts';
import { findQuestionMessage, getUnitHeads, type Question } from '../../db/questions.ts';
import { type ChatPlatform, chatPlatforms } from '../../db/schema.ts';
import { getUnitChannel } from '../../db/unit-channels.ts';
import { todayIn } from '../../db/work-year.ts';
import { mentionsOn } from '../../jobs/briefing/mentions.ts';
import { enqueue } from '../../jobs/outbox.ts';
import type { PlannedMessage } from '../../jobs/types.ts';
import type { CoreDeps } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { formatDate } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

export const QUESTION_JOB = 'question';
export const ANSWER_JOB = 'question-answer';

/** The unit's group or channel on each platform where it has one. */
export async function unitDestinations(deps: CoreDeps, unitId: number): Promise<{ platform: ChatPlatform; chatId: string }[]> {
  const found = await Promise.all(chatPlatforms.map(async (platform) => ({ platform, chatId: await getUnitChannel(deps.db, unitId, platform) })));
  return found.filter((d): d is { platform: ChatPlatform; chatId: string } => d.chatId !== undefined);
}

/** A day as the people read it, in the server's time zone. */
export function dayOf(deps: { config: Pick<CoreDeps['config'], 'timeZone'> }, at: Date, locale: Locale): string {
  return formatDate(todayIn(deps.config.timeZone, at), locale);
}

/** The question as posted in the unit's chat: to its head by name (a mention where linked). */
export function questionPost(deps: { config: Pick<CoreDeps['config'], 'timeZone'> }, q: Question, heads: readonly { name: string }[], locale: Locale): Reply {
  const params = { question: q.ref, case: q.caseCode, unit: q.unitName, asker: q.askerName, date: dayOf(deps, q.askedAt, locale) };
  const to = heads.length > 0 ? t(locale, 'question.post.to', { ...params, head: heads.map((h) => h.name).join(', ') }) : t(locale, 'question.post.to_unit', params);
  return {
    title: t(locale, 'question.post.title', params),
    blocks: [
      { kind: 'text', text: `${to}\n${t(locale, 'question.post.asked', params)}` },
      { kind: 'text', text: q.body },
      { kind: 'context', text: t(locale, 'question.post.how', params) },
    ],
    buttons: [[{ label: t(locale, 'question.button.answer'), action: `traloi ${q.ref}` }]],
  };
}

/** The answer with the question it answers, for the asker and for the unit's chat alike. */
export function answerReply(deps: { config: Pick<CoreDeps['config'], 'timeZone'> }, q: Question, locale: Locale): Reply {
  const params = { question: q.ref, case: q.caseCode, asker: q.askerName, answerer: q.answererName ?? '' };
  return {
    title: t(locale, 'question.answer.title', params),
    blocks: [
      { kind: 'context', text: t(locale, 'question.answer.asked', { ...params, date: dayOf(deps, q.askedAt, locale) }) },
      { kind: 'text', text: q.body },
      { kind: 'context', text: t(locale, 'question.answer.by', { ...params, date: dayOf(deps, q.answeredAt ?? q.askedAt, locale) }) },
      { kind: 'text', text: q.answer ?? '' },
    ],
  };
}

/** Plans the question's post in each of the unit's chats; returns the platforms it goes to (none: no chat). */
export async function postQuestion(deps: CoreDeps, q: Question): Promise<ChatPlatform[]> {
  const destinations = await unitDestinations(deps, q.unitId);
  if (destinations.length === 0) return [];
  const heads = await getUnitHeads(deps.db, q.unitId);
  const accounts = await getChatAccounts(deps.db, heads.map((h) => h.id));
  const locale = deps.config.defaultLocale;
  const reply = questionPost(deps, q, heads, locale);
  const planned: PlannedMessage[] = destinations.map((destination) => {
    const mentions = mentionsOn(destination.platform, heads, accounts);
    return { job: QUESTION_JOB, destination, period: q.ref, reply, locale, ...(mentions.length > 0 ? { mentions } : {}) };
  });
  await enqueue(deps.db, planned, deps.now());
  return destinations.map((d) => d.platform);
}

/**
 * Plans the answer: privately to the asker on each platform they are linked on, and in each
 * of the unit's chats as a reply to the question's message where it was sent (else it stands
 * alone, its title naming the question's short id).
 */
export async function sendAnswer(deps: CoreDeps, q: Question): Promise<void> {
  const accounts = (await getChatAccounts(deps.db, [q.askedBy])).get(q.askedBy) ?? {};
  const askerLocale = q.askerLocale ?? deps.config.defaultLocale;
  const planned: PlannedMessage[] = [];
  for (const platform of chatPlatforms) {
    const chatId = accounts[platform];
    if (chatId) planned.push({ job: ANSWER_JOB, destination: { platform, chatId }, period: q.ref, reply: answerReply(deps, q, askerLocale), locale: askerLocale });
  }
  const locale = deps.config.defaultLocale;
  for (const destination of await unitDestinations(deps, q.unitId)) {
    const replyTo = await findQuestionMessage(deps.db, destination.platform, destination.chatId, q.id);
    planned.push({ job: ANSWER_JOB, destination, period: q.ref, reply: answerReply(deps, q, locale), locale, ...(replyTo ? { replyTo } : {}) });
  }
  await enqueue(deps.db, planned, deps.now());
}
