import { MAIL_TEXTS, formatWindow, plain, type MailLocale, type MailTexts, type Phrase, type Token } from './mail-texts';

export type { MailLocale } from './mail-texts';

export interface DisabledMailFacts {
  locale: MailLocale;
  tenantName: string;
  subscriptionId: string;
  /** User-provided, untrusted. */
  subscriptionName: string;
  /** Untrusted. */
  url: string;
  reason: 'failure_threshold' | 'gone';
  /** Failed attempts counted in the window (for `failure_threshold`). */
  failureCount: number;
  failureWindowSeconds: number;
  /** HTTP status of the last failed attempt; null when there was no response. */
  lastStatusCode: number | null;
  /** Untrusted, may be long. */
  lastError: string | null;
  disabledAt: Date;
  /** Public base URL of the management API; null when unknown. */
  apiBaseUrl: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 150;
const ERROR_MAX = 500;
const ELLIPSIS = '…';

// Unicode isolates: technical tokens are forced left-to-right, names get their own direction.
const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

/** Mail for a subscription Hookline disabled on its own; wording in the tenant's locale. */
export function renderDisabledMail(facts: DisabledMailFacts): RenderedMail {
  const texts = MAIL_TEXTS[facts.locale];
  const isolate = texts.dir === 'rtl';
  const id = oneLine(facts.subscriptionId);
  const subject = renderSubject(texts, oneLine(facts.subscriptionName) || id, isolate);
  const content = mailContent(texts, facts, id);
  return {
    subject,
    text: renderText(subject, content, isolate),
    html: renderHtml(texts, subject, content),
  };
}

interface Fact {
  label: string;
  value: Token;
}

interface Section {
  heading: string;
  paragraphs: Phrase[];
  /** Shown as its own left-to-right block after the first paragraph. */
  command?: string;
}

interface MailContent {
  title: Phrase;
  intro: Phrase;
  facts: Fact[];
  sections: Section[];
  footer: string[];
}

function mailContent(texts: MailTexts, facts: DisabledMailFacts, id: string): MailContent {
  const name = oneLine(facts.subscriptionName);
  const tenant = oneLine(facts.tenantName);
  const lastError = truncate(oneLine(facts.lastError ?? ''), ERROR_MAX);
  const none = plain(texts.noneRecorded);
  const date = new Intl.DateTimeFormat(`${texts.lang}-u-nu-latn`, {
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(facts.disabledAt);
  const why =
    facts.reason === 'gone'
      ? texts.gone(code('410 Gone'))
      : texts.threshold(facts.failureCount, plain(formatWindow(texts.lang, facts.failureWindowSeconds)));
  return {
    title: texts.subject(nameToken(name || id)),
    intro: texts.intro(tenant ? nameToken(tenant) : null),
    facts: [
      { label: texts.labels.subscription, value: name ? nameToken(name) : none },
      { label: texts.labels.subscriptionId, value: code(id) },
      { label: texts.labels.url, value: code(oneLine(facts.url)) },
      { label: texts.labels.disabledAt, value: plain(flatten(texts.disabledAt(plain(date)))) },
      {
        label: texts.labels.lastStatusCode,
        value: facts.lastStatusCode === null ? none : code(String(facts.lastStatusCode)),
      },
      { label: texts.labels.lastError, value: lastError ? code(lastError) : none },
    ],
    sections: [
      { heading: texts.whyHeading, paragraphs: [why] },
      { heading: texts.heldHeading, paragraphs: [texts.held] },
      {
        heading: texts.enableHeading,
        paragraphs: [texts.enableByApi, texts.enableInConsole, texts.enableSendsHeld],
        command: enableCommand(facts.apiBaseUrl, id),
      },
    ],
    footer: [texts.mailLimit, texts.signature],
  };
}

function enableCommand(apiBaseUrl: string | null, id: string): string {
  const path = `/v1/subscriptions/${encodeURIComponent(id)}/enable`;
  const base = oneLine(apiBaseUrl ?? '').replace(/\/+$/, '');
  if (!base) return `POST ${path}`;
  return `curl -X POST ${base}${path} -H "Authorization: Bearer <your API key>"`;
}

/** Shortens the name, not the wording around it, so the subject still says what happened. */
function renderSubject(texts: MailTexts, name: string, isolate: boolean): string {
  const render = (value: string) => stripControls(textOf(texts.subject(nameToken(value)), isolate));
  const room = SUBJECT_MAX - [...render('')].length;
  return render(truncate(name, Math.max(room, 1)));
}

function renderText(subject: string, content: MailContent, isolate: boolean): string {
  const lines = [subject, '', textOf(content.intro, isolate), ''];
  for (const fact of content.facts) lines.push(`${fact.label}: ${tokenText(fact.value, isolate)}`);
  for (const section of content.sections) {
    lines.push('', section.heading);
    section.paragraphs.forEach((paragraph, index) => {
      lines.push(textOf(paragraph, isolate));
      if (index === 0 && section.command !== undefined) {
        lines.push('', `  ${tokenText(code(section.command), isolate)}`, '');
      }
    });
  }
  lines.push('', ...content.footer);
  return `${lines.join('\n')}\n`;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Tahoma,Arial,sans-serif";
const MONO = 'font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace';

function renderHtml(texts: MailTexts, subject: string, content: MailContent): string {
  const start = texts.dir === 'rtl' ? 'right' : 'left';
  const p = (inner: string) => `<p style="margin:0 0 12px;line-height:1.5">${inner}</p>`;
  const rows = content.facts.map(
    (fact) =>
      `<tr><th scope="row" style="text-align:${start};vertical-align:top;padding:4px 12px 4px 0;font-weight:600;white-space:nowrap">${escapeHtml(fact.label)}</th>` +
      `<td style="text-align:${start};vertical-align:top;padding:4px 0">${tokenHtml(fact.value)}</td></tr>`,
  );
  const sections = content.sections.flatMap((section) => [
    `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(section.heading)}</h2>`,
    ...section.paragraphs.flatMap((paragraph, index) => [
      p(htmlOf(paragraph)),
      ...(index === 0 && section.command !== undefined
        ? [
            `<pre dir="ltr" style="text-align:left;${MONO};font-size:13px;background:#f3f4f6;border:1px solid #d0d7de;border-radius:4px;padding:10px;margin:0 0 12px;white-space:pre-wrap;word-break:break-all"><code dir="ltr">${escapeHtml(section.command)}</code></pre>`,
          ]
        : []),
    ]),
  ]);
  return [
    '<!DOCTYPE html>',
    `<html lang="${texts.lang}" dir="${texts.dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:24px;background:#f6f7f9;color:#1f2328;${FONT};font-size:15px">`,
    `<div style="max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:24px">`,
    `<h1 style="font-size:20px;margin:0 0 16px">${htmlOf(content.title)}</h1>`,
    p(htmlOf(content.intro)),
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 8px">${rows.join('')}</table>`,
    ...sections,
    `<hr style="border:0;border-top:1px solid #d0d7de;margin:20px 0 12px">`,
    ...content.footer.map((line) => `<p style="margin:0 0 6px;color:#57606a;font-size:13px">${escapeHtml(line)}</p>`),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function code(value: string): Token {
  return { kind: 'code', value };
}

function nameToken(value: string): Token {
  return { kind: 'name', value };
}

function weave(sentence: Phrase, token: (value: Token) => string, literal: (value: string) => string): string {
  return sentence.literals
    .map((part, index) => {
      const next = sentence.tokens[index];
      return literal(part) + (next === undefined ? '' : token(next));
    })
    .join('');
}

function textOf(sentence: Phrase, isolate: boolean): string {
  return weave(sentence, (value) => tokenText(value, isolate), (part) => part);
}

function flatten(sentence: Phrase): string {
  return textOf(sentence, false);
}

function htmlOf(sentence: Phrase): string {
  return weave(sentence, tokenHtml, escapeHtml);
}

function tokenText(token: Token, isolate: boolean): string {
  if (!isolate || token.kind === 'plain') return token.value;
  return `${token.kind === 'code' ? LRI : FSI}${token.value}${PDI}`;
}

function tokenHtml(token: Token): string {
  const value = escapeHtml(token.value);
  switch (token.kind) {
    case 'code':
      return `<code dir="ltr" style="${MONO};font-size:13px;background:#f3f4f6;border-radius:3px;padding:1px 4px;word-break:break-all">${value}</code>`;
    case 'name':
      return `<bdi style="font-weight:600">${value}</bdi>`;
    case 'plain':
      return value;
  }
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Control characters and line separators break headers and lines; bidi embeddings, overrides and
// isolates from outside could unbalance ours and reorder the wording around them.
const UNSAFE = /[\p{Cc}\u2028\u2029]/gu;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** An untrusted value on one line, without control or bidi-control characters. */
function oneLine(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

function stripControls(value: string): string {
  return value.replace(UNSAFE, ' ');
}

/** Cuts by code points so a surrogate pair is never split. */
function truncate(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max - 1).join('') + ELLIPSIS;
}
