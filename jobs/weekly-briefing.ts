import type { Reply } from '../bot/core/reply.ts';
import { getChatAccounts } from '../db/chat-accounts.ts';
import { getIdleOfficers, type IdleOfficer } from '../db/numbers/idle-officers.ts';
import { getOverdueByUnit } from '../db/numbers/overdue-by-unit.ts';
import { getAllSummaries } from '../db/numbers/unit-summaries.ts';
import { getUpcomingDeadlines } from '../db/numbers/upcoming-deadlines.ts';
import { getUnitChannels } from '../db/unit-channels.ts';
import { addDays, todayIn } from '../db/work-year.ts';
import { mentionsOn } from './briefing/mentions.ts';
import { isoWeekKey, mondayOf } from './briefing/iso-week.ts';
import { provinceBriefingPhoto, provinceBriefingReply, rankChildren } from './briefing/province-briefing.ts';
import { unitBriefingReply } from './briefing/unit-briefing.ts';
import type { Job, Photo, PlannedMessage } from './types.ts';

const NAME = 'weekly-briefing';
const OLDEST_LISTED = 5;
const DEADLINES_LISTED = 10;
const IDLE_MS = 7 * 86_400_000;

/**
 * Monday's giao ban. Each local unit with a group or channel gets its numbers as of today
 * (the same figures /tomtat gives that morning) against its targets and last year, its five
 * longest overdue cases, what falls due from today to Sunday, and the officers who reported
 * nothing in seven days; each province with one gets its units ranked and its total, then a
 * chart of its units' rates against their targets (one PNG, drawn once per province). The
 * numbers of every unit come from a fixed number of queries (db/numbers/unit-summaries.ts),
 * so the national run costs about what one province's does.
 */
export const weeklyBriefingJob: Job = {
  name: NAME,
  defaultSchedule: '30 7 * * 1',
  workingDaysOnly: false,
  async run(deps, now) {
    const channels = await getUnitChannels(deps.db);
    if (channels.length === 0) return [];
    const today = todayIn(deps.config.timeZone, now);
    const weekEnd = addDays(today, 6);
    const period = isoWeekKey(today);
    const week = mondayOf(today);
    const locale = deps.config.defaultLocale;
    const localIds = channels.filter((u) => u.kind === 'local').map((u) => u.id);
    const [all, overdue, deadlines, idle] = await Promise.all([
      getAllSummaries(deps.db, today, deps.numbers),
      getOverdueByUnit(deps.db, localIds, today, deps.numbers, OLDEST_LISTED),
      getUpcomingDeadlines(deps.db, localIds, today, weekEnd, deps.numbers, DEADLINES_LISTED),
      getIdleOfficers(deps.db, localIds, new Date(now.getTime() - IDLE_MS)),
    ]);
    const accounts = await getChatAccounts(deps.db, [...idle.values()].flat().map((o) => o.id));

    const planned: PlannedMessage[] = [];
    for (const unit of channels) {
      const summary = all.summaries.get(unit.id)!;
      let reply: Reply;
      let named: IdleOfficer[] = [];
      let photo: Photo | undefined;
      if (unit.kind === 'province') {
        const children = all.units.filter((u) => u.parentId === unit.id).map((u) => ({ id: u.id, summary: all.summaries.get(u.id)! }));
        const ranking = rankChildren(summary, children);
        reply = provinceBriefingReply(summary, ranking, week, locale);
        photo = deps.charts && provinceBriefingPhoto(deps.charts, ranking, locale);
      } else {
        named = idle.get(unit.id) ?? [];
        reply = unitBriefingReply(
          { summary, week, from: today, to: weekEnd, overdue: overdue.get(unit.id), deadlines: deadlines.get(unit.id), idle: named },
          locale,
        );
      }
      for (const destination of unit.destinations) {
        const mentions = mentionsOn(destination.platform, named, accounts);
        // The unit in the period: two units sharing one group each get their briefing.
        planned.push({
          job: NAME,
          destination,
          period: `${period} ${unit.code}`,
          reply,
          locale,
          ...(mentions.length > 0 ? { mentions } : {}),
          ...(photo ? { photo } : {}),
        });
      }
    }
    return planned;
  },
};
