import type { Locale } from '../../bot/i18n/index.ts';

/** The best of our languages for an `Accept-Language` header, by its q-values; the fallback otherwise. */
export function pickLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0], quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((entry) => entry.quality > 0)
    // Stable on ties: the order the client wrote wins.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { language } of ranked) {
    if (language === 'vi' || language === 'en') return language;
    if (language === '*') return fallback;
  }
  return fallback;
}
