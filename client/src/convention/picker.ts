import { language as currentLanguage, t, type Language } from '../i18n';
import { combobox } from '../ui/combobox';
import { h, uniqueId } from '../ui/dom';
import type { FieldSpec, Option } from '../ui/forms';
import {
  articleLabel, chapterLabel, chapterNamed, conventionLoaded, cycleLabel, loadConvention, normaliseReference, type Convention,
} from './catalogue';

export interface ArticlePickerOptions {
  label: string;
  selected: readonly string[];
  onChange(references: string[]): void;
  /** Filters: chapters ("chapter:III") and review cycles ("cycle:2") may be picked too. */
  scopes?: boolean;
  id?: string;
}

/** What the list offers: with scopes the cycles and chapters first (the short list a filter starts from), then the 71 articles. */
export function articleOptions(convention: Convention, language: Language = currentLanguage(), scopes = false): Option[] {
  const options: Option[] = [];
  if (scopes) {
    for (const cycle of convention.cycles) options.push({ value: `cycle:${cycle.number}`, label: cycleLabel(convention, cycle, language) });
    for (const chapter of convention.chapters) options.push({ value: `chapter:${chapter.roman}`, label: chapterLabel(chapter, language) });
  }
  for (const chapter of convention.chapters) {
    for (const article of chapter.articles) {
      const reference = `Art. ${article.number}`;
      options.push({ value: reference, label: articleLabel(reference, language, convention) });
    }
  }
  return options;
}

const chapterText = /^\s*(?:chapter|cap[ií]tulo)\s*:?\s*([ivx]+|\d+)\s*$/i;
const cycleText = /^\s*(?:cycle|ciclo)\s*:?\s*(\d+)\s*$/i;

/**
 * The one choice a typed text names exactly: a paragraph ("33.2", "art 8.4") that the list of articles does not hold,
 * an article in any accepted form ("artículo 5"), and with scopes a chapter ("chapter:III", "capítulo 3") or cycle ("cycle 2").
 */
export function namedChoice(convention: Convention, language: Language = currentLanguage(), scopes = false): (text: string) => Option | undefined {
  return (text) => {
    if (scopes) {
      const chapter = chapterText.exec(text);
      const found = chapter ? chapterNamed(convention, chapter[1]) : undefined;
      if (found) return { value: `chapter:${found.roman}`, label: chapterLabel(found, language) };
      const cycleMatch = cycleText.exec(text);
      const cycle = cycleMatch ? convention.cycles.find((c) => c.number === Number(cycleMatch[1])) : undefined;
      if (cycle) return { value: `cycle:${cycle.number}`, label: cycleLabel(convention, cycle, language) };
    }
    const reference = normaliseReference(text);
    return reference ? { value: reference, label: articleLabel(reference, language, convention) } : undefined;
  };
}

/** The article field of a form (buildForm): a combobox of the Convention's articles, its value the chosen references. */
export function articleField(convention: Convention, name: string, label: string, selected: readonly string[], scopes = false): FieldSpec {
  return {
    name, label, type: 'select', multiple: true, hint: t('convention.picker.hint'),
    options: articleOptions(convention, currentLanguage(), scopes), values: [...selected], named: namedChoice(convention, currentLanguage(), scopes),
  };
}

/**
 * A labelled picker of articles (and with `scopes`, chapters and cycles) on the accessible combobox: type a number
 * ("33", "33.2") or words of a title in the interface language, accents ignored; chips show the titled label. Drawn
 * at once when the catalogue is loaded, else as soon as it is.
 */
export function createArticlePicker(options: ArticlePickerOptions): HTMLElement {
  const id = options.id ?? uniqueId('articles');
  const hintId = `${id}-hint`;
  const element = h('div', { class: 'field article-picker' },
    h('label', { for: id }, options.label),
    h('p', { class: 'field-hint', id: hintId }, t(options.scopes ? 'convention.picker.scopeHint' : 'convention.picker.hint')));
  const draw = (convention: Convention) => {
    const box = combobox({
      id, name: 'articles', label: options.label, describedBy: hintId, values: [...options.selected],
      options: articleOptions(convention, currentLanguage(), options.scopes), named: namedChoice(convention, currentLanguage(), options.scopes),
    });
    box.element.addEventListener('change', () => options.onChange(box.value()));
    element.append(box.element);
  };
  const convention = conventionLoaded();
  if (convention) {
    draw(convention);
  } else {
    const waiting = h('input', { id, type: 'text', disabled: true, 'aria-describedby': hintId, 'aria-busy': 'true' });
    element.append(waiting);
    void loadConvention().then((loaded) => { waiting.remove(); draw(loaded); }, () => { waiting.placeholder = t('convention.unavailable'); });
  }
  return element;
}
