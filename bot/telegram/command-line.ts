/**
 * The command line a Telegram message carries for the core, or undefined when the message is
 * not for this bot. In a group only "/…" commands count (people talk among themselves there),
 * not those addressed to another bot ("/tomtat@other_bot"), plus plain replies to the bot's
 * own messages (answering its question, as with privacy mode on Telegram delivers nothing
 * else); in a private chat plain text counts too, since step-by-step dialogues read it.
 * "/start", sent when someone first opens the bot, gets the help. The core strips "@botname".
 */
export function commandLine(text: string, where: { isPrivate: boolean; repliesToBot?: boolean }, botUsername: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = /^\/([^\s@]+)(?:@(\S+))?/.exec(trimmed);
  if (!match) return where.isPrivate || where.repliesToBot ? trimmed : undefined;
  const [, word = '', addressee] = match;
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  if (word.toLowerCase() === 'start') return '/trogiup';
  return trimmed;
}
