import { defineMessages } from '../i18n/messages';

export const signInMessages = defineMessages({
  en: {
    title: 'Sign in to Hookline',
    intro: 'Manage your webhooks: where events are sent, what was delivered, and what came back.',
    apiKey: 'API key',
    apiKeyHint: 'A tenant API key starting with hk_. It is kept in this browser tab only and forgotten when you close it.',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    required: 'Enter your API key.',
    refused: 'This API key was not accepted.',
  },
  ar: {
    title: 'تسجيل الدخول إلى Hookline',
    intro: 'أدِر خطافات الويب الخاصة بك: إلى أين تُرسل الأحداث، وما الذي سُلّم، وما الذي عاد.',
    apiKey: 'مفتاح API',
    apiKeyHint: 'مفتاح API للمستأجر يبدأ بـ hk_. يُحفظ في علامة التبويب هذه فقط ويُنسى عند إغلاقها.',
    submit: 'تسجيل الدخول',
    signingIn: 'جارٍ تسجيل الدخول…',
    required: 'أدخل مفتاح API الخاص بك.',
    refused: 'لم يُقبل مفتاح API هذا.',
  },
  he: {
    title: 'התחברות ל-Hookline',
    intro: 'ניהול ה-Webhooks שלכם: לאן נשלחים אירועים, מה נמסר ומה חזר.',
    apiKey: 'מפתח API',
    apiKeyHint: 'מפתח API של הדייר שמתחיל ב-hk_. הוא נשמר בלשונית זו בלבד ונשכח כשסוגרים אותה.',
    submit: 'התחברות',
    signingIn: 'מתחבר…',
    required: 'יש להזין מפתח API.',
    refused: 'מפתח ה-API הזה לא התקבל.',
  },
  is: {
    title: 'Innskráning í Hookline',
    intro: 'Stýrðu vefkrókunum þínum: hvert atburðir eru sendir, hvað var afhent og hvaða svar barst.',
    apiKey: 'API-lykill',
    apiKeyHint: 'API-lykill leigjanda sem byrjar á hk_. Hann er aðeins geymdur í þessum vafraflipa og gleymist þegar honum er lokað.',
    submit: 'Skrá inn',
    signingIn: 'Skrái inn…',
    required: 'Sláðu inn API-lykilinn þinn.',
    refused: 'Þessum API-lykli var ekki tekið.',
  },
});
