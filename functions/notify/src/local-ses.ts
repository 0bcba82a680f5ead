import type { Server } from 'node:http';

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
