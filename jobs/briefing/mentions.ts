import type { ChatAccounts } from '../../db/chat-accounts.ts';
import type { ChatPlatform } from '../../db/schema.ts';
import type { Mention } from '../types.ts';

/** The people named in a message who have an account on `platform`, each once, for the sender to turn into mentions. */
export function mentionsOn(platform: ChatPlatform, people: readonly { id: number | null; name: string | null }[], accounts: ChatAccounts): Mention[] {
  const seen = new Set<number>();
  const mentions: Mention[] = [];
  for (const p of people) {
    if (p.id === null || p.name === null || seen.has(p.id)) continue;
    seen.add(p.id);
    const externalId = accounts.get(p.id)?.[platform];
    if (externalId) mentions.push({ name: p.name, externalId });
  }
  return mentions;
}
