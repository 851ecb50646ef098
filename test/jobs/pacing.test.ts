import { describe, expect, it } from 'vitest';
import { type Clock, inFlightLimit, leastTelegramTimeMs, RateLimiter, slackLimits, telegramLimits } from '../../jobs/pacing.ts';

/** A clock that moves only when every task is waiting: time jumps to the earliest wake-up. */
function manualClock(): Clock & { run<T>(tasks: Promise<T>[]): Promise<T[]> } {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    async run(tasks) {
      let done = false;
      const all = Promise.all(tasks).finally(() => (done = true));
      while (!done) {
        await settle();
        if (done || sleepers.length === 0) continue;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
      }
      return all;
    },
  };
}

/** Sends `count` messages to each chat through the limiter; returns when each one went. */
async function sendTimes(chats: string[], count: number, latencyMs = 0, limitsOf = telegramLimits) {
  const clock = manualClock();
  const limiter = new RateLimiter(clock);
  const sent: { chat: string; at: number }[] = [];
  const tasks = chats.map(async (chat) => {
    for (let i = 0; i < count; i++) {
      const release = await limiter.acquire(limitsOf(chat));
      sent.push({ chat, at: clock.now() });
      if (latencyMs > 0) await clock.sleep(latencyMs);
      release(clock.now());
    }
  });
  await clock.run(tasks);
  return sent;
}

describe('the limiter keeps to Telegram limits', () => {
  it('sends 30 a second overall and no more', async () => {
    const chats = Array.from({ length: 75 }, (_, i) => String(1000 + i));
    const sent = await sendTimes(chats, 1);
    const at = sent.map((s) => s.at);
    expect(at.filter((t) => t === 0)).toHaveLength(30);
    expect(at.filter((t) => t === 1000)).toHaveLength(30);
    expect(at.filter((t) => t === 2000)).toHaveLength(15);
  });

  it('sends one a second to the same chat, twenty a minute to a group', async () => {
    expect((await sendTimes(['42'], 3)).map((s) => s.at)).toEqual([0, 1000, 2000]);
    const group = (await sendTimes(['-100500'], 22)).map((s) => s.at);
    expect(group.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1000));
    expect(group[20]).toBe(60_000);
    expect(group[21]).toBe(61_000);
  });

  it('counts a send until its answer arrives, so latency never lets one go early', async () => {
    // With 250 ms answers, the 31st send waits for the first answer plus a second.
    const chats = Array.from({ length: 31 }, (_, i) => String(i + 1));
    const sent = await sendTimes(chats, 1, 250);
    expect(sent.at(-1)!.at).toBe(1250);
    const one = await sendTimes(['7'], 2, 250);
    expect(one.map((s) => s.at)).toEqual([0, 1250]);
  });

  it('holds a chat paused by a 429 until retry_after is over, others go on', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(clock);
    limiter.pause('telegram:9', 5000);
    const order: string[] = [];
    const send = async (chat: string) => {
      const release = await limiter.acquire(telegramLimits(chat));
      order.push(`${chat}@${clock.now()}`);
      release(clock.now());
    };
    await clock.run([send('9'), send('8')]);
    expect(order).toEqual(['8@0', '9@5000']);
  });

  it('keeps at most the allowed sends in flight, the next going when one is released', async () => {
    // Six chats, 100 ms answers, two in flight: they go by pairs, each pair when the last is answered.
    const limitsOf = (chat: string) => [...telegramLimits(chat), inFlightLimit(2)];
    const sent = await sendTimes(['1', '2', '3', '4', '5', '6'], 1, 100, limitsOf);
    expect(sent.map((s) => s.at)).toEqual([0, 0, 100, 100, 200, 200]);
  });

  it('paces Slack at one a second per channel, channels side by side', async () => {
    const sent = await sendTimes(['C1', 'C2'], 2, 0, slackLimits);
    expect(sent.map((s) => `${s.chat}@${s.at}`).sort()).toEqual(['C1@0', 'C1@1000', 'C2@0', 'C2@1000']);
  });
});

describe('the least time the limits allow', () => {
  it('is set by the overall limit for many chats, by one busy chat otherwise', () => {
    const many = new Map(Array.from({ length: 389 }, (_, i) => [String(-1000 - i), 1]));
    expect(leastTelegramTimeMs(many)).toBe(12_000);
    expect(leastTelegramTimeMs(new Map([['5', 4], ['6', 1]]))).toBe(3000);
    expect(leastTelegramTimeMs(new Map([['-5', 21]]))).toBe(60_000);
    expect(leastTelegramTimeMs(new Map())).toBe(0);
  });
});
