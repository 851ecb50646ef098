import type { webApi } from '@slack/bolt';

/** Each person's DM with the app, opened once per process: one call per person, not per message. */
export interface DmDirectory {
  open(client: webApi.WebClient, userId: string): Promise<string>;
}

export function createDmDirectory(): DmDirectory {
  const known = new Map<string, string>();
  return {
    async open(client, userId) {
      const hit = known.get(userId);
      if (hit) return hit;
      const opened = await client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (!id) throw new Error(`conversations.open gave no channel for ${userId}`);
      known.set(userId, id);
      return id;
    },
  };
}
