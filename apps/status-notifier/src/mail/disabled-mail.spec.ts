import { renderDisabledMail, type DisabledMailFacts, type MailLocale } from './disabled-mail';
import { MAIL_TEXTS, formatWindow } from './mail-texts';

const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

function facts(overrides: Partial<DisabledMailFacts> = {}): DisabledMailFacts {
  return {
    locale: 'en',
    tenantName: 'Acme',
    subscriptionId: 'sub_01JD9XQ4',
    subscriptionName: 'Orders',
    url: 'https://receiver.example.com/hooks',
    reason: 'failure_threshold',
    failureCount: 25,
    failureWindowSeconds: 1800,
    lastStatusCode: 503,
    lastError: 'http_status: HTTP 503',
    disabledAt: new Date('2026-11-23T09:05:00Z'),
    apiBaseUrl: 'https://hooks.example.com',
    ...overrides,
  };
}

const ENABLE_PATH = '/v1/subscriptions/sub_01JD9XQ4/enable';
const CURL = `curl -X POST https://hooks.example.com${ENABLE_PATH} -H "Authorization: Bearer <your API key>"`;

interface LocaleCase {
  locale: MailLocale;
  dir: 'ltr' | 'rtl';
  subject: string;
  threshold: string;
  gone: string;
  date: string;
}

const CASES: LocaleCase[] = [
  {
    locale: 'en',
    dir: 'ltr',
    subject: 'Webhook “Orders” was disabled',
    threshold: 'There were 25 failed delivery attempts within 30 minutes and no successful delivery.',
    gone: 'The endpoint answered 410 Gone, which asks senders to stop sending to it.',
    date: 'November 23, 2026 at 09:05 UTC',
  },
  {
    locale: 'ar',
    dir: 'rtl',
    subject: `تم تعطيل خطاف الويب «${FSI}Orders${PDI}»`,
    threshold: 'بلغ عدد محاولات التسليم الفاشلة 25 خلال 30 دقيقة دون أي عملية تسليم ناجحة.',
    gone: `استجابت نقطة النهاية بالرمز ${LRI}410 Gone${PDI}، وهو ردّ يطلب من المرسِلين التوقف عن الإرسال إليها.`,
    date: '23 نوفمبر 2026 في 09:05 بالتوقيت العالمي المنسق (UTC)',
  },
  {
    locale: 'he',
    dir: 'rtl',
    subject: `הוובהוק "${FSI}Orders${PDI}" הושבת`,
    threshold: 'נרשמו 25 ניסיונות מסירה כושלים בתוך 30 דקות, ללא אף מסירה מוצלחת.',
    gone: `נקודת הקצה השיבה ${LRI}410 Gone${PDI}, תשובה שמבקשת מהשולחים להפסיק לשלוח אליה.`,
    date: '23 בנובמבר 2026 בשעה 9:05 (שעון UTC)',
  },
  {
    locale: 'is',
    dir: 'ltr',
    subject: 'Vefkrókurinn „Orders“ var gerður óvirkur',
    threshold: '25 sendingartilraunir mistókust á 30 mínútum og engin sending tókst á sama tíma.',
    gone: 'Endapunkturinn svaraði með 410 Gone, sem biður sendendur um að hætta að senda til hans.',
    date: '23. nóvember 2026 kl. 09:05 (UTC)',
  },
];

