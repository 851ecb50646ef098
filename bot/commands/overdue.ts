import { commandRef } from '../core/command-ref.ts';
import { canSeeOverdue } from '../../db/access.ts';
import { UserError } from '../../db/errors.ts';
import { getOverdue } from '../../db/numbers/overdue.ts';
import { defineCommand } from '../core/command.ts';
import { formatCount, formatDate, formatMoneyShort } from '../format.ts';
import { t } from '../i18n/index.ts';
import { overdueReasonText } from '../report/overdue-reason.ts';
import { isReply, resolveUnit, unitWords } from './unit-arg.ts';

const LISTED = 15;

export const overdueCommand = defineCommand({
  name: 'quahan',
  alias: 'overdue',
  allowed: (p) => p !== null,
  args: unitWords,
  async run(ctx, { unit: query }) {
    const unit = await resolveUnit(ctx, query, 'quahan');
    if (isReply(unit)) return unit;
    const scope = await canSeeOverdue(ctx.deps.db, ctx.person!, unit.id);
    if (!scope) throw new UserError('core.not_allowed', { command: commandRef('quahan') });
    const own = scope === 'own' ? ctx.person!.staffId : undefined;
    const report = await getOverdue(ctx.deps.db, unit.code, ctx.today, ctx.deps.numbers, { limit: LISTED, officerId: own });
    const { locale } = ctx;
    const total = report.total_cases;
    const shown = report.cases;
    return {
      title: t(locale, 'cmd.quahan.title', { name: report.name, unit: report.unit, count: formatCount(total, locale) }),
      blocks: [
        shown.length === 0
          ? { kind: 'text', text: t(locale, 'cmd.quahan.none') }
          : {
              kind: 'table',
              headers: [t(locale, 'cmd.quahan.col.case'), t(locale, 'cmd.quahan.col.days'), t(locale, 'cmd.quahan.col.reason'), t(locale, 'cmd.quahan.col.remaining')],
              rows: shown.map((c) => [
                c.code,
                formatCount(c.days_overdue, locale),
                c.reasons.map((r) => overdueReasonText(r, locale)).join('; '),
                formatMoneyShort(c.remaining, locale),
              ]),
              align: ['left', 'right', 'left', 'right'],
            },
        ...(total > shown.length ? [{ kind: 'text' as const, text: t(locale, 'cmd.quahan.more', { shown: shown.length, total }) }] : []),
        ...(scope === 'all' && report.findings.length > 0
          ? [{ kind: 'text' as const, text: t(locale, 'cmd.quahan.findings', { count: report.findings.length }) }]
          : []),
        { kind: 'context', text: t(locale, 'cmd.as_of_day', { at: formatDate(report.at, locale) }) },
      ],
    };
  },
});
