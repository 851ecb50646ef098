import { getChatAccounts } from '../db/chat-accounts.ts';
import { getLastSlot } from '../db/job-runs.ts';
import { getOverdueDigest } from '../db/numbers/overdue-digest.ts';
import { getOverseers } from '../db/overseers.ts';
import { chatPlatforms } from '../db/schema.ts';
import { getUnitChannels } from '../db/unit-channels.ts';
import { getUnitNames } from '../db/units.ts';
import { addDays, todayIn } from '../db/work-year.ts';
import { escalationReply } from './alerts/escalations.ts';
import { NEW_LISTED, unitDigest } from './alerts/unit-digest.ts';
import { mentionsOn } from './briefing/mentions.ts';
import type { Job, PlannedMessage } from './types.ts';

const NAME = 'overdue-alerts';
/** The longest overdue cases fetched per unit: the digest and an escalation show five each. */
const OLDEST_FETCHED = 10;

/**
 * Each working morning, one digest per unit with overdue cases, to the unit's group and
 * channel: what became overdue since the previous working day's run first, naming the officer
 * (a mention where their chat account is linked). Cases overdue more than
 * `escalateAfterDays` (OVERDUE_RULES) go privately to each leader who oversees the unit (staff_oversees), one
 * message per leader, platform and day grouping all their units. Period: the local date and the
 * unit's code (`2026-11-23 BH-DS`), or `escalation` for a leader's, so no two messages of a run
 * share a key even when units share a group or a unit's group is a leader's own chat.
 */
export const overdueAlertsJob: Job = {
  name: NAME,
  defaultSchedule: '0 8 * * *',
  workingDaysOnly: true,
  async run(deps, now) {
    const today = todayIn(deps.config.timeZone, now);
    // New = fell due since the last run: the previous working day's, or an earlier one when
    // runs were missed (a server down for days, a schedule less than daily).
    const last = await getLastSlot(deps.db, NAME);
    const lastDay = last ? todayIn(deps.config.timeZone, last) : undefined;
    const previous = deps.numbers.calendar.workingDayBefore(today);
    const since = lastDay !== undefined && lastDay < previous ? lastDay : previous;
    const threshold = deps.numbers.rules.escalateAfterDays;
    const [channels, overseers] = await Promise.all([getUnitChannels(deps.db), getOverseers(deps.db)]);
    const unitIds = [...new Set([...channels.map((u) => u.id), ...overseers.flatMap((o) => o.unitIds)])];
    if (unitIds.length === 0) return [];
    // More than `threshold` days overdue: the earliest broken limit fell due before today − threshold.
    const overdue = await getOverdueDigest(deps.db, unitIds, today, deps.numbers, {
      since,
      escalateBefore: addDays(today, -threshold),
      listed: { fresh: NEW_LISTED, oldest: OLDEST_FETCHED },
    });
    const officerIds = [...overdue.values()].flatMap((u) => u.cases.map((c) => c.officerId)).filter((id): id is number => id !== null);
    const [accounts, names] = await Promise.all([
      getChatAccounts(deps.db, [...officerIds, ...overseers.map((o) => o.id)]),
      getUnitNames(deps.db, overseers.flatMap((o) => o.unitIds)),
    ]);
    const reachable = (leaderId: number) => Object.keys(accounts.get(leaderId) ?? {}).length > 0;
    const escalatedTo = new Set(overseers.filter((o) => reachable(o.id)).flatMap((o) => o.unitIds));

    const planned: PlannedMessage[] = [];
    const locale = deps.config.defaultLocale;
    for (const unit of channels) {
      const entry = overdue.get(unit.id);
      if (!entry) continue;
      const escalated = escalatedTo.has(unit.id) ? entry.escalated : 0;
      const digest = unitDigest(unit, entry, { today, since, escalated, escalateAfterDays: threshold }, locale);
      for (const destination of unit.destinations) {
        const mentions = mentionsOn(destination.platform, digest.named, accounts);
        // The unit in the period: two units sharing one group each get their digest.
        const period = `${today} ${unit.code}`;
        planned.push({ job: NAME, destination, period, reply: digest.reply, locale, ...(mentions.length > 0 ? { mentions } : {}) });
      }
    }

    for (const leader of overseers) {
      const units = leader.unitIds
        .map((id) => {
          const entry = overdue.get(id);
          const cases = (entry?.cases ?? []).filter((c) => c.days_overdue > threshold);
          return { ...(names.get(id) ?? { code: String(id), name: String(id) }), count: entry?.escalated ?? 0, cases };
        })
        .filter((u) => u.count > 0);
      if (units.length === 0) continue;
      const leaderLocale = leader.locale ?? locale;
      const reply = escalationReply(units, { today, days: threshold }, leaderLocale);
      for (const platform of chatPlatforms) {
        const chatId = accounts.get(leader.id)?.[platform];
        if (chatId) planned.push({ job: NAME, destination: { platform, chatId }, period: `${today} escalation`, reply, locale: leaderLocale });
      }
    }
    return planned;
  },
};
