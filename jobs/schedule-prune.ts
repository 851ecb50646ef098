import { pruneDialogues } from '../db/dialogues.ts';
import { pruneProcessedUpdates } from '../db/processed-updates.ts';
import type { Job } from './types.ts';

/** Platforms stop resending an update within a day or so; a week of claims is plenty. */
const KEEP_PROCESSED_UPDATES_MS = 7 * 24 * 3600_000;

/** Housekeeping on the same scheduler: forgets old inbound update ids and expired dialogues; sends nothing. */
export const pruneJob: Job = {
  name: 'prune-records',
  defaultSchedule: '15 3 * * *',
  workingDaysOnly: false,
  async run(deps, now) {
    const updates = await pruneProcessedUpdates(deps.db, new Date(now.getTime() - KEEP_PROCESSED_UPDATES_MS));
    const dialogues = await pruneDialogues(deps.db, now);
    deps.logger.info({ updates, dialogues }, 'pruned');
    return [];
  },
};
