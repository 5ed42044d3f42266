import { api } from '../api/client';
import { language as currentLanguage, message, type Language } from '../i18n';

/** A title in the catalogue's three languages. */
export interface Titles { en: string; es: string; pt: string }

export interface ConventionArticle { number: number; title: Titles }

export interface ConventionChapter { number: number; roman: string; first: number; last: number; title: Titles; articles: ConventionArticle[] }

/** A review cycle of the Implementation Review Mechanism and the chapters (numbers) it reviews. */
export interface ReviewCycle { number: number; chapters: number[] }

/** GET /api/convention: the UN Convention against Corruption as data (src/Workspace.Convention). */
export interface Convention { chapters: ConventionChapter[]; cycles: ReviewCycle[]; sources: Record<string, string> }

export const lastArticle = 71;
export const lastParagraph = 30;

let loading: Promise<Convention> | undefined;
let loaded: Convention | undefined;

/** The catalogue, asked for once per page life (the server revalidates it by ETag); a failed load is tried again next time. */
export function loadConvention(fetcher: () => Promise<Convention> = () => api<Convention>('GET', '/api/convention')): Promise<Convention> {
  loading ??= fetcher().then(
    (convention) => { loaded = convention; return convention; },
    (error: unknown) => { loading = undefined; throw error; },
  );
  return loading;
}

/** The catalogue if it has been loaded, for labels drawn synchronously. */
export const conventionLoaded = (): Convention | undefined => loaded;

/** For tests: forget (or set) the loaded catalogue. */
export function useConvention(convention: Convention | undefined): void {
  loaded = convention;
  loading = convention ? Promise.resolve(convention) : undefined;
}

/** The title in a language of the interface. */
export const titleIn = (title: Titles, language: Language): string => title[language] ?? title.en;

const referencePattern = /^\s*(?:art(?:icle|ículo|iculo|igo|\.)?\s*)?(\d{1,3})(?:\.(\d{1,3}))?\s*$/i;

/** "Art. 33", "art 8.4", "Article 13.2", "artículo 5", "13.2" → "Art. 13.2" (as the server reads them); undefined when not an article. */
export function normaliseReference(text: string): string | undefined {
  const match = referencePattern.exec(text);
  if (!match) return undefined;
  const article = Number(match[1]);
  if (article < 1 || article > lastArticle) return undefined;
  if (match[2] === undefined) return `Art. ${article}`;
  const paragraph = Number(match[2]);
  return paragraph < 1 || paragraph > lastParagraph ? undefined : `Art. ${article}.${paragraph}`;
}

/** The article number of a reference ("Art. 13.2" → 13); undefined when it is not one. */
export function articleNumber(reference: string): number | undefined {
  const normalised = normaliseReference(reference);
  return normalised ? Number(normalised.slice('Art. '.length).split('.')[0]) : undefined;
}

/** Sorts "Art. 8.4" before "Art. 13" before "Art. 13.2"; what is not a reference last, as written. */
export function compareReferences(a: string, b: string): number {
  const order = (r: string) => {
    const n = normaliseReference(r);
    if (!n) return [Number.MAX_SAFE_INTEGER, 0];
    const [article, paragraph] = n.slice('Art. '.length).split('.').map(Number);
    return [article, paragraph ?? 0];
  };
  const [x, y] = [order(a), order(b)];
  return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
}

export function findArticle(convention: Convention, number: number): ConventionArticle | undefined {
  for (const chapter of convention.chapters) {
    if (number >= chapter.first && number <= chapter.last) return chapter.articles.find((a) => a.number === number);
  }
  return undefined;
}

/** "Art. 33.2" → "Art. 33.2 — Protection of reporting persons" in `language`; the reference as given when it is not one (or before the catalogue is loaded). */
export function articleLabel(reference: string, language: Language = currentLanguage(), convention = loaded): string {
  const normalised = normaliseReference(reference);
  const number = articleNumber(reference);
  const article = convention && number !== undefined ? findArticle(convention, number) : undefined;
  return normalised && article ? `${normalised} — ${titleIn(article.title, language)}` : reference;
}

/** "Chapter III — Preventive measures" in `language`. */
export function chapterLabel(chapter: ConventionChapter, language: Language = currentLanguage()): string {
  return message(language, 'convention.chapter', { roman: chapter.roman, title: titleIn(chapter.title, language) });
}

/** "Cycle 2: chapters II and V" in `language`. */
export function cycleLabel(convention: Convention, cycle: ReviewCycle, language: Language = currentLanguage()): string {
  const romans = cycle.chapters.map((n) => convention.chapters.find((c) => c.number === n)?.roman ?? String(n));
  const list = new Intl.ListFormat(language, { type: 'conjunction' }).format(romans);
  return message(language, 'convention.cycle', { number: cycle.number, chapters: list });
}

/** A chapter by number ("3") or Roman numeral ("III"). */
export function chapterNamed(convention: Convention, name: string): ConventionChapter | undefined {
  const text = name.trim();
  return /^\d+$/.test(text)
    ? convention.chapters.find((c) => c.number === Number(text))
    : convention.chapters.find((c) => c.roman.toLowerCase() === text.toLowerCase());
}

/**
 * The articles a scope names, as the server reads it: an article reference ("33", "Art. 33.2"), a chapter
 * ("chapter:III", "chapter:3") or a review cycle ("cycle:2"); undefined when it names none.
 */
export function scopeArticles(convention: Convention, scope: string): Set<number> | undefined {
  const colon = scope.indexOf(':');
  if (colon < 0) {
    const n = articleNumber(scope);
    return n === undefined ? undefined : new Set([n]);
  }
  const kind = scope.slice(0, colon).trim().toLowerCase();
  const value = scope.slice(colon + 1).trim();
  const range = (c: ConventionChapter) => c.articles.map((a) => a.number);
  if (kind === 'chapter') {
    const chapter = chapterNamed(convention, value);
    return chapter ? new Set(range(chapter)) : undefined;
  }
  if (kind === 'cycle') {
    const cycle = /^\d+$/.test(value) ? convention.cycles.find((c) => c.number === Number(value)) : undefined;
    return cycle ? new Set(cycle.chapters.flatMap((n) => convention.chapters.filter((c) => c.number === n).flatMap(range))) : undefined;
  }
  return undefined;
}

/** A scope as a person reads it: "Cycle 2: chapters II and V", "Chapter III — …", "Art. 33 — …"; as given when unknown. */
export function scopeLabel(scope: string, language: Language = currentLanguage(), convention = loaded): string {
  if (!convention) return scope;
  const [kind, value] = scope.includes(':') ? scope.split(':', 2).map((s) => s.trim()) : ['', scope];
  if (kind.toLowerCase() === 'chapter') {
    const chapter = chapterNamed(convention, value);
    return chapter ? chapterLabel(chapter, language) : scope;
  }
  if (kind.toLowerCase() === 'cycle') {
    const cycle = convention.cycles.find((c) => String(c.number) === value);
    return cycle ? cycleLabel(convention, cycle, language) : scope;
  }
  return articleLabel(scope, language, convention);
}
