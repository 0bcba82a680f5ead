import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './webhook-signature.js';
import { checkWebhookUrl, liveSecrets } from './webhooks.js';

describe('webhook signatures', () => {
  const body = '{"id":"evt_1","type":"booking.confirmed"}';
  const now = new Date('2026-12-03T12:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('signs "<t>.<body>" with HMAC-SHA256, one v1 per secret, as a receiver recomputes it', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], t, body);
    const expected = (secret: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${expected('whsec_new')},v1=${expected('whsec_old')}`);
    expect(verifySignature(header, body, 'whsec_old', now)).toBe(true);
    expect(verifySignature(header, body, 'whsec_new', now)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale or future timestamp, and a header without v1', () => {
    const header = signatureHeader(['whsec_a'], t, body);
    expect(verifySignature(header, body, 'whsec_b', now)).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_a', now)).toBe(false);
    expect(verifySignature(header, body, 'whsec_a', new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(header, body, 'whsec_a', new Date(now.getTime() - 301_000))).toBe(false);
    expect(verifySignature(`t=${t}`, body, 'whsec_a', now)).toBe(false);
    expect(verifySignature(undefined, body, 'whsec_a', now)).toBe(false);
    // The timestamp is signed too: moving it breaks the signature.
    expect(verifySignature(header.replace(`t=${t}`, `t=${t + 1}`), body, 'whsec_a', now)).toBe(false);
  });

  it('signs with a rotated secret only until its overlap ends', () => {
    const endpoint = { secrets: [{ secret: 'new', createdAt: '2026-12-03T11:00:00Z' }, { secret: 'old', createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-12-04T11:00:00.000Z' }] };
    expect(liveSecrets(endpoint, now)).toEqual(['new', 'old']);
    expect(liveSecrets(endpoint, new Date('2026-12-04T11:00:00.001Z'))).toEqual(['new']);
  });
});

describe('webhook addresses', () => {
  it('takes https anywhere, plain http only to 127.0.0.1 on a local run, and no credentials in the address', () => {
    expect(() => checkWebhookUrl('https://crm.college.example/hooks', false)).not.toThrow();
    expect(() => checkWebhookUrl('http://crm.college.example/hooks', false)).toThrow(/https/);
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/hooks', false)).toThrow();
    expect(() => checkWebhookUrl('https://127.0.0.1/hooks', false)).toThrow();
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/hooks', true)).not.toThrow();
    expect(() => checkWebhookUrl('http://10.0.0.1/hooks', true)).toThrow();
    expect(() => checkWebhookUrl('https://user:pass@crm.example/hooks', false)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('not a url', false)).toThrow();
  });
});
