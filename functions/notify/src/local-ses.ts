import type { Server } from 'node:http';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { createSes } from './deps.js';

/**
 * aws-ses-v2-local on loopback: accepts SendEmail/SendRawEmail at `endpoint`, lists sent mail at
 * `${endpoint}/store` (JSON) and shows it in a browser at `${endpoint}/`.
 *
 * @example
 * const ses = await startLocalSes({ port: 8005 });
 * // ... send, then: await fetch(`${ses.endpoint}/store`)
 * await ses.stop();
 */
export async function startLocalSes(options: { port: number }): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const module = (await import('aws-ses-v2-local')) as unknown as { default?: unknown };
  // CommonJS package: under ESM its function is `default`, sometimes wrapped once more.
  const start = ((module.default as { default?: unknown } | undefined)?.default ?? module.default ?? module) as (config: {
    host: string;
    port: number;
  }) => Promise<Server>;
  // Loopback only: the default listens on every interface.
  const server = await start({ host: '127.0.0.1', port: options.port });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolveStop, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolveStop()));
      }),
  };
}

/** One email as aws-ses-v2-local stores it. */
export interface LocalSentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
  at: number;
}

/**
 * The mail the local SES has accepted so far.
 *
 * @example
 * const mail = await readLocalMail('http://127.0.0.1:8005');
 */
export async function readLocalMail(endpoint: string): Promise<LocalSentEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`GET ${endpoint}/store: ${response.status}`);
  return ((await response.json()) as { emails: LocalSentEmail[] }).emails;
}

/**
 * Sends one plain-text email through the local SES, so it shows in the "Sent email" viewer. Used
 * for the user pool's own mail (verification codes), which Cognito sends through SES on AWS.
 *
 * @example
 * await sendLocalEmail(ses.endpoint, { from: 'no-reply@schoolgate.local', to: 'a@b.example', subject: 'Code', text: 'It is 123456' });
 */
export async function sendLocalEmail(endpoint: string, email: { from: string; to: string; subject: string; text: string }): Promise<void> {
  const ses = createSes({ endpoint });
  try {
    await ses.send(
      new SendEmailCommand({
        Source: email.from,
        Destination: { ToAddresses: [email.to] },
        Message: { Subject: { Data: email.subject, Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } },
      }),
    );
  } finally {
    ses.destroy();
  }
}
