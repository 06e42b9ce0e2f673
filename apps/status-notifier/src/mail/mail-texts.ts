import type { TenantLocale } from '@hookline/contracts';

export type MailLocale = TenantLocale;

/**
 * A value placed into a sentence. `code` is a technical token kept left-to-right (id, URL, HTTP status,
 * API call); `name` is free text of unknown direction (subscription or tenant name); `plain` is wording
 * or a number already written in the mail's language.
 */
export interface Token {
  kind: 'code' | 'name' | 'plain';
  value: string;
}

/** A sentence as literal wording and tokens, so each output format can escape and isolate them its own way. */
export interface Phrase {
  readonly literals: readonly string[];
  readonly tokens: readonly Token[];
}

export function phrase(literals: TemplateStringsArray, ...tokens: Token[]): Phrase {
  return { literals: [...literals], tokens };
}

export function plain(value: string): Token {
  return { kind: 'plain', value };
}

export interface MailTexts {
  lang: MailLocale;
  dir: 'ltr' | 'rtl';
  subject(name: Token): Phrase;
  /** `tenant` is null when the tenant has no name. */
  intro(tenant: Token | null): Phrase;
  labels: {
    subscription: string;
    subscriptionId: string;
    url: string;
    disabledAt: string;
    lastStatusCode: string;
    lastError: string;
  };
  noneRecorded: string;
  /** `date` is already formatted in UTC; the wording must say so. */
  disabledAt(date: Token): Phrase;
  whyHeading: string;
  threshold(failureCount: number, window: Token): Phrase;
  gone(status: Token): Phrase;
  heldHeading: string;
  held: Phrase;
  enableHeading: string;
  enableByApi: Phrase;
  enableInConsole: Phrase;
  enableSendsHeld: Phrase;
  mailLimit: string;
  signature: string;
  /** A window length in whole `unit`s, worded to follow the preposition used in `threshold`. */
  duration(count: number, unit: DurationUnit): string;
}

export type DurationUnit = 'second' | 'minute' | 'hour' | 'day';

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Picks the CLDR plural form of `n` and puts the number (Latin digits) where `#` stands. */
function plural(locale: MailLocale, n: number, forms: PluralForms): string {
  const form = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
  return form.replace('#', formatNumber(locale, n));
}

/** Latin digits in every locale, matching the ids, codes and dates around them. */
export function formatNumber(locale: MailLocale, n: number): string {
  return new Intl.NumberFormat(`${locale}-u-nu-latn`).format(n);
}

const en: MailTexts = {
  lang: 'en',
  dir: 'ltr',
  subject: (name) => phrase`Webhook “${name}” was disabled`,
  intro: (tenant) =>
    tenant
      ? phrase`Hookline has automatically disabled the following webhook subscription of ${tenant}:`
      : phrase`Hookline has automatically disabled the following webhook subscription:`,
  labels: {
    subscription: 'Subscription',
    subscriptionId: 'Subscription ID',
    url: 'Endpoint URL',
    disabledAt: 'Disabled at',
    lastStatusCode: 'Last HTTP status',
    lastError: 'Last error',
  },
  noneRecorded: 'none recorded',
  disabledAt: (date) => phrase`${date} UTC`,
  whyHeading: 'Why it was disabled',
  threshold: (n, window) =>
    phrase`${plain(
      plural('en', n, {
        one: 'There was # failed delivery attempt',
        other: 'There were # failed delivery attempts',
      }),
    )} within ${window} and no successful delivery.`,
  gone: (status) => phrase`The endpoint answered ${status}, which asks senders to stop sending to it.`,
  heldHeading: 'Nothing is lost',
  held: phrase`While the subscription is disabled, new events for it are kept (held) instead of being sent, so nothing is lost.`,
  enableHeading: 'How to re-enable it',
  enableByApi: phrase`Once the endpoint is fixed, re-enable the subscription with this API call:`,
  enableInConsole: phrase`Alternatively, use the “Enable” action under Settings → Webhooks in the console.`,
  enableSendsHeld: phrase`Re-enabling sends the held events (in their original order for ordered subscriptions).`,
  mailLimit: 'You receive at most one such e-mail per subscription per hour.',
  signature: 'This is an automated message from Hookline.',
  duration: (n, unit) => {
    const forms: Record<DurationUnit, PluralForms> = {
      second: { one: '# second', other: '# seconds' },
      minute: { one: '# minute', other: '# minutes' },
      hour: { one: '# hour', other: '# hours' },
      day: { one: '# day', other: '# days' },
    };
    return plural('en', n, forms[unit]);
  },
};

