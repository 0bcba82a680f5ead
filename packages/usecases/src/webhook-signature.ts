import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery is signed in. */
export const SIGNATURE_HEADER = 'Schoolgate-Signature';
/** The header carrying the event id, the same on every attempt and resend: de-duplicate on it. */
export const EVENT_ID_HEADER = 'Schoolgate-Event-Id';
/** A receiver should refuse a signature older than this (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, with one `v1` per secret in use (two
 * while a rotated secret overlaps the new one), as Stripe does.
 *
 * @example
 * const header = signatureHeader(['whsec_abc'], Math.floor(Date.now() / 1000), body);
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

/**
 * What a receiver does: true when one of the header's `v1` signatures is the HMAC of the body
 * with `secret`, and its timestamp is within the tolerance of `now`.
 *
 * @example
 * if (!verifySignature(req.headers['schoolgate-signature'], rawBody, process.env.SCHOOLGATE_WEBHOOK_SECRET!)) return res.writeHead(400).end();
 */
export function verifySignature(header: string | undefined, body: string, secret: string, now: Date = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=') as [string, string]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return parts
    .filter(([name, value]) => name === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''))
    .some(([, value]) => timingSafeEqual(Buffer.from(value, 'hex'), expected));
}

const hmac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
