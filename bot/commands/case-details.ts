import { z } from 'zod';
import { canUpdateCase, isLeader, worksOnCases } from '../../db/access.ts';
import type { CaseState } from '../../db/case-updates/index.ts';
import { defineCommand } from '../core/command.ts';
import { message, type Outgoing, type Reply } from '../core/reply.ts';
import { formatCount, formatDate, formatMoney, truncateText } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';
import { loadCase } from './case-arg.ts';
import { statusLabel } from './case-reply.ts';
import { type CaseEvent, type CaseFile, getCaseTimeline } from '../../db/case-timeline.ts';

/** The latest steps shown: enough for the story, short enough for one message. */
const EVENTS_SHOWN = 15;
/** A long note is cut in the timeline; the whole text stays in the database. */
const NOTE_SHOWN = 200;

/**
 * `vuviec <case>`: the case file and its timeline, for those who may see the case. Details
 * name a debt and its history (decree 13/2023), so they go to a private chat only: asked in a
 * group, the group gets a pointer and the person a private message.
 */
export const caseCommand = defineCommand({
  name: 'vuviec',
  alias: 'case',
  allowed: worksOnCases,
  args: z.tuple([z.string()]),
  async run(ctx, [code]): Promise<Outgoing[]> {
    const state = await loadCase(ctx, code, 'read');
    // Questions and answers are the leaders' exchange (db/questions.ts): a leader who reads the case sees them.
    const { file, events } = await getCaseTimeline(ctx.deps.db, state.code, ctx.deps.config.timeZone, { questions: isLeader(ctx.person!) });
    const details = detailsReply(state, file, events, ctx.locale);
    if (canUpdateCase(ctx.person!, state)) {
      details.buttons = [[{ label: t(ctx.locale, 'cmd.vuviec.button.update'), action: `capnhat ${state.code}` }]];
    }
    if (ctx.chat.isPrivate) return [{ to: 'chat', reply: details }];
    return [
      { to: 'chat', reply: message(t(ctx.locale, 'cmd.vuviec.sent_privately', { case: state.code })) },
      { to: 'private', reply: details },
    ];
  },
});

/** The case file's facts as labelled fields (the chat's reply and the web's case page). */
export function caseFields(s: CaseState, file: CaseFile, locale: Locale): { label: string; value: string }[] {
  const date = (d: string) => formatDate(d, locale);
  const field = (key: string, value: string) => ({ label: t(locale, key), value });
  return [
    field('cmd.vuviec.unit', `${file.unitName} (${file.unitCode})`),
    field('cmd.vuviec.officer', file.officerName ? `${file.officerName} (${file.officerCode})` : t(locale, 'cmd.vuviec.no_officer')),
    field('cmd.vuviec.decision', t(locale, 'cmd.vuviec.decision_value', { no: file.decisionNo, date: date(file.decisionDate) })),
    field('cmd.vuviec.accepted', date(file.acceptedDate)),
    field('cmd.case.status', t(locale, 'cmd.case.status_since', { status: statusLabel(s.status, locale), date: date(s.statusDate) })),
    ...(s.amount > 0
      ? [
          field('cmd.case.amount', formatMoney(s.amount, locale)),
          field('cmd.case.collected', formatMoney(s.collected, locale)),
          field('cmd.case.remaining', formatMoney(s.remaining, locale)),
        ]
      : [field('cmd.case.amount', t(locale, 'cmd.vuviec.not_money'))]),
    field('cmd.vuviec.verified', file.verifiedOn ? date(file.verifiedOn) : t(locale, 'cmd.vuviec.never')),
    ...(s.dueDate ? [field('cmd.case.due', date(s.dueDate))] : []),
    ...(file.flags.length > 0 ? [field('cmd.vuviec.flags', file.flags.map((f) => t(locale, `cmd.vuviec.flag.${f}`)).join(', '))] : []),
  ];
}

function detailsReply(s: CaseState, file: CaseFile, events: CaseEvent[], locale: Locale): Reply {
  const date = (d: string) => formatDate(d, locale);
  const fields = caseFields(s, file, locale);
  const shown = events.slice(-EVENTS_SHOWN);
  const earlier = events.length - shown.length;
  return {
    title: t(locale, 'cmd.vuviec.title', { case: s.code }),
    blocks: [
      { kind: 'fields', fields },
      {
        kind: 'text',
        text: [
          t(locale, 'cmd.vuviec.timeline'),
          ...(earlier > 0 ? [t(locale, 'cmd.vuviec.earlier', { count: formatCount(earlier, locale) })] : []),
          ...shown.map((e) => `${date(e.on)} · ${describeCaseEvent(e, locale)}`),
        ].join('\n'),
      },
    ],
  };
}

/** One step of the timeline in words, with who reported it. */
export function describeCaseEvent(e: CaseEvent, locale: Locale): string {
  const by = e.by ? ` (${e.by})` : '';
  switch (e.kind) {
    case 'accepted':
      return t(locale, 'cmd.vuviec.event.accepted');
    case 'status':
      return t(locale, 'cmd.vuviec.event.status', { status: statusLabel(e.status, locale) }) + by;
    case 'collection':
      return t(locale, 'cmd.vuviec.event.collection', { amount: formatMoney(e.amount, locale) }) + by;
    case 'verification':
      return t(locale, 'cmd.vuviec.event.verification') + by + (e.note ? `: ${truncateText(e.note, NOTE_SHOWN)}` : '');
    case 'note':
      return t(locale, 'cmd.vuviec.event.note') + by + `: ${truncateText(e.text, NOTE_SHOWN)}`;
    case 'question':
      return t(locale, 'question.timeline.asked', { question: e.ref, asker: e.by ?? '', body: truncateText(e.text, NOTE_SHOWN) });
    case 'answer':
      return t(locale, 'question.timeline.answered', { question: e.ref, answerer: e.by ?? '', body: truncateText(e.text, NOTE_SHOWN) });
  }
}
