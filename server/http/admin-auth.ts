import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { HttpError } from './http-error.ts';

/**
 * Guards the admin API with `Authorization: Bearer <ADMIN_TOKEN>`. Both sides are hashed first
 * so that the comparison takes the same time whatever the token's length or first wrong byte.
 * Without a token configured the API is off altogether.
 */
export function requireAdminToken(adminToken: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async (c, next) => {
    if (expected === undefined) throw new HttpError(404, 'admin_api_off');
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !sameDigest(await digest(match[1]), await expected)) {
      throw new HttpError(401, 'unauthorized', {}, { headers: { 'WWW-Authenticate': 'Bearer realm="thads-bot admin API"' } });
    }
    await next();
  };
}

/**
 * A secret's SHA-256 (Web Crypto: the same on Node and Workers): compare two of these with
 * sameDigest, so the comparison takes the same time whatever the length or the first wrong
 * byte of what was sent.
 */
export async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
}

/** Whether two digests are equal, looking at every byte whatever differs (node:crypto's timingSafeEqual, portably). */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
