/**
 * Random secrets handed to a browser (sign-in links, session ids) and the hashes stored in their
 * place. Web Crypto only, so the same code runs on Node and on Cloudflare Workers.
 */

/**
 * 32 random bytes (256 bits) in hex: safe in a URL path and a cookie value, and in chat texts,
 * where `_` or `-` could be read as formatting (Slack's mrkdwn) and cut the link short.
 */
export function generateSecretToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** Whether `value` looks like a token generateSecretToken made: anything else is refused unread. */
export function isSecretToken(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** SHA-256 of the text, in hex: what the database keeps instead of a token. */
export async function hashSecret(value: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))));
}

/** Compares two strings in time that depends on their length only, not on where they differ. */
export function equalSecrets(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
