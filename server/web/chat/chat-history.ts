import type { Reply } from '../../../bot/core/reply.ts';

/** One exchange on the page: what the person typed (or the button they pressed), and the bot's replies. */
export interface ChatEntry {
  said: string;
  replies: Reply[];
}

/** How much of a conversation the page shows, and how many sessions' conversations are kept. */
const ENTRIES_KEPT = 20;
const SESSIONS_KEPT = 500;

/**
 * The web chat's recent exchanges, per session, in this process's memory. Only the page's
 * scroll-back lives here: what a turn changes (a collection, a dialogue's next step, the audit
 * log) is in the database already, as on every platform. So a restart (or another server
 * process behind the same database) shows an empty page, and nothing is lost but the view;
 * a table would add writes and pruning for text nobody reads twice.
 */
export function createChatHistory() {
  const bySession = new Map<string, ChatEntry[]>();
  return {
    list(session: string): ChatEntry[] {
      return bySession.get(session) ?? [];
    },
    add(session: string, entry: ChatEntry): void {
      const entries = [...(bySession.get(session) ?? []), entry].slice(-ENTRIES_KEPT);
      // Re-inserted so that the Map's order is the order of use: the oldest conversation goes first.
      bySession.delete(session);
      bySession.set(session, entries);
      if (bySession.size > SESSIONS_KEPT) bySession.delete(bySession.keys().next().value!);
    },
  };
}

export type ChatHistory = ReturnType<typeof createChatHistory>;