// Durations follow «خلال», so the dual is genitive (ساعتين) and 11–99 take the accusative tamyiz (يومًا).
const ar: MailTexts = {
  lang: 'ar',
  dir: 'rtl',
  subject: (name) => phrase`تم تعطيل خطاف الويب «${name}»`,
  intro: (tenant) =>
    tenant
      ? phrase`عطّل Hookline تلقائيًا اشتراك خطاف الويب التالي في حساب ${tenant}:`
      : phrase`عطّل Hookline تلقائيًا اشتراك خطاف الويب التالي:`,
  labels: {
    subscription: 'الاشتراك',
    subscriptionId: 'معرّف الاشتراك',
    url: 'عنوان URL لنقطة النهاية',
    disabledAt: 'وقت التعطيل',
    lastStatusCode: 'آخر رمز حالة HTTP',
    lastError: 'آخر خطأ',
  },
  noneRecorded: 'لم يُسجَّل',
  disabledAt: (date) => phrase`${date} بالتوقيت العالمي المنسق (UTC)`,
  whyHeading: 'سبب التعطيل',
  threshold: (n, window) =>
    phrase`بلغ عدد محاولات التسليم الفاشلة ${plain(formatNumber('ar', n))} خلال ${window} دون أي عملية تسليم ناجحة.`,
  gone: (status) => phrase`استجابت نقطة النهاية بالرمز ${status}، وهو ردّ يطلب من المرسِلين التوقف عن الإرسال إليها.`,
  heldHeading: 'لن يضيع أي شيء',
  held: phrase`ما دام الاشتراك معطّلًا، يحتفظ Hookline بالأحداث الجديدة الخاصة به (تُحتجَز ولا تُرسَل)، فلا يضيع أي شيء.`,
  enableHeading: 'كيفية إعادة التفعيل',
  enableByApi: phrase`بعد إصلاح نقطة النهاية، أعِد تفعيل الاشتراك باستدعاء واجهة API التالي:`,
  enableInConsole: phrase`أو استخدم إجراء «تفعيل» ضمن الإعدادات ← خطافات الويب في لوحة التحكم.`,
  enableSendsHeld: phrase`عند إعادة التفعيل تُرسَل الأحداث المحتجزة (بترتيبها الأصلي في الاشتراكات المرتَّبة).`,
  mailLimit: 'لن تصلك أكثر من رسالة واحدة من هذا النوع لكل اشتراك في الساعة.',
  signature: 'هذه رسالة تلقائية من Hookline.',
  duration: (n, unit) => {
    const forms: Record<DurationUnit, PluralForms> = {
      second: { one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', other: '# ثانية' },
      minute: { one: 'دقيقة واحدة', two: 'دقيقتين', few: '# دقائق', other: '# دقيقة' },
      hour: { one: 'ساعة واحدة', two: 'ساعتين', few: '# ساعات', other: '# ساعة' },
      day: { one: 'يوم واحد', two: 'يومين', few: '# أيام', many: '# يومًا', other: '# يوم' },
    };
    return plural('ar', n, forms[unit]);
  },
};

// Every line starts with a Hebrew word, so plain-text clients pick a right-to-left paragraph.
const he: MailTexts = {
  lang: 'he',
  dir: 'rtl',
  subject: (name) => phrase`הוובהוק "${name}" הושבת`,
  intro: (tenant) =>
    tenant
      ? phrase`מינוי הוובהוק הבא בחשבון ${tenant} הושבת אוטומטית על ידי Hookline:`
      : phrase`מינוי הוובהוק הבא הושבת אוטומטית על ידי Hookline:`,
  labels: {
    subscription: 'מינוי',
    subscriptionId: 'מזהה המינוי',
    url: 'כתובת נקודת הקצה',
    disabledAt: 'מועד ההשבתה',
    lastStatusCode: 'קוד סטטוס HTTP אחרון',
    lastError: 'שגיאה אחרונה',
  },
  noneRecorded: 'לא נרשם',
  disabledAt: (date) => phrase`${date} (שעון UTC)`,
  whyHeading: 'סיבת ההשבתה',
  threshold: (n, window) =>
    phrase`${plain(
      plural('he', n, {
        one: 'נרשם ניסיון מסירה כושל אחד',
        other: 'נרשמו # ניסיונות מסירה כושלים',
      }),
    )} בתוך ${window}, ללא אף מסירה מוצלחת.`,
  gone: (status) => phrase`נקודת הקצה השיבה ${status}, תשובה שמבקשת מהשולחים להפסיק לשלוח אליה.`,
  heldHeading: 'שום דבר לא הולך לאיבוד',
  held: phrase`כל עוד המינוי מושבת, אירועים חדשים עבורו נשמרים (מוחזקים) ואינם נשלחים, כך ששום דבר לא הולך לאיבוד.`,
  enableHeading: 'איך להפעיל מחדש',
  enableByApi: phrase`לאחר תיקון נקודת הקצה, אפשר להפעיל את המינוי מחדש בקריאה הבאה ל-API:`,
  enableInConsole: phrase`לחלופין, אפשר להשתמש בפעולה "הפעלה" תחת הגדרות ← וובהוקים במסוף הניהול.`,
  enableSendsHeld: phrase`עם ההפעלה מחדש יישלחו האירועים המוחזקים (במינויים מסודרים – לפי הסדר המקורי).`,
  mailLimit: 'תקבלו לכל היותר הודעה אחת כזו לכל מינוי בשעה.',
  signature: 'זוהי הודעה אוטומטית מ-Hookline.',
  duration: (n, unit) => {
    const forms: Record<DurationUnit, PluralForms> = {
      second: { one: 'שנייה אחת', two: 'שתי שניות', other: '# שניות' },
      minute: { one: 'דקה אחת', two: 'שתי דקות', other: '# דקות' },
      hour: { one: 'שעה אחת', two: 'שעתיים', other: '# שעות' },
      day: { one: 'יום אחד', two: 'יומיים', other: '# ימים' },
    };
    return plural('he', n, forms[unit]);
  },
};

// Durations follow «á», so they are dative; 21, 31, … take the singular like 1.
const is: MailTexts = {
  lang: 'is',
  dir: 'ltr',
  subject: (name) => phrase`Vefkrókurinn „${name}“ var gerður óvirkur`,
  intro: (tenant) =>
    tenant
      ? phrase`Hookline hefur sjálfkrafa gert eftirfarandi vefkrókaáskrift óvirka hjá ${tenant}:`
      : phrase`Hookline hefur sjálfkrafa gert eftirfarandi vefkrókaáskrift óvirka:`,
  labels: {
    subscription: 'Áskrift',
    subscriptionId: 'Auðkenni áskriftar',
    url: 'Slóð endapunkts',
    disabledAt: 'Óvirk frá',
    lastStatusCode: 'Síðasti HTTP-stöðukóði',
    lastError: 'Síðasta villa',
  },
  noneRecorded: 'ekkert skráð',
  disabledAt: (date) => phrase`${date} (UTC)`,
  whyHeading: 'Ástæða',
  threshold: (n, window) =>
    phrase`${plain(
      plural('is', n, {
        one: '# sendingartilraun mistókst',
        other: '# sendingartilraunir mistókust',
      }),
    )} á ${window} og engin sending tókst á sama tíma.`,
  gone: (status) => phrase`Endapunkturinn svaraði með ${status}, sem biður sendendur um að hætta að senda til hans.`,
  heldHeading: 'Ekkert glatast',
  held: phrase`Á meðan áskriftin er óvirk eru nýir atburðir fyrir hana geymdir (haldið eftir) í stað þess að vera sendir, svo ekkert glatast.`,
  enableHeading: 'Svona virkjar þú hana aftur',
  enableByApi: phrase`Þegar búið er að lagfæra endapunktinn getur þú virkjað áskriftina aftur með þessu API-kalli:`,
  enableInConsole: phrase`Einnig má nota aðgerðina „Virkja“ undir Stillingar → Vefkrókar í stjórnborðinu.`,
  enableSendsHeld: phrase`Þegar áskriftin er virkjuð aftur eru atburðirnir sem haldið var eftir sendir (í upprunalegri röð ef áskriftin krefst raðaðrar afhendingar).`,
  mailLimit: 'Þú færð í mesta lagi einn slíkan póst á klukkustund fyrir hverja áskrift.',
  signature: 'Þetta er sjálfvirk tilkynning frá Hookline.',
  duration: (n, unit) => {
    const forms: Record<DurationUnit, PluralForms> = {
      second: { one: '# sekúndu', other: '# sekúndum' },
      minute: { one: '# mínútu', other: '# mínútum' },
      hour: { one: '# klukkustund', other: '# klukkustundum' },
      day: { one: '# degi', other: '# dögum' },
    };
    return plural('is', n, forms[unit]);
  },
};

export const MAIL_TEXTS: Readonly<Record<MailLocale, MailTexts>> = { en, ar, he, is };

const UNITS: readonly [DurationUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/**
 * A failure window in the largest unit that divides it exactly (1800 → 30 minutes, 5400 → 90 minutes,
 * 90 → 90 seconds): always exact, never a fraction to round.
 */
export function formatWindow(locale: MailLocale, seconds: number): string {
  const whole = Number.isFinite(seconds) ? Math.max(0, Math.round(seconds)) : 0;
  const [unit, size] = UNITS.find(([, size]) => whole > 0 && whole % size === 0) ?? ['second', 1];
  return MAIL_TEXTS[locale].duration(whole / size, unit);
}
