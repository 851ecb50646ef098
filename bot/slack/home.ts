import type { HomeView, KnownBlock } from '@slack/types';
import { hasCaseload, worksOnCases } from '../../db/access.ts';
import { listReportableCases, type ListedCase } from '../../db/case-list.ts';
import type { Person } from '../../db/identity.ts';
import { getSummaryShared } from '../../db/numbers/summary.ts';
import { todayIn } from '../../db/work-year.ts';
import { summaryReply } from '../commands/summary.ts';
import type { Core } from '../core/dispatch.ts';
import { formatCount, formatDate, formatDateTime, formatMoneyShort } from '../format.ts';
import { type Locale, type Params, t as catalogue } from '../i18n/index.ts';
import { escapeMrkdwn, header, renderSlackBlocks, SLACK_LIMITS, slackText } from './render.ts';

/** Cases listed on the Home tab: a screen's worth; the rest are counted. */
export const HOME_CASES = 20;
/** The button that opens the progress-report modal (bot/slack/button-actions.ts runs `cmd:*` values). */
export const HOME_UPDATE_ACTION_ID = 'cmd:home-update';

const section = (mrkdwn: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
const context = (mrkdwn: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn }] });
const divider: KnownBlock = { type: 'divider' };
/** A catalogue text with its commands as Slack types them: a view is no reply the renderer sees. */
const t = (locale: Locale, key: string, params?: Params) => slackText(catalogue(locale, key, params));

/**
 * The App Home: for a linked person, their open cases with deadlines (nearest first, overdue
 * marked), a button to report progress, and their unit's summary as `tomtat` shows it; for
 * anyone else, how to link their account. Drawn afresh each time the tab is opened.
 */
export async function buildHomeView(core: Core, person: Person | null, locale: Locale): Promise<HomeView> {
  if (!person) return { type: 'home', blocks: notLinked(locale) };
  const { deps } = core;
  const today = todayIn(deps.config.timeZone, deps.now());
  const blocks: KnownBlock[] = [
    header(t(locale, 'views.home.title', { name: person.name })),
    context(escapeMrkdwn(t(locale, 'views.home.unit', { unit: person.unitName, date: formatDate(today, locale) }))),
  ];
  if (worksOnCases(person)) {
    const mine = await listReportableCases(deps.db, person, today, deps.numbers);
    // A province leader reports only on the few cases the province unit holds: no empty list for them.
    if (mine.length > 0 || hasCaseload(person)) blocks.push(...caseBlocks(person, mine, today, locale));
  }
  const summary = summaryReply(await getSummaryShared(deps.db, person.unitCode, today, deps.numbers, deps.cache), locale);
  blocks.push(divider, section(escapeMrkdwn(t(locale, 'views.home.summary_title'))));
  // The rest of the view's 100 blocks, less the closing line: the summary never needs them all.
  blocks.push(...renderSlackBlocks(summary, locale, SLACK_LIMITS.viewBlocks - blocks.length - 1));
  blocks.push(context(escapeMrkdwn(t(locale, 'views.home.updated_at', { at: formatDateTime(deps.now(), deps.config.timeZone, locale) }))));
  return { type: 'home', blocks };
}

function caseBlocks(person: Person, mine: ListedCase[], today: string, locale: Locale): KnownBlock[] {
  const count = formatCount(mine.length, locale);
  const title = person.role === 'officer' ? 'views.home.cases_title' : 'views.home.cases_title_unit';
  const blocks: KnownBlock[] = [divider, section(escapeMrkdwn(t(locale, title, { count })))];
  if (mine.length === 0) {
    blocks.push(section(escapeMrkdwn(t(locale, 'views.home.no_cases'))));
    return blocks;
  }
  const lines = mine.slice(0, HOME_CASES).map((c) => caseLine(c, today, locale));
  if (mine.length > HOME_CASES) lines.push(t(locale, 'views.home.more', { count: formatCount(mine.length - HOME_CASES, locale) }));
  // Twenty lines of about 80 characters stay far under a section's 3,000.
  blocks.push(section(lines.map(escapeMrkdwn).join('\n')));
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: HOME_UPDATE_ACTION_ID,
        text: { type: 'plain_text', text: t(locale, 'views.home.update'), emoji: true },
        value: 'capnhat',
        style: 'primary',
      },
    ],
  });
  return blocks;
}

/** "⚠️ `BH-DS-2026-0001` · hạn 30/11/2026 · quá hạn 12 ngày · còn 48 tr ₫": the leader's deadline, then the law's. */
function caseLine(c: ListedCase, today: string, locale: Locale): string {
  const pastDue = c.dueDate !== null && c.dueDate < today;
  const overdue = pastDue || c.daysOverdue !== null;
  const parts = [
    c.dueDate ? t(locale, pastDue ? 'views.home.past_due' : 'views.home.due', { date: formatDate(c.dueDate, locale) }) : '',
    c.daysOverdue !== null ? t(locale, 'views.home.overdue', { days: formatCount(c.daysOverdue, locale) }) : '',
  ].filter(Boolean);
  const when = parts.length > 0 ? parts.join(' · ') : t(locale, 'views.home.no_deadline');
  const params = { mark: overdue ? '⚠️ ' : '', case: c.code, when, remaining: formatMoneyShort(c.remaining, locale) };
  return t(locale, c.remaining > 0 ? 'views.home.case_line' : 'views.home.case_line_no_money', params);
}

function notLinked(locale: Locale): KnownBlock[] {
  return [
    header(t(locale, 'views.home.welcome')),
    section(escapeMrkdwn(t(locale, 'views.home.not_linked'))),
    context(escapeMrkdwn(t(locale, 'views.home.not_linked_after'))),
  ];
}
