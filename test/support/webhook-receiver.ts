import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@schoolgate/usecases';

/** One POST a receiver saw, with whether its signature held for each secret it knows. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  verified: boolean;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The secrets the receiver accepts (a CRM would keep these in its own configuration). */
  secrets: string[];
  /** Answer this status to the next n requests (then 204 again). */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/**
 * A college CRM's webhook receiver on 127.0.0.1: verifies the Schoolgate-Signature header against
 * the secrets it holds (400 when none matches), answers 204, and remembers every request.
 *
 * @example
 * const receiver = await startWebhookReceiver();
 * receiver.secrets.push(created.secret);
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const secrets: string[] = [];
  let failures = 0;
  let failStatus = 500;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['schoolgate-signature'];
      const verified = secrets.some((secret) => verifySignature(typeof header === 'string' ? header : undefined, body, secret));
      const status = failures > 0 ? (failures--, failStatus) : verified ? 204 : 400;
      received.push({ headers: req.headers, body, status, verified });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/schoolgate`,
    received,
    secrets,
    failNext(n, status = 500) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
