import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import account from './account';
import apply from './apply';
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

/** The English texts, fetched the first time English is needed (most visitors never ask for them). */
async function englishResources(): Promise<ResourceKey> {
  const { default: en } = await import('./en.json');
  return { ...en, ...files.en, ...account.en, ...payments.en, ...apply.en };
}

/**
 * Vietnamese is bundled; any other language is read through this backend, so that every
 * `i18n.changeLanguage('en')` (language switch, profile) waits for the English texts before the
 * language actually changes.
 */
const lazyLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (language !== 'en' || namespace !== 'translation') {
      callback(null, {});
      return;
    }
    englishResources().then(
      (resources) => callback(null, resources),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

/** Settles once the stored language's texts are there: render the app only after it. */
export const i18nReady: Promise<void> = i18n
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    // Screens added later keep their texts in their own modules, each under its own top-level key.
    resources: {
      vi: { translation: { ...vi, ...files.vi, ...account.vi, ...payments.vi, ...apply.vi } },
    },
    // The bundled Vietnamese is used as is; the backend supplies only the missing languages.
    partialBundledLanguages: true,
    lng: storedLanguage(),
    fallbackLng: 'vi',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  .then(
    () => undefined,
    () => undefined, // without the English texts, the Vietnamese fallback still shows
  );

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', applyLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
