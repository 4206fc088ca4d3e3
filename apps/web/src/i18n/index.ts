/**
 * The web app's translations: one i18next instance, its strings in locales/<language>/<namespace>.json.
 *
 * - Each language's namespaces are separate chunks, fetched on demand; `startI18n()` (awaited by
 *   main.tsx before the first render) and `setLanguage()` load every namespace of a language
 *   before it shows, so nothing waits for a string mid-meeting. English is the fallback.
 * - The language: `?lng=xx` in the URL, else the choice saved by the picker, else the browser's
 *   languages, else English (`detectLanguage`).
 * - `pseudo` is English with every string transformed (accented look-alike letters between ⟦ ⟧,
 *   interpolations and <0> tags intact): a test tells translated text from hard-coded text by it.
 */
import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages a person can pick, each named in its own language. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'es', name: 'Español' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** The test-only pseudo-locale: picked through ?lng=pseudo, never offered in the picker. */
export const PSEUDO = 'pseudo';

export const SUPPORTED_LANGUAGES: readonly string[] = [...LANGUAGES.map((l) => l.code), PSEUDO];

export const FALLBACK_LANGUAGE: LanguageCode = 'en';

export const NAMESPACES = [
  'common',
  'auth',
  'profile',
  'dashboard',
  'admin',
  'room',
  'breakouts',
  'polls',
  'recording',
  'shortcuts',
  'e2ee',
  'meeting',
  'prejoin',
  'media',
] as const;

export type Namespace = (typeof NAMESPACES)[number];

/** Where the picker's choice is kept. */
export const LANGUAGE_STORAGE_KEY = 'gomeet.language';

/** Every locale file as a lazy chunk (Vite turns each into its own small module). */
const localeFiles = import.meta.glob<{ default: ResourceKey }>('./locales/*/*.json');

async function loadLocale(lng: string, ns: string): Promise<ResourceKey> {
  const load = localeFiles[`./locales/${lng}/${ns}.json`];
  if (!load) throw new Error(`no strings for ${lng}/${ns}`);
  return (await load()).default;
}

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTS = [...'áƀçđéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'];
const accented = (c: string): string => ACCENTS[PLAIN.indexOf(c)] ?? c;

/** What the pseudo-locale leaves alone: {{interpolations}}, $t(nesting), <0>…</0> tags. */
const KEEP = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+\s*\/?>|<\/?[a-z]+\s*\/?>)/;

/** One string in the pseudo-locale: "Mute {{name}}" → "⟦Ṁúţé {{name}}⟧". */
export function pseudoString(text: string): string {
  const parts = text.split(KEEP);
  const body = parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[A-Za-z]/g, accented)))
    .join('');
  return `⟦${body}⟧`;
}

/** A whole namespace in the pseudo-locale, keys unchanged. */
export function pseudoResource(resource: unknown): unknown {
  if (typeof resource === 'string') return pseudoString(resource);
  if (Array.isArray(resource)) return resource.map(pseudoResource);
  if (resource && typeof resource === 'object') {
    return Object.fromEntries(
      Object.entries(resource).map(([key, value]) => [key, pseudoResource(value)]),
    );
  }
  return resource;
}

/** An i18next backend over the lazy chunks (promise-style read); `pseudo` is built from English. */
const chunkBackend = {
  type: 'backend' as const,
  callbackApi: false,
  init() {},
  read(language: string, namespace: string): Promise<ResourceKey> {
    if (language !== PSEUDO) return loadLocale(language, namespace);
    return loadLocale(FALLBACK_LANGUAGE, namespace).then(
      (data) => pseudoResource(data) as ResourceKey,
    );
  },
};

/** A supported language for a tag like "de-AT" or "es", or undefined. */
export function supportedLanguage(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  if (SUPPORTED_LANGUAGES.includes(lower)) return lower;
  const base = lower.split(/[-_]/)[0] ?? '';
  return LANGUAGES.some((l) => l.code === base) ? base : undefined;
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked: the browser's languages decide
  }
}

/** ?lng=xx, else the saved choice, else the first supported browser language, else English. */
export function detectLanguage(): string {
  const fromUrl = supportedLanguage(new URLSearchParams(location.search).get('lng'));
  if (fromUrl) return fromUrl;
  const saved = supportedLanguage(savedLanguage());
  if (saved && saved !== PSEUDO) return saved;
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of browser) {
    const lng = supportedLanguage(tag);
    if (lng && lng !== PSEUDO) return lng;
  }
  return FALLBACK_LANGUAGE;
}

/** The language for Intl and <html lang>: the pseudo-locale formats as English. */
export function intlLanguage(lng: string = i18n.resolvedLanguage ?? i18n.language): string {
  return !lng || lng === PSEUDO ? FALLBACK_LANGUAGE : lng;
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = intlLanguage(lng);
});

i18n.use(chunkBackend as unknown as BackendModule).use(initReactI18next);

let started: Promise<unknown> | undefined;

/** Detects the language and loads all its namespaces (and English's); main.tsx awaits it. */
export function startI18n(lng: string = detectLanguage()): Promise<unknown> {
  started ??= i18n.init({
    lng,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    load: 'languageOnly',
    ns: NAMESPACES,
    defaultNS: 'common',
    fallbackNS: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    react: { useSuspense: false },
  });
  return started;
}

/** Switches every string without a reload (after loading the language), and saves the choice. */
export async function setLanguage(lng: string): Promise<void> {
  await i18n.changeLanguage(lng);
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // storage blocked: the choice lasts until the page closes
  }
  // A ?lng= in the address would override the saved choice on the next load.
  const url = new URL(location.href);
  if (url.searchParams.has('lng')) {
    url.searchParams.delete('lng');
    history.replaceState(history.state, '', url);
  }
}

export default i18n;
