import { canRank } from '../../db/access.ts';
import { getSummaryShared } from '../../db/numbers/summary.ts';
import type { Summary } from '../../db/numbers/types.ts';
import { defineCommand } from '../core/command.ts';
import type { Reply } from '../core/reply.ts';
import { formatChange, formatCount, formatRate } from '../format.ts';
import { type Locale, t } from '../i18n/index.ts';
import { periodLine } from '../report/period.ts';
import { rateLabel, rowLabel } from '../report/results-rows.ts';
import { targetsMetText } from '../report/target-rows.ts';
import { booksPair, creditField, flagsField } from './summary-fields.ts';
import { isReply, resolveUnit, unitWords } from './unit-arg.ts';

export const summaryCommand = defineCommand({
  name: 'tomtat',
  alias: 'summary',
  allowed: (p) => p !== null,
  args: unitWords,
  async run(ctx, { unit: query }) {
    const unit = await resolveUnit(ctx, query, 'tomtat');
    if (isReply(unit)) return unit;
    const summary = await getSummaryShared(ctx.deps.db, unit.code, ctx.today, ctx.deps.numbers, ctx.deps.cache);
    const reply = summaryReply(summary, ctx.locale);
    reply.buttons = [
      [
        { label: t(ctx.locale, 'cmd.tomtat.button.overdue'), action: `quahan ${unit.code}` },
        ...(canRank(ctx.person!) ? [{ label: t(ctx.locale, 'cmd.tomtat.button.ranking'), action: `xephang ${unit.code}` }] : []),
      ],
    ];
    return reply;
  },
});

/** The key figures a leader reads first: both rates against target and last year, then the books. */
export function summaryReply(s: Summary, locale: Locale): Reply {
  const rate = (key: 'cases' | 'money') => {
    const value = s[key].rate;
    const target = s.targets?.[key === 'cases' ? 'cases_rate' : 'money_rate'];
    const last = s.same_period_last_year[key === 'cases' ? 'cases_rate' : 'money_rate'];
    return t(locale, 'cmd.tomtat.rate_line', {
      rate: formatRate(value, locale),
      target: formatRate(target, locale),
      vs_target: formatChange(value, target, 'target', locale),
      last: formatRate(last, locale),
      vs_last: formatChange(value, last, 'last_year', locale),
    });
  };
  const pair = (key: 'to_enforce' | 'with_conditions' | 'done' | 'enforcing' | 'carried_to_next') => booksPair(s, key, locale);
  return {
    title: `${s.name} (${s.unit})`,
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: rateLabel('cases', locale), value: rate('cases') },
          { label: rateLabel('money', locale), value: rate('money') },
          ...(['to_enforce', 'with_conditions', 'done', 'enforcing', 'carried_to_next'] as const).map((key) => ({
            label: rowLabel(key, locale),
            value: pair(key),
          })),
          creditField(s, locale),
          flagsField(s, locale),
          { label: t(locale, 'cmd.tomtat.overdue'), value: formatCount(s.overdue, locale) },
        ],
      },
      // Beside the ten figures (Slack shows at most ten fields in a section): the four targets judged.
      { kind: 'text', text: targetsMetText(s, locale) },
      {
        kind: 'context',
        text: periodLine(s.work_year, s.at, locale),
      },
    ],
  };
}
