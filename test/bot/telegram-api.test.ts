import { HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.ts';
import { commandMenu, publishCommandMenus } from '../../bot/telegram/commands-menu.ts';
import { retryTransformers } from '../../bot/telegram/retry.ts';
import type { Db } from '../../db/client.ts';
import { createTestCore } from '../helpers/core.ts';
import { captureBot } from './telegram-fixture.ts';

type Raw = (method: string, payload: unknown) => Promise<unknown>;

/** The retry transformers over a fake raw call, in the order grammY applies them. */
function withRetries(raw: Raw) {
  const [network, api] = retryTransformers(1);
  const inner = (method: string, payload: unknown) => network!(raw as never, method as never, payload as never);
  return (method: string) => api!(inner as never, method as never, {} as never) as Promise<{ ok: boolean }>;
}

describe('outgoing calls', () => {
  it('wait out a 429 for its retry_after, then go through', async () => {
    let calls = 0;
    const call = withRetries(async () => (++calls === 1 ? { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 0 } } : { ok: true, result: true }));
    await expect(call('sendMessage')).resolves.toEqual({ ok: true, result: true });
    expect(calls).toBe(2);
  });

  it('retry a network failure a few times, not forever', async () => {
    let calls = 0;
    const call = withRetries(async () => {
      calls++;
      throw new HttpError('Network request for sendMessage failed', new Error('ECONNRESET'));
    });
    await expect(call('sendMessage')).rejects.toBeInstanceOf(HttpError);
    expect(calls).toBe(3);
  });

  it('do not retry what Telegram refused (403)', async () => {
    let calls = 0;
    const call = withRetries(async () => (calls++, { ok: false, error_code: 403, description: 'Forbidden' }));
    await expect(call('sendMessage')).resolves.toMatchObject({ ok: false, error_code: 403 });
    expect(calls).toBe(1);
  });
});

describe('the command menus', () => {
  it('list every command: Vietnamese names by default, English aliases for English clients', async () => {
    {
      // Publishing reads only the registry and the catalogues: no database is needed.
      const { bot, calls } = captureBot(createTestCore({} as Db));
      await publishCommandMenus(bot.api, commands);
      expect(calls.map((c) => [c.method, c.payload.language_code])).toEqual([
        ['setMyCommands', undefined],
        ['setMyCommands', 'en'],
      ]);
      const [vi, en] = calls.map((c) => c.payload.commands as { command: string; description: string }[]);
      expect(vi!.map((c) => c.command)).toEqual(commands.map((c) => c.name));
      expect(en!.map((c) => c.command)).toEqual(commands.map((c) => c.alias));
      expect(vi!.find((c) => c.command === 'tomtat')!.description).toMatch(/^Tóm tắt/);
      expect(en!.find((c) => c.command === 'summary')!.description).not.toMatch(/Tóm tắt/);
      for (const c of [...vi!, ...en!]) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect([...c.description].length).toBeGreaterThan(0);
        expect([...c.description].length).toBeLessThanOrEqual(256);
      }
    }
  });

  it('refuse a name Telegram would refuse', () => {
    expect(() => commandMenu([{ ...commands[0]!, name: 'tóm-tắt' }], 'vi')).toThrow(/refuses the command name/);
    expect(() => commandMenu([{ ...commands[0]!, alias: 'Summary' }], 'en')).toThrow(/refuses the command name/);
  });
});
