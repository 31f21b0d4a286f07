import { createInstance, type TFunction } from 'i18next';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';

/**
 * For unit tests of web/src/lib: a translation function over the app's own texts (the main
 * dictionaries, not the per-screen modules), so that a test reads what the screen shows.
 */
export function translator(lng: 'vi' | 'en' = 'vi'): TFunction {
  const i18n = createInstance();
  void i18n.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18n.t;
}
