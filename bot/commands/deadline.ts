import { z } from 'zod';
import { isLeader } from '../../db/access.ts';
import { setDeadline } from '../../db/case-updates/index.ts';
import { UserError } from '../../db/errors.ts';
import { daysBetween } from '../../db/work-year.ts';
import { defineCommand } from '../core/command.ts';
import { formatCount, formatDate } from '../format.ts';
import { t } from '../i18n/index.ts';
import { actorOf, clockOf, loadCase, parseDateWord, reporting } from './case-arg.ts';
import { reportReply } from './case-reply.ts';

/** `hanxuly <case> <date>`: a leader's own deadline on a case (tiến độ cụ thể từng vụ việc). */
export const deadlineCommand = defineCommand({
  name: 'hanxuly',
  alias: 'deadline',
  allowed: (p) => p !== null && isLeader(p),
  args: z.tuple([z.string(), z.string()]),
  async run(ctx, [code, typed]) {
    const { locale } = ctx;
    const due = parseDateWord(typed);
    if (due === null) throw new UserError('case.bad_date', { value: typed });
    const state = await loadCase(ctx, code, 'deadline');
    const change = await reporting(locale, () => setDeadline(ctx.deps.db, state.code, { due }, actorOf(ctx), clockOf(ctx)));
    const done = t(locale, 'cmd.hanxuly.done', {
      case: state.code,
      date: formatDate(due, locale),
      days: formatCount(daysBetween(ctx.today, due), locale),
    });
    const reply = reportReply(done, change.after, locale);
    // Paid off or not, completing is the officer's report, not the leader's deadline answer.
    reply.buttons = [];
    return reply;
  },
});
