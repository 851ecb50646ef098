import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkTurns } from '../../bot/slack/work-turns.ts';

/** The order the Slack receiver lets acknowledged requests work in (acks first, a few at a time). */
describe('work turns after the ack', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const track = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };

  it('lets `size` work at once, the next in arrival order as each gives its turn back', async () => {
    const turns = createWorkTurns(2, 200);
    const [a, b, c, d] = [turns.take(), turns.take(), turns.take(), turns.take()].map(track);
    await vi.advanceTimersByTimeAsync(0);
    expect([a!.done, b!.done, c!.done, d!.done]).toEqual([true, true, false, false]);
    turns.give();
    await vi.advanceTimersByTimeAsync(0);
    expect([c!.done, d!.done]).toEqual([true, false]);
    turns.give();
    await vi.advanceTimersByTimeAsync(0);
    expect(d!.done).toBe(true);
  });

  it('holds work back while a request waits for its ack, at most maxDefer', async () => {
    const turns = createWorkTurns(4, 200);
    turns.arrived();
    const first = track(turns.take());
    await vi.advanceTimersByTimeAsync(50);
    expect(first.done).toBe(false);
    turns.answered();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.done).toBe(true);
    // A stream of requests never answered in between cannot starve the work.
    turns.arrived();
    const second = track(turns.take());
    await vi.advanceTimersByTimeAsync(199);
    expect(second.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.done).toBe(true);
  });
});
