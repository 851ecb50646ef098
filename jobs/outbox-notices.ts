/**
 * When a chat has removed the bot (or no longer exists), the province's leaders are told, once:
 * the notice is itself an outbox row whose period is the unreachable destination, so the unique
 * key keeps it to one per destination however many messages bounce.
 */
import { message } from '../bot/core/reply.ts';
import { type Locale, t } from '../bot/i18n/index.ts';
import { findAccountHolder, getLinkedProvinceLeaders } from '../db/chat-accounts.ts';
import type { Db } from '../db/client.ts';
import type { Delivery } from '../db/outbox.ts';
import type { ChatPlatform } from '../db/schema.ts';
import { findUnitByChannel, getUnitChannel } from '../db/unit-channels.ts';
import type { PlannedMessage } from './types.ts';

export const NOTICES_JOB = 'delivery-notices';

interface Place {
  label: string;
  provinceId: number;
}

/** The notices to plan for a destination found unreachable (none for a bounced notice). */
export async function planUnreachableNotice(db: Db, row: Delivery, reason: string, defaultLocale: Locale): Promise<PlannedMessage[]> {
  if (row.job === NOTICES_JOB) return [];
  const place = await findPlace(db, row.platform, row.destination);
  if (!place) return [];
  const period = `${row.platform}:${row.destination}`;
  const params = { place: place.label, job: row.job, reason };
  const plan = (chatId: string, locale: Locale): PlannedMessage => ({
    job: NOTICES_JOB,
    destination: { platform: row.platform, chatId },
    period,
    locale,
    reply: { ...message(t(locale, 'delivery.notice.text', params), 'error'), title: t(locale, 'delivery.notice.title', params) },
  });
  const leaders = await getLinkedProvinceLeaders(db, place.provinceId, row.platform);
  const reachable = leaders.filter((l) => l.chatId !== row.destination);
  if (reachable.length > 0) return reachable.map((l) => plan(l.chatId, l.locale ?? defaultLocale));
  // No leader has linked this platform: the province leaders' group if it has one, else its
  // own channel, unless that is what bounced.
  for (const purpose of ['leaders', 'unit'] as const) {
    const channel = await getUnitChannel(db, place.provinceId, row.platform, purpose);
    if (channel && channel !== row.destination) return [plan(channel, defaultLocale)];
  }
  return [];
}

/** The unit whose channel this is, or the person whose private chat it is, and their province. */
async function findPlace(db: Db, platform: ChatPlatform, chatId: string): Promise<Place | undefined> {
  const unit = await findUnitByChannel(db, platform, chatId);
  if (unit) return { label: `${unit.name} (${unit.code})`, provinceId: unit.kind === 'province' ? unit.id : (unit.parentId ?? unit.id) };
  const person = await findAccountHolder(db, platform, chatId);
  if (!person) return undefined;
  return { label: `${person.name} (${person.code})`, provinceId: person.kind === 'province' ? person.unitId : (person.parentId ?? person.unitId) };
}
