import type { FollowUpStatus, Person, RecommendationFacts, RecommendationStatus, Visibility } from '../api/types';
import { conventionLoaded } from '../convention/catalogue';
import { articleField } from '../convention/picker';
import { language, t } from '../i18n';
import { h } from '../ui/dom';
import type { FieldSpec, FormValues, Option } from '../ui/forms';
import { countryName } from '../ui/places';

export const recommendationStatuses: RecommendationStatus[] = ['draft', 'under-discussion', 'proposed-for-adoption', 'adopted', 'withdrawn'];
export const followUpStatuses: FollowUpStatus[] = ['not-started', 'in-progress', 'partially-implemented', 'implemented', 'no-information'];

export function statusBadge(status: RecommendationStatus): HTMLElement {
  return h('span', { class: `badge rec-${status}` }, t(`rec.status.${status}`));
}

export function followUpBadge(status: FollowUpStatus): HTMLElement {
  return h('span', { class: `badge fu-${status}` }, t(`followUp.status.${status}`));
}

/** A person as the reader may see them: the name with the organisation, or only the organisation ("independent" without one). */
export function personName(person: Person | null | undefined): string {
  if (!person) return t('rec.someone');
  if (person.name && person.organisation) return `${person.name} (${person.organisation})`;
  return person.name || organisationName(person.organisation);
}

/** An organisation as shown for a person: people without one are independent. */
export const organisationName = (organisation: string | null | undefined): string => organisation?.trim() || t('rec.independent');

/** Articles typed as "Art. 33, 8.4; art 13.2": one per comma, semicolon or line. */
export function parseArticles(text: string): string[] {
  return text.split(/[,;\n]/).map((a) => a.trim()).filter(Boolean);
}

/** Addressees one per line; on a single line, separated by commas or semicolons. */
export function parseAddressees(text: string): string[] {
  const separator = text.includes('\n') ? /\n/ : /[,;]/;
  return text.split(separator).map((a) => a.trim()).filter(Boolean);
}

export const countryList = (codes: string[]): string => codes.map(countryName).join(', ') || '—';

export function visibilityOptions(): Option[] {
  return [
    { value: 'members', label: t('documents.visibility.members') },
    { value: 'observers', label: t('documents.visibility.observers') },
  ];
}

/** Countries offered for a recommendation: the group's first, then any others it already names. */
export function countryChoices(groupCountries: string[], current: string[] = []): Option[] {
  const codes = [...new Set([...groupCountries, ...current])];
  const collator = new Intl.Collator(language());
  return codes.map((code) => ({ value: code, label: countryName(code) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** The articles: picked from the Convention once it is loaded (callers load it first), else typed as before. */
function articlesField(articles: string[]): FieldSpec {
  const convention = conventionLoaded();
  return convention
    ? articleField(convention, 'articles', t('rec.field.articles'), articles)
    : { name: 'articles', label: t('rec.field.articles'), hint: t('rec.field.articlesHint'), value: articles.join(', ') };
}

/** The fields of a recommendation's facts, for the new-recommendation form and the edit form. */
export function factsFields(facts: Partial<RecommendationFacts>, countries: Option[], withVisibility: boolean): FieldSpec[] {
  const fields: FieldSpec[] = [
    { name: 'title', label: t('rec.field.title'), required: true, maxLength: 200, value: facts.title ?? '' },
    { name: 'thematicArea', label: t('field.thematicArea'), required: true, maxLength: 120, value: facts.thematicArea ?? '' },
    articlesField(facts.articles ?? []),
    { name: 'addressees', label: t('rec.field.addressees'), hint: t('rec.field.addresseesHint'), type: 'textarea', rows: 3, value: (facts.addressees ?? []).join('\n') },
    { name: 'countries', label: t('field.countries'), type: 'select', multiple: true, options: countries, values: facts.countries ?? [] },
  ];
  if (withVisibility) {
    fields.push({ name: 'visibility', label: t('documents.visibility'), type: 'select', value: facts.visibility ?? 'members', options: visibilityOptions() });
  }
  return fields;
}

/** The form's values as the API's facts. */
export function factsBody(values: FormValues, visibility?: Visibility): RecommendationFacts {
  const text = (name: string) => String(values[name] ?? '');
  return {
    title: text('title'),
    thematicArea: text('thematicArea'),
    articles: Array.isArray(values.articles) ? values.articles : parseArticles(text('articles')),
    addressees: parseAddressees(text('addressees')),
    countries: Array.isArray(values.countries) ? values.countries : [],
    visibility: (values.visibility as Visibility | undefined) ?? visibility ?? 'members',
  };
}

/** A calendar day ("2025-03-01") in the interface language. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today in the reader's own calendar, as the API's date form. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
