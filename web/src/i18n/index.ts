import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import account from './account';
import apply from './apply';
import assist from './assist';
import community from './community';
import files from './files';
import homeService from './home-service';
import payments from './payments';
import postal from './postal';
import queue from './queue';
import staff from './staff';
import reports from './reports';
import security from './security';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'motcua.lang';
/** The same choice as a cookie, so that the server pre-renders public pages in it (src/http/ssr.ts). */
export const LANGUAGE_COOKIE = 'motcua_lang';
const inBrowser = typeof document !== 'undefined';

/** The language of a page the server pre-rendered (so that hydration renders the same texts). */
function serverRenderedLanguage(): Language | undefined {
  const lang = inBrowser ? document.getElementById('root')?.dataset.lang : undefined;
  return lang === 'en' || lang === 'vi' ? lang : undefined;
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'vi') return value;
  } catch {
    // localStorage may be unavailable (private mode, or on the server); fall back to Vietnamese.
  }
  return 'vi';
}

function rememberForServer(lng: string): void {
  // biome-ignore lint/suspicious/noDocumentCookie: older phone browsers lack the Cookie Store API; the value is 'vi' or 'en'
  document.cookie = `${LANGUAGE_COOKIE}=${lng}; path=/; max-age=31536000; samesite=lax`;
}

function applyLanguage(lng: string): void {
  if (!inBrowser) return;
  document.documentElement.lang = lng;
  rememberForServer(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
}

/** The English texts, fetched the first time English is needed (most visitors never ask for them). */
async function englishResources(): Promise<ResourceKey> {
  const { default: en } = await import('./en.json');
  return {
    ...en,
    ...files.en,
    ...account.en,
    ...payments.en,
    ...apply.en,
    ...assist.en,
    ...reports.en,
    ...queue.en,
    ...postal.en,
    ...homeService.en,
    ...community.en,
    ...staff.en,
    ...security.en,
  };
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

/**
 * The visitor's own choice. A pre-rendered page may be in another language (its cookie was not set
 * yet): the page hydrates in the page's language, then switches (web/src/boot.tsx).
 */
export const preferredLanguage: Language = storedLanguage();

/** Settles once the stored language's texts are there: render the app only after it. */
export const i18nReady: Promise<void> = i18n
  .use(lazyLanguages)
  .use(initReactI18next)
  .init({
    // Screens added later keep their texts in their own modules, each under its own top-level key.
    resources: {
      vi: {
        translation: {
          ...vi,
          ...files.vi,
          ...account.vi,
          ...payments.vi,
          ...apply.vi,
          ...assist.vi,
          ...reports.vi,
          ...queue.vi,
          ...postal.vi,
          ...homeService.vi,
          ...community.vi,
          ...staff.vi,
          ...security.vi,
        },
      },
    },
    // The bundled Vietnamese is used as is; the backend supplies only the missing languages.
    partialBundledLanguages: true,
    lng: serverRenderedLanguage() ?? preferredLanguage,
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

if (inBrowser) {
  document.documentElement.lang = i18n.language;
  rememberForServer(preferredLanguage);
}
i18n.on('languageChanged', applyLanguage);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
