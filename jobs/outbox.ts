/**
 * What a job's planned message becomes in the outbox (db/outbox.ts): the row's key from its
 * destination and period, and its payload, the platform-neutral reply the senders render.
 */
import type { Reply } from '../bot/core/reply.ts';
import type { Locale } from '../bot/i18n/index.ts';
import type { Db } from '../db/client.ts';
import { addDeliveries, type Delivery } from '../db/outbox.ts';
import type { Mention, PlannedMessage, Photo } from './types.ts';

/** What a row's payload holds: the platform-neutral reply, its language, and who it names. */
export interface DeliveryPayload {
  reply: Reply;
  locale: Locale;
  mentions: Mention[];
  /** The message (platform id) this one answers in the same chat, where there is one. */
  replyTo?: string;
  /**
   * A picture sent after the text, as the row's last part: the PNG itself, in base64, so that the
   * row holds all its sender needs and a retry resends the same bytes (no re-rendering, no migration).
   */
  photo?: StoredPhoto;
}

export interface StoredPhoto {
  png_base64: string;
  caption: string;
  filename: string;
}

/** Adds the planned messages the outbox does not hold yet; `existing` were planned before. */
export async function enqueue(db: Db, planned: readonly PlannedMessage[], now?: Date): Promise<{ added: number; existing: number }> {
  const rows = planned.map((m) => ({
    job: m.job,
    platform: m.destination.platform,
    destination: m.destination.chatId,
    period: m.period,
    payload: {
      reply: m.reply,
      locale: m.locale,
      mentions: m.mentions ?? [],
      ...(m.replyTo ? { replyTo: m.replyTo } : {}),
      ...(m.photo ? { photo: storePhoto(m.photo) } : {}),
    } satisfies DeliveryPayload as unknown as Record<string, unknown>,
  }));
  const added = await addDeliveries(db, rows, now);
  return { added, existing: planned.length - added };
}

/** The payload of a row, as enqueue wrote it. */
export function readPayload(row: Delivery): DeliveryPayload {
  const payload = row.payload as unknown as Partial<DeliveryPayload>;
  return {
    reply: payload.reply ?? { blocks: [] },
    locale: payload.locale ?? 'vi',
    mentions: payload.mentions ?? [],
    ...(typeof payload.replyTo === 'string' ? { replyTo: payload.replyTo } : {}),
    ...(typeof payload.photo?.png_base64 === 'string' ? { photo: payload.photo } : {}),
  };
}

const storePhoto = (photo: Photo): StoredPhoto => ({
  png_base64: Buffer.from(photo.png).toString('base64'),
  caption: photo.caption,
  filename: photo.filename,
});

/** The PNG's bytes of a stored photo. */
export const photoBytes = (photo: StoredPhoto): Buffer => Buffer.from(photo.png_base64, 'base64');
