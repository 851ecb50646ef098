import type { Reply } from '../../bot/core/reply.ts';
import { formatCount, formatDate } from '../../bot/format.ts';
import { type Locale, t } from '../../bot/i18n/index.ts';
import { formatWeek } from '../../bot/report/period.ts';
import type { AwaitingFollowUp, DueFinding } from '../../db/numbers/findings-due.ts';
import type { IsoDate } from '../../db/work-year.ts';
import type { FindingState } from './reminder-days.ts';

/** How many findings a section of a message lists; the rest are counted. */
export const LISTED = 10;
/** Descriptions and remedies are cut to this many characters in a reminder line. */
const TEXT_MAX = 200;

export interface RemindedFinding extends DueFinding {
  state: FindingState;
}

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > TEXT_MAX ? `${flat.slice(0, TEXT_MAX - 1).trimEnd()}…` : flat;
};

const responsible = (f: DueFinding, locale: Locale) => f.responsibleName ?? t(locale, 'job.findings.no_responsible');

function when(f: RemindedFinding, locale: Locale): string {
  const due = formatDate(f.dueDate, locale);
  const s = f.state;
  switch (s.kind) {
    case 'overdue':
      return t(locale, 'job.findings.when.overdue', { due, days: formatCount(s.workingDays, locale) });
    case 'soon':
      return t(locale, 'job.findings.when.soon', { due, days: formatCount(s.days, locale) });
    default:
      return t(locale, `job.findings.when.${s.kind}`, { due });
  }
}

const more = (total: number, shown: number, locale: Locale) =>
  total > shown ? [t(locale, 'job.findings.more', { count: formatCount(total - shown, locale) })] : [];

/**
 * A unit's reminder for the day: its findings reminded today, overdue first, then due today,
 * then due soon, each with its conclusion, remedy, the person responsible and the deadline.
 */
export function unitReminderReply(
  unit: { name: string },
  findings: readonly RemindedFinding[],
  opts: { today: IsoDate; escalated: number },
  locale: Locale,
): { reply: Reply; named: { id: number | null; name: string | null }[] } {
  const sections = [
    { key: 'job.findings.overdue', items: findings.filter((f) => f.state.kind === 'overdue') },
    { key: 'job.findings.today', items: findings.filter((f) => f.state.kind === 'today') },
    { key: 'job.findings.soon', items: findings.filter((f) => f.state.kind !== 'overdue' && f.state.kind !== 'today') },
  ].filter((s) => s.items.length > 0);
  const named: { id: number | null; name: string | null }[] = [];
  const blocks: Reply['blocks'] = sections.map((s) => {
    const shown = s.items.slice(0, LISTED);
    named.push(...shown.map((f) => ({ id: f.responsibleId, name: f.responsibleName })));
    return {
      kind: 'text' as const,
      text: [
        t(locale, s.key, { count: formatCount(s.items.length, locale) }),
        ...shown.map((f) =>
          [
            t(locale, 'job.findings.line', {
              finding: f.code,
              inspection: f.inspection,
              description: clip(f.description),
              remedy: clip(f.remedy),
              responsible: responsible(f, locale),
              when: when(f, locale),
            }),
            ...(f.reopened
              ? [t(locale, 'job.findings.reopened', { date: formatDate(f.reopened.on, locale), reason: clip(f.reopened.reason ?? '—') })]
              : []),
          ].join('\n'),
        ),
        ...more(s.items.length, shown.length, locale),
      ].join('\n'),
    };
  });
  blocks.push({ kind: 'text', text: t(locale, 'job.findings.ask') });
  if (opts.escalated > 0) blocks.push({ kind: 'text', text: t(locale, 'job.findings.escalated', { count: formatCount(opts.escalated, locale) }) });
  blocks.push({ kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(opts.today, locale) }) });
  return { reply: { title: t(locale, 'job.findings.title', { date: formatDate(opts.today, locale), name: unit.name }), blocks }, named };
}

/** A leader's private message for the day: per unit they oversee, its overdue findings reminded today. */
export function findingsEscalationReply(
  units: readonly { code: string; name: string; findings: readonly RemindedFinding[] }[],
  today: IsoDate,
  locale: Locale,
): Reply {
  return {
    title: t(locale, 'job.findings.escalation.title', { date: formatDate(today, locale) }),
    blocks: [
      ...units.map((u) => {
        const shown = u.findings.slice(0, LISTED);
        return {
          kind: 'text' as const,
          text: [
            t(locale, 'job.findings.escalation.unit', { name: u.name, unit: u.code, count: formatCount(u.findings.length, locale) }),
            ...shown.map((f) =>
              t(locale, 'job.findings.escalation.line', {
                finding: f.code,
                inspection: f.inspection,
                description: clip(f.description),
                responsible: responsible(f, locale),
                due: formatDate(f.dueDate, locale),
                days: formatCount(f.state.kind === 'overdue' ? f.state.workingDays : 0, locale),
              }),
            ),
            ...more(u.findings.length, shown.length, locale),
          ].join('\n'),
        };
      }),
      { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(today, locale) }) },
    ],
  };
}

/** A province's weekly list of findings reported remedied and not yet closed, by unit. */
export function followUpReply(province: { name: string }, awaiting: readonly AwaitingFollowUp[], opts: { today: IsoDate; monday: IsoDate }, locale: Locale): Reply {
  const byUnit = new Map<string, AwaitingFollowUp[]>();
  for (const f of awaiting) byUnit.set(f.unitCode, [...(byUnit.get(f.unitCode) ?? []), f]);
  return {
    title: t(locale, 'job.findings.follow_up.title', { name: province.name, week: formatWeek(opts.monday, locale) }),
    blocks: [
      ...[...byUnit.values()].map((list) => {
        const shown = list.slice(0, LISTED);
        return {
          kind: 'text' as const,
          text: [
            t(locale, 'job.findings.follow_up.unit', { name: list[0]!.unitName, unit: list[0]!.unitCode, count: formatCount(list.length, locale) }),
            ...shown.map((f) => {
              const params = { finding: f.code, inspection: f.inspection, description: clip(f.description), due: formatDate(f.dueDate, locale) };
              return f.reportedOn
                ? t(locale, 'job.findings.follow_up.line', { ...params, reported: formatDate(f.reportedOn, locale) })
                : t(locale, 'job.findings.follow_up.line_undated', params);
            }),
            ...more(list.length, shown.length, locale),
          ].join('\n'),
        };
      }),
      { kind: 'text', text: t(locale, 'job.findings.follow_up.ask') },
      { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(opts.today, locale) }) },
    ],
  };
}
