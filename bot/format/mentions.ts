/**
 * Mentions are added after rendering: the renderer escapes every text (a name cannot smuggle
 * markup in), then the escaped name is swapped for the platform's mention markup. Only the
 * first time each name appears, and never inside code blocks, where markup shows as typed.
 */

/** Mentions already placed (Telegram links, Slack <@U…>): a shorter name must not match inside them. */
const PLACED = /(<a\s[^>]*>[\s\S]*?<\/a>|<@[^>]+>)/;

/**
 * Replaces the first whole-word `escapedName` outside `code` regions and mentions already
 * placed; returns undefined when absent. Place longer names first (`longestFirst`), so that
 * "Nguyễn Văn An" does not take the place of "Nguyễn Văn An Bình".
 */
export function linkFirst(text: string, escapedName: string, markup: string, code: RegExp): string | undefined {
  if (escapedName.trim() === '') return undefined;
  const name = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(escapedName)}(?![\\p{L}\\p{N}])`, 'u');
  const pieces = text.split(code);
  // split() with one capturing group puts the matched regions at the odd indexes.
  for (let i = 0; i < pieces.length; i += 2) {
    const parts = pieces[i]!.split(PLACED);
    for (let j = 0; j < parts.length; j += 2) {
      const part = parts[j]!;
      const match = name.exec(part);
      if (!match) continue;
      parts[j] = part.slice(0, match.index) + markup + part.slice(match.index + match[0].length);
      pieces[i] = parts.join('');
      return pieces.join('');
    }
  }
  return undefined;
}

/** Mentions in the order to place them: longer names first. */
export function longestFirst<T extends { name: string }>(mentions: readonly T[]): T[] {
  return [...mentions].sort((a, b) => b.name.length - a.name.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
