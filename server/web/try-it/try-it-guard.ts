import type { Context } from 'hono';
import { isDemoLoaded } from '../../../db/demo/index.ts';
import type { Deps } from '../../deps.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** 127.0.0.0/8 and ::1, also as IPv4 mapped into IPv6 (`::ffff:127.0.0.1`), as Node reports them. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * The address the request came from: Node's socket (@hono/node-server gives the request's
 * `incoming` as the app's env). Elsewhere (Workers) there is none, and nothing is local.
 */
export function requestAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * Whether the try-it pages (personas, the channels view) may be shown and used: the embedded
 * database, holding the demo as its load was recorded (never guessed from a unit's code), a
 * server listening on a loopback address only (HOST), and this request from that machine. Any
 * one missing, they are neither shown nor accepted: a persona signs in without a link.
 */
export async function isTryItAllowed(c: Context, deps: Pick<Deps, 'config' | 'dbHandle' | 'db'>): Promise<boolean> {
  if (deps.dbHandle.driver !== 'pglite') return false;
  if (!LOOPBACK_HOSTS.has(deps.config.host)) return false;
  if (!isLoopbackAddress(requestAddress(c))) return false;
  return isDemoLoaded(deps.db);
}
