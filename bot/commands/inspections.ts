import { canReportRemedy, isProvinceLeader } from '../../db/access.ts';
import { type FindingRow, listFindings } from '../../db/findings.ts';
import { getUnitSubtree } from '../../db/units.ts';
import { todayIn } from '../../db/work-year.ts';
import { defineCommand } from '../core/command.ts';
import type { Block, Button } from '../core/reply.ts';
import { formatCount, formatDate } from '../format.ts';
import { clipText } from '../format/clip.ts';
import { type Locale, t } from '../i18n/index.ts';
import { findingDetails, findingState } from './finding-details.ts';
import { isReply, resolveUnit, unitWords } from './unit-arg.ts';

/** Findings shown in one answer: each takes a few lines, and a phone screen is small. */
const LISTED = 10;
/** A shortcoming or remedy in a list: the start of it; `vuviec`-like detail is the conclusion itself. */
const CLIPPED = 160;

/**
 * `kiemtra [unit]`: the inspection findings still to be dealt with (open, or reported and
 * awaiting phúc tra), overdue first. A unit's staff see their unit's; province leaders name any
 * unit of the province, and their own province-level unit stands for the whole province.
 * A finding's code instead shows that finding with its history.
 */
export const inspectionsCommand = defineCommand({
  name: 'kiemtra',
  alias: 'inspections',
  allowed: (p) => p !== null,
  args: unitWords,
  async run(ctx, { unit: query }) {
    const person = ctx.person!;
    const one = query && !query.includes(' ') ? await findingDetails(ctx, query) : null;
    if (one) return one;
    const unit = await resolveUnit(ctx, query, 'kiemtra');
    if (isReply(unit)) return unit;
    const whole = unit.kind === 'province' && isProvinceLeader(person);
    const unitIds = whole ? (await getUnitSubtree(ctx.deps.db, unit.code)).unitIds : [unit.id];
    const found = await listFindings(ctx.deps.db, unitIds, ctx.today);
    const { locale } = ctx;
    const shown = found.slice(0, LISTED);
    const blocks: Block[] = shown.length === 0 ? [{ kind: 'text', text: t(locale, 'cmd.kiemtra.none') }] : shown.map((f) => findingBlock(f, locale, whole, ctx.deps.config.timeZone));
    if (found.length > shown.length) blocks.push({ kind: 'text', text: t(locale, 'cmd.kiemtra.more', { shown: shown.length, total: found.length }) });
    blocks.push({ kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(ctx.today, locale) }) });
    const buttons: Button[][] = [];
    for (const f of shown) {
      const label = (key: string) => t(locale, `cmd.kiemtra.button.${key}`, { code: f.code });
      // The province follows up what the unit reported; the unit reports what is still open.
      if (f.status === 'reported' && isProvinceLeader(person)) {
        buttons.push([
          { label: label('close'), action: `khacphuc dong ${f.code}` },
          { label: label('reopen'), action: `khacphuc mo ${f.code}` },
        ]);
      }
      if (f.status === 'open' && canReportRemedy(person, f)) buttons.push([{ label: label('report'), action: `khacphuc ${f.code}` }]);
    }
    return {
      title: t(locale, 'cmd.kiemtra.title', { name: unit.name, unit: unit.code, count: formatCount(found.length, locale) }),
      blocks,
      ...(buttons.length > 0 ? { buttons } : {}),
    };
  },
});

function findingBlock(f: FindingRow, locale: Locale, withUnit: boolean, timeZone: string): Block {
  const lines = [
    t(locale, 'cmd.kiemtra.finding', { code: f.code, state: findingState(f, locale) }),
    ...(withUnit ? [t(locale, 'cmd.kiemtra.unit', { name: f.unitName })] : []),
    t(locale, 'cmd.kiemtra.shortcoming', { text: clipText(f.description, CLIPPED) }),
    t(locale, 'cmd.kiemtra.remedy', { text: clipText(f.remedy, CLIPPED) }),
    t(locale, 'cmd.kiemtra.responsible', { name: f.responsibleName ?? t(locale, 'cmd.kiemtra.nobody') }),
    t(locale, 'cmd.kiemtra.due', { date: formatDate(f.dueDate, locale) }),
    ...(f.status === 'reported' && f.reportedNote
      ? [t(locale, 'cmd.kiemtra.reported_note', { date: f.reportedAt ? formatDate(todayIn(timeZone, f.reportedAt), locale) : '', note: clipText(f.reportedNote, CLIPPED) })]
      : []),
  ];
  return { kind: 'text', text: lines.join('\n') };
}
