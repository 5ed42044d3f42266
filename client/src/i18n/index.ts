import en from './en.json';
import es from './es.json';
import pt from './pt.json';

export type Language = 'en' | 'es' | 'pt';
export type Catalogue = Record<string, string>;

export const catalogues: Record<Language, Catalogue> = { en, es, pt };
export const languages: Language[] = ['en', 'es', 'pt'];
const storageKey = 'workspace.language';

let current: Language = 'en';

/** The language to start in: the saved choice, else the browser's first supported one, else English. */
export function detectLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (saved && isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function initLanguage(): Language {
  let saved: string | null = null;
  try { saved = localStorage.getItem(storageKey); } catch { /* storage may be blocked */ }
  return setLanguage(detectLanguage(saved, navigator.languages ?? [navigator.language]), false);
}

export function setLanguage(language: Language, remember = true): Language {
  current = language;
  document.documentElement.lang = language;
  if (remember) {
    try { localStorage.setItem(storageKey, language); } catch { /* not fatal */ }
  }
  return language;
}

export const language = (): Language => current;

/** The message for a key in the current language, with {placeholders} filled in; see {@link message}. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  return message(current, key, params);
}

/**
 * A message of a catalogue with {placeholders} filled in. A counted message has no plain key but
 * one per plural category of the language (`key.one`, `key.other`, as Intl.PluralRules names them);
 * the number that chooses is the `count` parameter, or else the message's only numeric parameter.
 */
export function message(language: Language, key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(catalogues[language], language, key, params) ?? lookup(catalogues.en, 'en', key, params) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** The reader's locale for dates and numbers: their browser's own variant of the interface language (en-GB, es-MX…), else its usual one. */
export function locale(): string {
  const base = current;
  const own = (navigator.languages ?? [navigator.language]).find((tag) => tag.toLowerCase().split('-')[0] === base);
  return own ?? (base === 'pt' ? 'pt-BR' : base);
}

/** A counted message (`key.one`, `key.other`…, chosen as {@link message} does) with `{count}` written in the reader's locale (1,000). */
export function counted(key: string, count: number): string {
  const text = lookup(catalogues[current], current, key, { count }) ?? lookup(catalogues.en, 'en', key, { count }) ?? key;
  return text.replace(/\{count\}/g, new Intl.NumberFormat(locale()).format(count));
}

function lookup(catalogue: Catalogue, language: Language, key: string, params: Record<string, string | number>): string | undefined {
  if (key in catalogue) return catalogue[key];
  const numbers = Object.values(params).filter((v): v is number => typeof v === 'number');
  const count = typeof params.count === 'number' ? params.count : numbers.length === 1 ? numbers[0] : undefined;
  if (count === undefined) return undefined;
  return catalogue[`${key}.${new Intl.PluralRules(language).select(count)}`] ?? catalogue[`${key}.other`];
}

function isLanguage(value: string): value is Language {
  return (languages as string[]).includes(value);
}
