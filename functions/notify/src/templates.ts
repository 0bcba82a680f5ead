import Handlebars from 'handlebars';

/** What every email says, in the order a reader needs it. Kinds differ only in this content. */
export interface EmailContent {
  subject: string;
  /** The page heading of the HTML part. */
  heading: string;
  /** A plain-English first line that says what happened, when and where. */
  lead: string;
  details: Array<{ label: string; value: string }>;
  paragraphs: string[];
  action: { href: string; text: string };
  /** Why this person gets this email. */
  reason: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// Text is not HTML: no escaping, or "O'Brien & Sons" would arrive as "O&#x27;Brien &amp; Sons".
const textTemplate = Handlebars.compile<EmailContent>(
  `{{lead}}

{{#if details.length}}
{{#each details}}
- {{label}}: {{value}}
{{/each}}

{{/if}}
{{#each paragraphs}}
{{this}}

{{/each}}
{{action.text}}: {{action.href}}

--
{{reason}}
Schoolgate
`,
  { noEscape: true, strict: true },
);

// One column, no layout tables, real headings and a list, 4.5:1+ contrast (#0b0c0c on white,
// links #1d70b8), so screen readers and small screens read it in order. Handlebars escapes values.
const htmlTemplate = Handlebars.compile<EmailContent>(
  `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:16px;background:#ffffff;color:#0b0c0c;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">
<main style="max-width:640px;">
<h1 style="font-size:24px;margin:0 0 16px;">{{heading}}</h1>
<p>{{lead}}</p>
{{#if details.length}}
<h2 style="font-size:19px;margin:24px 0 8px;">Details</h2>
<ul>
{{#each details}}
<li><strong>{{label}}:</strong> {{value}}</li>
{{/each}}
</ul>
{{/if}}
{{#each paragraphs}}
<p>{{this}}</p>
{{/each}}
<p><a href="{{action.href}}" style="color:#1d70b8;text-decoration:underline;">{{action.text}}</a></p>
<footer style="margin-top:32px;border-top:1px solid #b1b4b6;padding-top:8px;color:#0b0c0c;font-size:14px;">
<p>{{reason}}</p>
<p>Schoolgate</p>
</footer>
</main>
</body>
</html>
`,
  { strict: true },
);

/**
 * Renders one email's content as its plain-text and HTML parts.
 *
 * @example
 * const { subject, text, html } = renderEmail(content);
 */
export function renderEmail(content: EmailContent): RenderedEmail {
  return { subject: content.subject, text: textTemplate(content), html: htmlTemplate(content) };
}
