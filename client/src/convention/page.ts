import { language, t } from '../i18n';
import { h, uniqueId } from '../ui/dom';
import { showPage } from '../ui/page';
import { chapterLabel, cycleLabel, loadConvention, titleIn, type Convention, type ConventionChapter } from './catalogue';

/** Where the network view of a scope is (built in the network page): "/network?scope=33", "/network?scope=chapter:III". */
export const networkLink = (scope: string): string => `/network?${new URLSearchParams({ scope })}`;

/** The chapters a cycle filter shows: a cycle's, or all of them. */
export function chaptersShown(convention: Convention, cycle: string | null): ConventionChapter[] {
  const chosen = convention.cycles.find((c) => String(c.number) === cycle);
  return chosen ? convention.chapters.filter((c) => chosen.chapters.includes(c.number)) : convention.chapters;
}

/**
 * /convention: the Convention to browse, chapter by chapter, each article with its title in the interface
 * language; a review cycle narrows it to the cycle's chapters (?cycle=2). Each chapter and article leads to the
 * network's view of it.
 */
export async function renderConvention(query: URLSearchParams, go: (url: string) => void): Promise<void> {
  const convention = await loadConvention();
  const lang = language();
  const cycle = query.get('cycle');
  const shown = chaptersShown(convention, cycle);

  const filterId = uniqueId('cycle');
  const filter = h('select', { id: filterId, name: 'cycle' },
    h('option', { value: '', selected: !cycle }, t('convention.allChapters')),
    ...convention.cycles.map((c) => h('option', { value: String(c.number), selected: String(c.number) === cycle }, cycleLabel(convention, c, lang))));
  filter.addEventListener('change', () => go(filter.value ? `/convention?cycle=${filter.value}` : '/convention'));

  const articleCount = shown.reduce((n, c) => n + c.articles.length, 0);
  showPage(t('convention.title'),
    h('p', {}, t('convention.intro')),
    h('div', { class: 'field convention-filter' }, h('label', { for: filterId }, t('convention.cycleFilter')), filter),
    h('p', { class: 'muted', role: 'status' }, t('convention.shown', { count: articleCount })),
    ...shown.map((chapter) => {
      const id = `chapter-${chapter.roman}`;
      return h('section', { class: 'card convention-chapter', 'aria-labelledby': id },
        h('h2', { id }, h('a', { href: networkLink(`chapter:${chapter.roman}`) }, chapterLabel(chapter, lang))),
        h('ol', { class: 'plain convention-articles' }, ...chapter.articles.map((article) => h('li', {},
          h('a', { href: networkLink(String(article.number)) },
            h('span', { class: 'article-number' }, `Art. ${article.number}`), ` — ${titleIn(article.title, lang)}`)))));
    }),
    h('details', { class: 'card convention-sources' }, h('summary', {}, t('convention.sources')),
      h('p', {}, convention.sources[lang] ?? convention.sources.en)));
}