describe('renderDisabledMail', () => {
  describe.each(CASES)('in $locale', ({ locale, dir, subject, threshold, gone, date }) => {
    const texts = MAIL_TEXTS[locale];
    const rtl = dir === 'rtl';
    const token = (value: string) => (rtl ? `${LRI}${value}${PDI}` : value);

    it('explains a failure-threshold disable with every fact', () => {
      const mail = renderDisabledMail(facts({ locale }));

      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain(threshold);
      expect(mail.text).toContain(date);
      expect(mail.text).toContain(`${texts.labels.subscription}: ${rtl ? `${FSI}Orders${PDI}` : 'Orders'}`);
      expect(mail.text).toContain(`${texts.labels.subscriptionId}: ${token('sub_01JD9XQ4')}`);
      expect(mail.text).toContain(`${texts.labels.url}: ${token('https://receiver.example.com/hooks')}`);
      expect(mail.text).toContain(`${texts.labels.lastStatusCode}: ${token('503')}`);
      expect(mail.text).toContain(`${texts.labels.lastError}: ${token('http_status: HTTP 503')}`);
      expect(mail.text).toContain(token(CURL));
      expect(mail.text).toContain(texts.held.literals.join(''));
      expect(mail.text).toContain(texts.mailLimit);

      expect(mail.html).toContain(`<html lang="${locale}" dir="${dir}">`);
      expect(mail.html).toContain('<bdi style="font-weight:600">Orders</bdi>');
      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>sub_01JD9XQ4<\/code>/);
      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>https:\/\/receiver\.example\.com\/hooks<\/code>/);
      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>503<\/code>/);
      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>http_status: HTTP 503<\/code>/);
      expect(mail.html).toContain(`<code dir="ltr">${CURL.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
      expect(mail.html).toContain(date);
    });

    it('explains a 410 Gone disable', () => {
      const mail = renderDisabledMail(
        facts({ locale, reason: 'gone', failureCount: 1, lastStatusCode: 410, lastError: 'http_status: HTTP 410', apiBaseUrl: null }),
      );

      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain(gone);
      expect(mail.text).not.toContain(threshold);
      expect(mail.text).toContain(`${texts.labels.lastStatusCode}: ${token('410')}`);
      expect(mail.text).toContain(token(`POST ${ENABLE_PATH}`));
      expect(mail.text).not.toContain('curl');
      expect(mail.html).toContain(`<html lang="${locale}" dir="${dir}">`);
      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>410 Gone<\/code>/);
      expect(mail.html).toContain(`<code dir="ltr">POST ${ENABLE_PATH}</code>`);
    });

    it('says "none recorded" instead of printing missing values', () => {
      const mail = renderDisabledMail(facts({ locale, lastStatusCode: null, lastError: null, apiBaseUrl: null, tenantName: '' }));

      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/null|undefined|NaN/);
      }
      expect(mail.text).toContain(`${texts.labels.lastStatusCode}: ${texts.noneRecorded}`);
      expect(mail.text).toContain(`${texts.labels.lastError}: ${texts.noneRecorded}`);
    });
  });

  it('isolates tokens only in right-to-left text parts', () => {
    expect(renderDisabledMail(facts({ locale: 'en' })).text).not.toMatch(/[\u2066-\u2069]/);
    expect(renderDisabledMail(facts({ locale: 'is' })).text).not.toMatch(/[\u2066-\u2069]/);
  });

  describe('untrusted values', () => {
    it('escapes a hostile subscription name, tenant name and error in HTML', () => {
      const mail = renderDisabledMail(
        facts({
          subscriptionName: '<script>alert(1)</script>',
          tenantName: `O'Brien & "Sons"`,
          lastError: '<img src=x onerror=alert(1)>',
        }),
      );

      expect(mail.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
      expect(mail.html).toContain('<bdi style="font-weight:600">&lt;script&gt;alert(1)&lt;/script&gt;</bdi>');
      expect(mail.html).toContain('<title>Webhook “&lt;script&gt;alert(1)&lt;/script&gt;” was disabled</title>');
      expect(mail.html).toContain('O&#39;Brien &amp; &quot;Sons&quot;');
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // The text part is not HTML: it keeps the value as written.
      expect(mail.text).toContain('Subscription: <script>alert(1)</script>');
    });

    it('escapes quotes and ampersands of the endpoint URL in HTML', () => {
      const mail = renderDisabledMail(facts({ url: `https://evil.example/x?a=1&b="x"&c='y'` }));

      expect(mail.html).toMatch(/<code dir="ltr"[^>]*>https:\/\/evil\.example\/x\?a=1&amp;b=&quot;x&quot;&amp;c=&#39;y&#39;<\/code>/);
      expect(mail.html).not.toContain(`"x"`);
      expect(mail.html).not.toContain(`'y'`);
      expect(mail.text).toContain(`Endpoint URL: https://evil.example/x?a=1&b="x"&c='y'`);
    });

    it('keeps the subject on one line without control characters', () => {
      const mail = renderDisabledMail(facts({ subscriptionName: 'Orders\r\nBcc: victim@example.com\u0000\t\u0085end' }));

      expect(mail.subject).toBe('Webhook “Orders Bcc: victim@example.com end” was disabled');
      expect(mail.subject).not.toMatch(/[\p{Cc}]/u);
      expect(mail.text).toContain('Subscription: Orders Bcc: victim@example.com end\n');
    });

    it('drops bidi overrides from untrusted values so they cannot reorder the wording', () => {
      const mail = renderDisabledMail(facts({ locale: 'he', subscriptionName: 'abc\u202edef\u2066', url: 'https://x.example/\u202egnp.exe' }));

      expect(mail.subject).toBe(`הוובהוק "${FSI}abcdef${PDI}" הושבת`);
      expect(mail.text).not.toContain('\u202e');
      expect(mail.text).toContain(`${LRI}https://x.example/gnp.exe${PDI}`);
    });

    it('caps a long subject by shortening the name, keeping the wording around it', () => {
      const en = renderDisabledMail(facts({ subscriptionName: 'n'.repeat(400) })).subject;
      const ar = renderDisabledMail(facts({ locale: 'ar', subscriptionName: 'ن'.repeat(400) })).subject;

      expect([...en]).toHaveLength(150);
      expect(en).toMatch(/^Webhook “n+…” was disabled$/);
      expect([...ar]).toHaveLength(150);
      expect(ar).toMatch(new RegExp(`^تم تعطيل خطاف الويب «${FSI}ن+…${PDI}»$`));
    });

    it('does not split a surrogate pair when shortening', () => {
      const subject = renderDisabledMail(facts({ subscriptionName: '😀'.repeat(300) })).subject;

      expect(subject).toMatch(/^Webhook “(😀)+…” was disabled$/u);
    });

    it('names the subscription by its id when it has no name', () => {
      const mail = renderDisabledMail(facts({ subscriptionName: ' \n ' }));

      expect(mail.subject).toBe('Webhook “sub_01JD9XQ4” was disabled');
      expect(mail.text).toContain('Subscription: none recorded');
    });

    it('caps the last error in both parts', () => {
      const mail = renderDisabledMail(facts({ lastError: `timeout: ${'E'.repeat(2000)}` }));
      const capped = `timeout: ${'E'.repeat(490)}…`;

      expect([...capped]).toHaveLength(500);
      expect(mail.text).toContain(`Last error: ${capped}\n`);
      expect(mail.html).toMatch(new RegExp(`>${capped}</code>`));
      expect(mail.text).not.toContain('E'.repeat(491));
      expect(mail.html).not.toContain('E'.repeat(491));
    });

    it('flattens a multi-line error onto one line', () => {
      const mail = renderDisabledMail(facts({ lastError: 'connect: ECONNREFUSED\n  at 10.0.0.1:443' }));

      expect(mail.text).toContain('Last error: connect: ECONNREFUSED at 10.0.0.1:443\n');
    });
  });

  it('writes a self-contained HTML document', () => {
    const html = renderDisabledMail(facts({ locale: 'ar' })).html;

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<style|<img|\ssrc=|\shref=|url\(/i);
  });

  it('builds the curl command from a base URL with a trailing slash', () => {
    const mail = renderDisabledMail(facts({ apiBaseUrl: 'https://hooks.example.com/' }));

    expect(mail.text).toContain(`  ${CURL}\n`);
  });

  it('words the threshold window and count in the sentence', () => {
    expect(renderDisabledMail(facts({ failureWindowSeconds: 7200 })).text).toContain('attempts within 2 hours and');
    expect(renderDisabledMail(facts({ failureWindowSeconds: 90 })).text).toContain('attempts within 90 seconds and');
    expect(renderDisabledMail(facts({ failureCount: 1 })).text).toContain('There was 1 failed delivery attempt within 30 minutes');
    expect(renderDisabledMail(facts({ failureCount: 1200 })).text).toContain('There were 1,200 failed delivery attempts');
    expect(renderDisabledMail(facts({ locale: 'is', failureCount: 21 })).text).toContain('21 sendingartilraun mistókst á 30 mínútum');
    expect(renderDisabledMail(facts({ locale: 'he', failureCount: 1 })).text).toContain('נרשם ניסיון מסירה כושל אחד בתוך 30 דקות');
  });
});

