import type { Calendar } from '../db/calendar.ts';
import { getChatAccounts } from '../db/chat-accounts.ts';
import { getLastSlot } from '../db/job-runs.ts';
import { getFindingsAwaitingFollowUp, getOpenFindingsDue } from '../db/numbers/findings-due.ts';
import { getOverseers } from '../db/overseers.ts';
import { chatPlatforms } from '../db/schema.ts';
import { getUnitChannels } from '../db/unit-channels.ts';
import { getUnitNames } from '../db/units.ts';
import { addDays, daysBetween, type IsoDate, todayIn } from '../db/work-year.ts';
import { mentionsOn } from './briefing/mentions.ts';
import { isoWeekKey, mondayOf } from './briefing/iso-week.ts';
import { findingsEscalationReply, followUpReply, type RemindedFinding, unitReminderReply } from './inspections/messages.ts';
import { findingState, isReminderDue, SOON_DAYS } from './inspections/reminder-days.ts';
import type { Job, PlannedMessage } from './types.ts';

const NAME = 'inspection-reminders';

/** The first working day of the week holding `date` (Monday, or later when Monday is a day off); undefined when the whole week is off. */
export function firstWorkingDayOfWeek(date: IsoDate, calendar: Calendar): IsoDate | undefined {
  const monday = mondayOf(date);
  for (let i = 0; i < 7; i++) if (calendar.isWorkingDay(addDays(monday, i))) return addDays(monday, i);
  return undefined;
}

/**
 * Each working morning, the findings of inspection conclusions still `open` that reach a
 * reminder day (jobs/inspections/reminder-days.ts: seven days before the deadline, the last
 * working day before it, the deadline, then every three working days overdue), one message per
 * unit to each of its groups and channels, naming the person responsible (a mention where
 * linked); one sent back after follow-up since the previous run is reminded at once, with the
 * reason. Overdue ones go the same day privately to each province leader overseeing the unit,
 * one message per leader and platform. On the first working day of the week each province's
 * channel gets the findings reported remedied and awaiting follow-up (phúc tra) in its units.
 *
 * Periods: `2026-11-23 BH-DS` (a unit's reminder of the day), `2026-11-23 escalation` (a
 * leader's), `2026-W48 BH follow-up` (a province's list of the week). A finding is in at most one
 * message per destination and day, and a rerun plans the same keys, which the outbox already holds.
 */
export const inspectionRemindersJob: Job = {
  name: NAME,
  defaultSchedule: '30 8 * * *',
  workingDaysOnly: true,
  async run(deps, now) {
    const calendar = deps.numbers.calendar;
    const today = todayIn(deps.config.timeZone, now);
    // The previous run was on the previous working day, or earlier when runs were missed: every
    // reminder day after it and up to today is this run's (job_runs, as overdue-alerts does).
    const last = await getLastSlot(deps.db, NAME);
    const lastDay = last ? todayIn(deps.config.timeZone, last) : undefined;
    const previous = calendar.workingDayBefore(today);
    const since = lastDay !== undefined && lastDay < previous ? lastDay : previous;
    // A finding sent back after phúc tra since the previous run is reminded now, whatever its
    // deadline. The previous run's instant: the recorded one, or (a rerun of this slot, no run
    // yet) the same time on `since`.
    const previousRun = last && last < now ? last : new Date(now.getTime() - daysBetween(since, today) * 86_400_000);

    const [channels, overseers] = await Promise.all([getUnitChannels(deps.db), getOverseers(deps.db)]);
    const unitIds = [...new Set([...channels.map((u) => u.id), ...overseers.flatMap((o) => o.unitIds)])];
    const weekStart = firstWorkingDayOfWeek(today, calendar);
    const followUpToday = weekStart !== undefined && since < weekStart && weekStart <= today;
    const provinces = followUpToday ? channels.filter((u) => u.kind === 'province') : [];
    const [open, awaiting] = await Promise.all([
      getOpenFindingsDue(deps.db, unitIds, { until: addDays(today, SOON_DAYS), reopenedAfter: previousRun, timeZone: deps.config.timeZone }),
      getFindingsAwaitingFollowUp(deps.db, provinces.map((p) => p.id), deps.config.timeZone),
    ]);

    const reminded = new Map<number, RemindedFinding[]>();
    for (const f of open) {
      const reopened = f.reopened !== null && f.reopened.at > previousRun && f.reopened.at <= now;
      if (!reopened && !isReminderDue(f.dueDate, since, today, calendar)) continue;
      reminded.set(f.unitId, [...(reminded.get(f.unitId) ?? []), { ...f, state: findingState(f.dueDate, today, calendar) }]);
    }
    const overdueOf = (unitId: number) => (reminded.get(unitId) ?? []).filter((f) => f.state.kind === 'overdue');
    // By deadline: the longest overdue first.
    for (const list of reminded.values()) list.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code));

    const [accounts, names] = await Promise.all([
      getChatAccounts(deps.db, [...open.map((f) => f.responsibleId).filter((id): id is number => id !== null), ...overseers.map((o) => o.id)]),
      getUnitNames(deps.db, overseers.flatMap((o) => o.unitIds)),
    ]);
    const reachable = (leaderId: number) => Object.keys(accounts.get(leaderId) ?? {}).length > 0;
    const escalatedTo = new Set(overseers.filter((o) => reachable(o.id)).flatMap((o) => o.unitIds));

    const planned: PlannedMessage[] = [];
    const locale = deps.config.defaultLocale;
    for (const unit of channels) {
      const findings = reminded.get(unit.id);
      if (!findings) continue;
      const escalated = escalatedTo.has(unit.id) ? overdueOf(unit.id).length : 0;
      const { reply, named } = unitReminderReply(unit, findings, { today, escalated }, locale);
      for (const destination of unit.destinations) {
        const mentions = mentionsOn(destination.platform, named, accounts);
        // The unit in the period: two units sharing one group each get their reminder.
        planned.push({ job: NAME, destination, period: `${today} ${unit.code}`, reply, locale, ...(mentions.length > 0 ? { mentions } : {}) });
      }
    }

    for (const leader of overseers) {
      const units = leader.unitIds
        .map((id) => ({ ...(names.get(id) ?? { code: String(id), name: String(id) }), findings: overdueOf(id) }))
        .filter((u) => u.findings.length > 0);
      if (units.length === 0) continue;
      const leaderLocale = leader.locale ?? locale;
      const reply = findingsEscalationReply(units, today, leaderLocale);
      for (const platform of chatPlatforms) {
        const chatId = accounts.get(leader.id)?.[platform];
        if (chatId) planned.push({ job: NAME, destination: { platform, chatId }, period: `${today} escalation`, reply, locale: leaderLocale });
      }
    }

    for (const province of provinces) {
      const list = awaiting.get(province.id);
      if (!list || list.length === 0) continue;
      const reply = followUpReply(province, list, { today, monday: mondayOf(today) }, locale);
      const period = `${isoWeekKey(today)} ${province.code} follow-up`;
      for (const destination of province.destinations) planned.push({ job: NAME, destination, period, reply, locale });
    }
    return planned;
  },
};
