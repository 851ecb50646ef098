import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from '../../server/console-logger.ts';

// The Workers logger: JSON lines in pino's shape through console, which Workers Logs collect.
describe('createConsoleLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes pino-shaped JSON lines with the child fields, errors with their message and stack', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const log = createConsoleLogger('info').child({ job: 'weekly-briefing' });
    log.error({ err: new Error('boom'), slot: '2026-11-23' }, 'job run failed');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 50, app: 'thads-bot', job: 'weekly-briefing', slot: '2026-11-23', msg: 'job run failed' });
    expect(line.err).toMatchObject({ type: 'Error', message: 'boom' });
    expect(typeof line.time).toBe('number');
  });

  it('drops lines under its level and says so to isLevelEnabled', () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const log = createConsoleLogger('warn');
    log.info('not written');
    log.debug({ a: 1 }, 'not written');
    log.warn('written');
    expect(info).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(warn.mock.calls[0]![0] as string)).toMatchObject({ level: 40, msg: 'written' });
    expect(log.isLevelEnabled('debug')).toBe(false);
    expect(log.isLevelEnabled('error')).toBe(true);
  });
});