describe('formatWindow', () => {
  it.each([
    [1800, '30 minutes'],
    [7200, '2 hours'],
    [3600, '1 hour'],
    [90, '90 seconds'],
    [1, '1 second'],
    [5400, '90 minutes'],
    [86_400, '1 day'],
    [172_800, '2 days'],
  ])('words %i s in English as %s', (seconds, wording) => {
    expect(formatWindow('en', seconds)).toBe(wording);
  });

  it('uses the plural forms each language needs', () => {
    expect(formatWindow('ar', 1800)).toBe('30 دقيقة');
    expect(formatWindow('ar', 300)).toBe('5 دقائق');
    expect(formatWindow('ar', 7200)).toBe('ساعتين');
    expect(formatWindow('ar', 3600)).toBe('ساعة واحدة');
    expect(formatWindow('ar', 15 * 86_400)).toBe('15 يومًا');
    expect(formatWindow('he', 7200)).toBe('שעתיים');
    expect(formatWindow('he', 3600)).toBe('שעה אחת');
    expect(formatWindow('he', 90)).toBe('90 שניות');
    expect(formatWindow('is', 1800)).toBe('30 mínútum');
    expect(formatWindow('is', 21 * 60)).toBe('21 mínútu');
    expect(formatWindow('is', 7200)).toBe('2 klukkustundum');
  });

  it('never prints a fraction or a nonsense value', () => {
    expect(formatWindow('en', 0)).toBe('0 seconds');
    expect(formatWindow('en', Number.NaN)).toBe('0 seconds');
    expect(formatWindow('en', 59.6)).toBe('1 minute');
  });
});
