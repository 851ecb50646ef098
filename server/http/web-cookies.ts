import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The web pages' two cookies: the session, and the sign-in form's nonce (the browser half of
 * that form's CSRF token). HTTP-only, SameSite=Lax, Path=/; over https also Secure, and named
 * `__Host-…`, which browsers accept only from that host, over https, for Path=/.
 */
export type WebCookie = 'session' | 'sign_in';

export interface CookiePolicy {
  secure: boolean;
}

export function cookiePolicy(publicUrl: string): CookiePolicy {
  return { secure: publicUrl.startsWith('https:') };
}

export function cookieName(which: WebCookie, policy: CookiePolicy): string {
  return `${policy.secure ? '__Host-' : ''}thads_${which}`;
}

export function readCookie(c: Context, which: WebCookie, policy: CookiePolicy): string | undefined {
  return getCookie(c, cookieName(which, policy));
}

export function writeCookie(c: Context, which: WebCookie, value: string, maxAgeMs: number, policy: CookiePolicy): void {
  setCookie(c, cookieName(which, policy), value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: policy.secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearCookie(c: Context, which: WebCookie, policy: CookiePolicy): void {
  deleteCookie(c, cookieName(which, policy), { httpOnly: true, sameSite: 'Lax', secure: policy.secure, path: '/' });
}
