import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { InviteMethod } from '@schoolgate/calendar-files';

export interface RawEmailInput {
  from: string;
  to: { email: string; name: string };
  subject: string;
  text: string;
  html: string;
  invite: { method: InviteMethod; ics: string };
}

/**
 * The raw MIME of an email with a calendar invite, as SES SendRawEmail takes it.
 *
 * The invite goes twice, as calendar clients expect: a `text/calendar; method=…` alternative
 * (Outlook and Apple Mail act on it inline) and an `invite.ics` attachment (Gmail and anyone who
 * wants to save the file).
 *
 * @example
 * const raw = await buildRawEmail({ from, to, subject, text, html, invite: { method: 'REQUEST', ics } });
 */
export async function buildRawEmail(input: RawEmailInput): Promise<Buffer> {
  const method = input.invite.method;
  const composer = new MailComposer({
    from: input.from,
    to: { name: input.to.name, address: input.to.email },
    subject: input.subject,
    text: input.text,
    html: input.html,
    icalEvent: { method, filename: 'invite.ics', content: input.invite.ics },
    attachments: [
      {
        filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        content: input.invite.ics,
        contentType: `text/calendar; charset=utf-8; method=${method}`,
      },
    ],
  });
  return composer.compile().build();
}
