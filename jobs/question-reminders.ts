import type { Reply } from '../bot/core/reply.ts';
import { formatCount } from '../bot/format.ts';
import { type Locale, t } from '../bot/i18n/index.ts';
import { dayOf } from '../bot/commands/question-messages.ts';
import type { Calendar } from '../db/calendar.ts';
import { getChatAccounts } from '../db/chat-accounts.ts';
import { getOverseers } from '../db/overseers.ts';
import { getUnitHeads, listQuestions, type Question } from '../db/questions.ts';
import { chatPlatforms } from '../db/schema.ts';
import { getUnitChannels } from '../db/unit-channels.ts';
import { addDays, type IsoDate, todayIn } from '../db/work-year.ts';
import { mentionsOn } from './briefing/mentions.ts';
import type { Job, JobDeps, PlannedMessage } from './types.ts';

const NAME = 'question-reminders';
/** Unanswered this many working days after it was asked, a question is reminded in the unit's chat, each working day. */
export const REMIND_AFTER_WORKING_DAYS = 2;
/** …and this many, escalated privately to the asker and the leader overseeing the unit, once. */
export const ESCALATE_AFTER_WORKING_DAYS = 5;

/**
 * Each working afternoon, the questions still unanswered: from the 2nd working day after the
 * question, a reminder in each of the unit's chats naming its head (a mention where linked),
 * with the case and the question, period `2026-11-25 CV12` (once per chat and day; a reply to it
 * answers, as to the question); from the 5th, one private message to the asker and to each
 * province leader overseeing the unit, period `escalation CV12` (once per person and platform).
 * An answered question is not listed, so never reminded.
 */
export const questionRemindersJob: Job = {
  name: NAME,
  defaultSchedule: '0 14 * * *',
  workingDaysOnly: true,
  async run(deps, now) {
    const today = todayIn(deps.config.timeZone, now);
    const calendar = deps.numbers.calendar;
    const due = (await listQuestions(deps.db, { open: true }))
      .map((q) => ({ q, days: workingDaysSince(todayIn(deps.config.timeZone, q.askedAt), today, calendar) }))
      .filter(({ days }) => days >= REMIND_AFTER_WORKING_DAYS);
    if (due.length === 0) return [];
    const [channels, overseers] = await Promise.all([getUnitChannels(deps.db), getOverseers(deps.db)]);
    const unitIds = [...new Set(due.map(({ q }) => q.unitId))];
    const heads = new Map(await Promise.all(unitIds.map(async (id) => [id, await getUnitHeads(deps.db, id)] as const)));
    const accounts = await getChatAccounts(deps.db, [
      ...[...heads.values()].flat().map((h) => h.id),
      ...due.map(({ q }) => q.askedBy),
      ...overseers.map((o) => o.id),
    ]);
    const locale = deps.config.defaultLocale;
    const planned: PlannedMessage[] = [];
    for (const { q, days } of due) {
      const named = heads.get(q.unitId) ?? [];
      const reply = reminderReply(deps, q, named, days, locale);
      for (const destination of channels.find((u) => u.id === q.unitId)?.destinations ?? []) {
        const mentions = mentionsOn(destination.platform, named, accounts);
        planned.push({ job: NAME, destination, period: `${today} ${q.ref}`, reply, locale, ...(mentions.length > 0 ? { mentions } : {}) });
      }
      if (days < ESCALATE_AFTER_WORKING_DAYS) continue;
      const recipients = new Map<number, Locale>([[q.askedBy, q.askerLocale ?? locale]]);
      for (const o of overseers) if (o.unitIds.includes(q.unitId) && !recipients.has(o.id)) recipients.set(o.id, o.locale ?? locale);
      for (const [id, own] of recipients) {
        for (const platform of chatPlatforms) {
          const chatId = accounts.get(id)?.[platform];
          if (chatId) planned.push({ job: NAME, destination: { platform, chatId }, period: `escalation ${q.ref}`, reply: escalationReply(deps, q, days, own), locale: own });
        }
      }
    }
    return planned;
  },
};

/** Working days after `from` up to `to` included: asked on Monday, it is 2 on Wednesday. */
export function workingDaysSince(from: IsoDate, to: IsoDate, calendar: Calendar): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to && n < 1000; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) n++;
  return n;
}

function reminderReply(deps: JobDeps, q: Question, heads: readonly { name: string }[], days: number, locale: Locale): Reply {
  const params = { question: q.ref, case: q.caseCode, unit: q.unitName, asker: q.askerName, date: dayOf(deps, q.askedAt, locale), days: formatCount(days, locale) };
  const text = heads.length > 0 ? t(locale, 'question.reminder.text', { ...params, head: heads.map((h) => h.name).join(', ') }) : t(locale, 'question.reminder.text_unit', params);
  return {
    title: t(locale, 'question.reminder.title', params),
    blocks: [
      { kind: 'text', text },
      { kind: 'text', text: q.body },
      { kind: 'context', text: t(locale, 'question.post.how', params) },
    ],
    buttons: [[{ label: t(locale, 'question.button.answer'), action: `traloi ${q.ref}` }]],
  };
}

function escalationReply(deps: JobDeps, q: Question, days: number, locale: Locale): Reply {
  const params = { question: q.ref, case: q.caseCode, unit: q.unitName, asker: q.askerName, date: dayOf(deps, q.askedAt, locale), days: formatCount(days, locale) };
  return {
    title: t(locale, 'question.escalation.title', params),
    blocks: [
      { kind: 'text', text: t(locale, 'question.escalation.text', params) },
      { kind: 'text', text: q.body },
    ],
  };
}
