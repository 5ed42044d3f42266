import type { FollowUpStatus } from '../api/types';
import { t } from '../i18n';
import { countryName } from '../ui/places';

/** An article as the network answers name it ("Art. 33.2", article 33, "Art. 33.2 — Protection of reporting persons"). */
export interface NetworkArticle { reference: string; article: number; label: string; inScope: boolean }

/** What a scope names (GET /api/network/*: `named`). */
export interface NamedScope {
  kind: 'article' | 'chapter' | 'cycle' | 'all';
  chapter: { number: number; roman: string; title: string } | null;
  cycle: number | null;
  articles: NetworkArticle[];
}

export interface NetworkRecommendation {
  id: string; title: string; group: { id: string; name: string }; articles: NetworkArticle[];
  followUp: { country: string; status: FollowUpStatus; lastUpdate: string | null }[]; adoptedAt: string | null; link: string;
}

/** GET /api/network/articles. */
export interface NetworkView { scope: string; named: NamedScope; country: string | null; recommendations: NetworkRecommendation[]; total: number; partial: boolean }

export interface GridCell { article: number; count: number; worst: FollowUpStatus | null; best: FollowUpStatus | null; noInformation: number; link: string | null }
export interface GridColumn { article: number; reference: string; label: string; total: number; link: string }

/** GET /api/network/grid. */
export interface NetworkGrid {
  scope: string; named: NamedScope;
  chapters: { number: number; roman: string; title: string; articles: GridColumn[] }[];
  rows: { country: string; cells: GridCell[]; total: number }[];
  total: number; partial: boolean;
}

/** The library's answer (another part of the network; absent until it is built). */
export interface LibraryAnswer { items: { id: string; title: string; kind: string; organisation: { name: string }; createdAt: string }[]; total: number }

/** The directory's answer (likewise). */
export interface DirectoryAnswer { items: { id: string; name: string; shortName: string | null; country: string; kind: string }[]; total: number }

const romans = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** The scopes offered without the Convention picker: every article, the review cycles, the chapters. */
export function scopeChoices(): { value: string; label: string; group: 'all' | 'cycle' | 'chapter' }[] {
  return [
    { value: '', label: t('network.scope.all'), group: 'all' },
    ...[1, 2].map((n) => ({ value: `cycle:${n}`, label: t('network.scope.cycle', { number: n }), group: 'cycle' as const })),
    ...romans.map((roman) => ({ value: `chapter:${roman}`, label: t('network.scope.chapter', { roman }), group: 'chapter' as const })),
  ];
}

/** The heading of a scope: an article's label, a chapter with its title, a cycle, or the whole Convention. */
export function scopeLabel(named: NamedScope): string {
  if (named.kind === 'article') return named.articles[0]?.label ?? '';
  if (named.kind === 'chapter' && named.chapter) return t('network.scope.chapterTitled', { roman: named.chapter.roman, title: named.chapter.title });
  if (named.kind === 'cycle' && named.cycle) return t('network.scope.cycle', { number: named.cycle });
  return t('network.scope.all');
}

const statusText = (status: FollowUpStatus) => t(`followUp.status.${status}`).toLocaleLowerCase();

/** A cell's accessible name: "Mexico, Art. 33 — Protection of reporting persons: 3 adopted, worst: not started, best: implemented". */
export function cellName(country: string, column: GridColumn, cell: GridCell): string {
  const where = `${countryName(country)}, ${column.label}`;
  if (cell.count === 0 || !cell.worst || !cell.best) return t('network.cell.none', { where });
  return t('network.cell', { where, count: cell.count, worst: statusText(cell.worst), best: statusText(cell.best) });
}

/** The address of the page for a scope and a country (either may be absent). */
export function networkPath(scope: string | null, country: string | null): string {
  const query = new URLSearchParams();
  if (scope) query.set('scope', scope);
  if (country) query.set('country', country);
  const text = query.toString();
  return text ? `/network?${text}` : '/network';
}
