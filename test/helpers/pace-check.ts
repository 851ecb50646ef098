/**
 * Checks recorded arrivals against the platforms' limits (DESIGN.md): Telegram 30 a second
 * overall, 1 a second per chat, 20 a minute per group (negative ids); Slack 1 a second per
 * channel. A message breaks a limit when it arrived within the window of the `max`-th earlier one.
 */
export interface Arrived {
  platform: 'telegram' | 'slack';
  chatId: string;
  /** ms since the epoch, as the platform's stand-in saw it. */
  at: number;
}

interface Rule {
  key: (a: Arrived) => string | undefined;
  max: number;
  windowMs: number;
  name: string;
}

const rules: Rule[] = [
  { name: 'telegram overall 30/s', key: (a) => (a.platform === 'telegram' ? 'telegram' : undefined), max: 30, windowMs: 1000 },
  { name: 'telegram chat 1/s', key: (a) => (a.platform === 'telegram' ? `t:${a.chatId}` : undefined), max: 1, windowMs: 1000 },
  { name: 'telegram group 20/min', key: (a) => (a.platform === 'telegram' && a.chatId.startsWith('-') ? `g:${a.chatId}` : undefined), max: 20, windowMs: 60_000 },
  { name: 'slack channel 1/s', key: (a) => (a.platform === 'slack' ? `s:${a.chatId}` : undefined), max: 1, windowMs: 1000 },
];

/** Every message that broke a limit, with the limit's name (empty: all within the limits). */
export function paceViolations(arrivals: readonly Arrived[]): { rule: string; chatId: string; at: number }[] {
  const found: { rule: string; chatId: string; at: number }[] = [];
  for (const rule of rules) {
    const byKey = new Map<string, number[]>();
    for (const a of [...arrivals].sort((x, y) => x.at - y.at)) {
      const key = rule.key(a);
      if (!key) continue;
      const times = byKey.get(key) ?? [];
      if (times.length >= rule.max && a.at - times[times.length - rule.max]! < rule.windowMs) found.push({ rule: rule.name, chatId: a.chatId, at: a.at });
      times.push(a.at);
      byKey.set(key, times);
    }
  }
  return found;
}
