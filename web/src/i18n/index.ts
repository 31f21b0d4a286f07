import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import account from './account';
import apply from './apply';
import en from './en.json';
import files from './files';
import payments from './payments';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'motcua.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'vi') return value;
  } catch {
    // localStorage may be unavailable (private mode); fall back to Vietnamese.
  }
  return 'vi';
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
}

void i18n.use(initReactI18next).init({
  // Screens added later keep their texts in their own modules, each under its own top-level key.
  resources: {
    vi: { translation: { ...vi, ...files.vi, ...account.vi, ...payments.vi, ...apply.vi } },
    en: { translation: { ...en, ...files.en, ...account.en, ...payments.en, ...apply.en } },
  },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', applyLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
