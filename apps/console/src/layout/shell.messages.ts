import { defineMessages } from '../i18n/messages';

export const shellMessages = defineMessages({
  en: {
    product: 'Hookline',
    navWebhooks: 'Webhooks',
    navEventTypes: 'Event types',
    navEvents: 'Events',
    language: 'Language',
    signOut: 'Sign out',
    mainNavigation: 'Main',
    notFoundTitle: 'Page not found',
    notFoundBody: 'There is nothing at this address.',
    backToWebhooks: 'Back to webhooks',
  },
  ar: {
    product: 'Hookline',
    navWebhooks: 'خطافات الويب',
    navEventTypes: 'أنواع الأحداث',
    navEvents: 'الأحداث',
    language: 'اللغة',
    signOut: 'تسجيل الخروج',
    mainNavigation: 'التنقل الرئيسي',
    notFoundTitle: 'الصفحة غير موجودة',
    notFoundBody: 'لا يوجد شيء على هذا العنوان.',
    backToWebhooks: 'العودة إلى خطافات الويب',
  },
  he: {
    product: 'Hookline',
    navWebhooks: 'Webhooks',
    navEventTypes: 'סוגי אירועים',
    navEvents: 'אירועים',
    language: 'שפה',
    signOut: 'התנתקות',
    mainNavigation: 'ניווט ראשי',
    notFoundTitle: 'הדף לא נמצא',
    notFoundBody: 'אין כלום בכתובת הזו.',
    backToWebhooks: 'חזרה ל-Webhooks',
  },
  is: {
    product: 'Hookline',
    navWebhooks: 'Vefkrókar',
    navEventTypes: 'Atburðagerðir',
    navEvents: 'Atburðir',
    language: 'Tungumál',
    signOut: 'Skrá út',
    mainNavigation: 'Aðalvalmynd',
    notFoundTitle: 'Síðan fannst ekki',
    notFoundBody: 'Ekkert er á þessari slóð.',
    backToWebhooks: 'Aftur í vefkróka',
  },
});

/** Each language's name in itself, for the switch. */
export const localeNames = { en: 'English', ar: 'العربية', he: 'עברית', is: 'Íslenska' } as const;
