import { verifySlackRequest } from '@slack/bolt';

/** Slack's own tolerance for the request's timestamp, either way. */
export const MAX_SKEW_S = 5 * 60;

/**
 * Slack writes the timestamp as whole seconds in decimal. Any other spelling ("+…", "0…", "0x…",
 * "1.795e9", "….0", "….9") would be checked as one number while Bolt's signature check covers
 * that number written anew, not the header as sent: refused rather than read generously.
 */
const WHOLE_SECONDS = /^[1-9]\d{0,10}$/;

/**
 * Why a request is not Slack's, or undefined when it is: both signature headers present, the
 * timestamp in whole seconds and within 5 minutes of `nowMs` either way (Bolt checks only the
 * past), and the HMAC right (Bolt's `verifySlackRequest`, given the same instant).
 */
export function refusalOf(headers: Headers, raw: string, signingSecret: string, nowMs: number): string | undefined {
  const signature = headers.get('x-slack-signature');
  const timestamp = headers.get('x-slack-request-timestamp');
  if (signature === null || timestamp === null) return 'signature headers missing';
  if (!WHOLE_SECONDS.test(timestamp)) return 'timestamp not in whole seconds';
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew > MAX_SKEW_S) return 'timestamp in the future';
  if (skew < -MAX_SKEW_S) return 'timestamp stale';
  try {
    verifySlackRequest({
      signingSecret,
      body: raw,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
    return undefined;
  } catch (err) {
    // Bolt's message says why (a mismatch, an unknown version) and holds no secret.
    return (err as Error).message;
  }
}
