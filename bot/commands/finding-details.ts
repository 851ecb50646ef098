import { canFollowUpFinding, canReadFinding, canReportRemedy } from '../../db/access.ts';
import { type FindingDetail, type FindingRow, getFinding } from '../../db/findings.ts';
import { todayIn } from '../../db/work-year.ts';
import type { CommandContext } from '../core/command.ts';
import type { Button, Reply } from '../core/reply.ts';
import { formatCount, formatDate } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';

/**
 * `kiemtra <finding>`: one finding whole, with its history. Null when there is no such finding
 * or the person may not see it, so that the words are then read as a unit (and refused alike).
 */
export async function findingDetails(ctx: CommandContext, code: string): Promise<Reply | null> {
  const person = ctx.person!;
  const f = await getFinding(ctx.deps.db, code, ctx.today);
  if (!f || !(await canReadFinding(ctx.deps.db, person, f))) return null;
  const { locale } = ctx;
  const history = f.events.map((e) =>
    t(locale, 'cmd.kiemtra.event', {
      date: formatDate(todayIn(ctx.deps.config.timeZone, e.at), locale),
      what: t(locale, `cmd.kiemtra.event.${e.kind}`),
      who: e.staffName ?? '',
      note: e.note ?? '',
    }).replace(/: $/, ''),
  );
  return {
    title: t(locale, 'cmd.kiemtra.detail_title', { code: f.code, state: findingState(f, locale) }),
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: t(locale, 'cmd.kiemtra.field.inspection'), value: `${f.inspectionTitle} (${f.inspectionCode})` },
          { label: t(locale, 'cmd.kiemtra.field.unit'), value: f.unitName },
          { label: t(locale, 'cmd.kiemtra.field.shortcoming'), value: f.description },
          { label: t(locale, 'cmd.kiemtra.field.remedy'), value: f.remedy },
          { label: t(locale, 'cmd.kiemtra.field.responsible'), value: f.responsibleName ?? t(locale, 'cmd.kiemtra.nobody') },
          { label: t(locale, 'cmd.kiemtra.field.due'), value: formatDate(f.dueDate, locale) },
          ...(f.reportedNote ? [{ label: t(locale, 'cmd.kiemtra.field.reported'), value: f.reportedNote }] : []),
        ],
      },
      { kind: 'text', text: [t(locale, 'cmd.kiemtra.history'), ...(history.length > 0 ? history : [t(locale, 'cmd.kiemtra.no_history')])].join('\n') },
    ],
    buttons: await buttonsFor(ctx, f),
  };
}

async function buttonsFor(ctx: CommandContext, f: FindingDetail): Promise<Button[][]> {
  const label = (key: string) => t(ctx.locale, `cmd.kiemtra.button.${key}`, { code: f.code });
  // Only what the finding's state and the person allow: no button leads to a refusal.
  if (f.status === 'open') return canReportRemedy(ctx.person!, f) ? [[{ label: label('report'), action: `khacphuc ${f.code}` }]] : [];
  if (!(await canFollowUpFinding(ctx.deps.db, ctx.person!, f))) return [];
  return [
    [
      ...(f.status === 'reported' ? [{ label: label('close'), action: `khacphuc dong ${f.code}` }] : []),
      { label: label('reopen'), action: `khacphuc mo ${f.code}` },
    ],
  ];
}

/** A finding's state as a leader reads it: overdue says by how many days. */
export function findingState(f: FindingRow, locale: Locale): string {
  return f.daysOverdue > 0 ? t(locale, 'cmd.kiemtra.state.overdue', { days: formatCount(f.daysOverdue, locale) }) : t(locale, `cmd.kiemtra.state.${f.status}`);
}
