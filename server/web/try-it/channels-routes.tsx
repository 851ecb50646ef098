import type { Hono } from 'hono';
import { formatDateTime } from '../../../bot/format.ts';
import type { Locale } from '../../../bot/i18n/index.ts';
import { renderPlain } from '../../../bot/render/plain.ts';
import { listDeliveriesTo } from '../../../db/outbox.ts';
import { getUnitChannels } from '../../../db/unit-channels.ts';
import { enqueue, readPayload } from '../../../jobs/outbox.ts';
import { weeklyBriefingJob } from '../../../jobs/weekly-briefing.ts';
import type { Deps } from '../../deps.ts';
import { hasCsrfToken, isSameOrigin, readForm } from '../../http/form-guard.ts';
import { loadWebSession, type WebEnv } from '../../http/web-session.ts';
import { pageLocale } from '../locale.ts';
import { errorPage, limitForm, pageHeaders } from '../page-guards.tsx';
import { type ChannelView, ChannelsPage } from './channels-page.tsx';
import { isTryItAllowed } from './try-it-guard.ts';

const CHANNELS_PATH = '/kenh';

async function loadChannels(deps: Deps, locale: Locale): Promise<ChannelView[]> {
  const units = await getUnitChannels(deps.db);
  const views: ChannelView[] = [];
  for (const unit of units) {
    for (const d of unit.destinations) {
      const rows = await listDeliveriesTo(deps.db, d.platform, d.chatId);
      views.push({
        unit: `${unit.name} (${unit.code})`,
        platform: d.platform,
        chatId: d.chatId,
        messages: rows.map((r) => ({ at: formatDateTime(r.createdAt, deps.config.timeZone, locale), status: r.status, text: renderPlain(readPayload(r).reply) })),
      });
    }
  }
  return views;
}

/**
 * `GET /kenh`: on the demo, served and opened locally (try-it-guard.ts), signed in, each unit
 * channel with what the jobs planned for it; `POST /kenh` runs the weekly briefing's body now and
 * puts its messages in the outbox, without draining it (the page sends nothing; a configured
 * sender takes them at its pace, and without one they stay "not sent"). The slot is not
 * recorded: Monday's scheduled run still runs, and finds this week's messages already planned.
 */
export function addChannelsRoutes(app: Hono<WebEnv>, deps: Deps): void {
  const fallback = deps.config.defaultLocale;
  const session = loadWebSession(deps);

  app.get(CHANNELS_PATH, pageHeaders, session, async (c) => {
    if (!(await isTryItAllowed(c, deps))) return errorPage(c, deps, 'web.error.not_found', 404);
    const current = c.get('session');
    if (!current) return c.redirect('/', 303);
    const locale = pageLocale(c, current.person.locale, fallback);
    return c.html(<ChannelsPage locale={locale} csrf={current.csrf} channels={await loadChannels(deps, locale)} />);
  });

  app.post(CHANNELS_PATH, pageHeaders, limitForm(deps), session, async (c) => {
    const form = await readForm(c);
    if (!(await isTryItAllowed(c, deps))) return errorPage(c, deps, 'web.error.not_found', 404, form.lang);
    const current = c.get('session');
    if (!isSameOrigin(c, deps.config.publicUrl) || !current || !hasCsrfToken(form, current.csrf)) {
      return errorPage(c, deps, 'web.error.forbidden', 403, form.lang);
    }
    const now = deps.now();
    const logger = deps.logger.child({ job: weeklyBriefingJob.name, by: 'try-it' });
    const planned = await weeklyBriefingJob.run({ db: deps.db, numbers: deps.numbers, logger, config: deps.config, charts: deps.charts }, now);
    const { added } = await enqueue(deps.db, planned, now);
    logger.info({ planned: planned.length, added }, 'weekly briefing run from the channels view');
    const locale = pageLocale(c, current.person.locale, fallback, form.lang);
    return c.html(<ChannelsPage locale={locale} csrf={current.csrf} channels={await loadChannels(deps, locale)} ran={{ planned: planned.length, added }} />);
  });
}
