import { pruneDialogues } from '../db/dialogues.ts';
import { pruneDeliveries } from '../db/outbox.ts';
import { pruneProcessedUpdates } from '../db/processed-updates.ts';
import { pruneSignInLinks } from '../db/sign-in-links.ts';
import { pruneWebSessions } from '../db/web-sessions.ts';
import type { Job } from './types.ts';

/** Platforms stop resending an update within a day or so; a week of claims is plenty. */
const KEEP_PROCESSED_UPDATES_MS = 7 * 24 * 3600_000;
/**
 * Half a year of the outbox for `thads deliveries`. An unreachable chat's notice goes with its
 * row, so a chat still dead half a year on is reported to the leaders again.
 */
const KEEP_DELIVERIES_MS = 183 * 24 * 3600_000;
/** A day after they end, sign-in links and web sessions go: until then a link opened late still says why it fails. */
const KEEP_ENDED_WEB_MS = 24 * 3600_000;

/** Housekeeping on the same scheduler: forgets old inbound update ids, expired dialogues, settled deliveries, ended sign-in links and web sessions; sends nothing. */
export const pruneJob: Job = {
  name: 'prune-records',
  defaultSchedule: '15 3 * * *',
  workingDaysOnly: false,
  housekeeping: true,
  async run(deps, now) {
    const updates = await pruneProcessedUpdates(deps.db, new Date(now.getTime() - KEEP_PROCESSED_UPDATES_MS));
    const dialogues = await pruneDialogues(deps.db, now);
    const deliveries = await pruneDeliveries(deps.db, new Date(now.getTime() - KEEP_DELIVERIES_MS));
    const ended = new Date(now.getTime() - KEEP_ENDED_WEB_MS);
    const signInLinks = await pruneSignInLinks(deps.db, ended);
    const webSessions = await pruneWebSessions(deps.db, ended);
    deps.logger.info({ updates, dialogues, deliveries, signInLinks, webSessions }, 'pruned');
    return [];
  },
};
