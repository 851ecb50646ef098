import { z } from 'zod';
import { hasCaseload, isUnitLeader } from '../../db/access.ts';
import { defineCommand } from '../core/command.ts';
import { formatCount, formatDate, formatMoneyShort } from '../format.ts';
import { t } from '../i18n/index.ts';
import { listReportableCases } from '../../db/case-list.ts';

/** Rows listed: one phone screen. */
const LISTED = 20;
/** "Cập nhật" buttons under the list, for the most urgent cases. */
const BUTTONS = 5;

/**
 * `viec`: the caseload a person reports on, the most urgent first, with what is still owed.
 * Officers see their own cases; a unit leader sees the unit's, since they may report on any
 * of them and the deadlines they set come first. Province leaders have tomtat and quahan.
 */
export const myCasesCommand = defineCommand({
  name: 'viec',
  alias: 'mycases',
  allowed: hasCaseload,
  args: z.array(z.string()).max(0),
  async run(ctx) {
    const { locale } = ctx;
    const person = ctx.person!;
    const mine = await listReportableCases(ctx.deps.db, ctx.person!, ctx.today, ctx.deps.numbers);
    const shown = mine.slice(0, LISTED);
    const leader = isUnitLeader(person);
    const count = formatCount(mine.length, locale);
    const title = leader ? t(locale, 'cmd.viec.title_unit', { name: person.unitName, count }) : t(locale, 'cmd.viec.title', { count });
    if (shown.length === 0) return { title, blocks: [{ kind: 'text', text: t(locale, 'cmd.viec.none') }] };
    const when = (c: (typeof shown)[number]) =>
      c.dueDate
        ? t(locale, 'cmd.viec.due', { date: formatDate(c.dueDate, locale) })
        : c.daysOverdue !== null
          ? t(locale, 'cmd.viec.overdue', { days: formatCount(c.daysOverdue, locale) })
          : '';
    return {
      title,
      blocks: [
        {
          kind: 'table',
          headers: [t(locale, 'cmd.viec.col.case'), t(locale, 'cmd.viec.col.when'), t(locale, 'cmd.viec.col.remaining')],
          rows: shown.map((c) => [c.code, when(c), formatMoneyShort(c.remaining, locale)]),
          align: ['left', 'left', 'right'],
        },
        ...(mine.length > shown.length
          ? [{ kind: 'text' as const, text: t(locale, 'cmd.viec.more', { shown: shown.length, total: count }) }]
          : []),
        { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(ctx.today, locale) }) },
      ],
      buttons: shown.slice(0, BUTTONS).map((c) => [{ label: t(locale, 'cmd.viec.button.update', { case: c.code }), action: `capnhat ${c.code}` }]),
    };
  },
});
