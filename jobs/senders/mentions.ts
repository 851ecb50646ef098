/**
 * Mentions are added after rendering: the renderer escapes every text (a name cannot smuggle
 * markup in), then the escaped name is swapped for the platform's mention markup. Only the
 * first time each name appears, and never inside code blocks, where markup shows as typed.
 */

/** Replaces the first whole-word `escapedName` outside `code` regions; returns undefined when absent. */
export function linkFirst(text: string, escapedName: string, markup: string, code: RegExp): string | undefined {
  if (escapedName.trim() === '') return undefined;
  const name = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(escapedName)}(?![\\p{L}\\p{N}])`, 'u');
  const pieces = text.split(code);
  // split() with one capturing group puts the code regions at the odd indexes.
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]!;
    const match = name.exec(piece);
    if (!match) continue;
    pieces[i] = piece.slice(0, match.index) + markup + piece.slice(match.index + match[0].length);
    return pieces.join('');
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
