import { api } from '../api/client';
import { t } from '../i18n';
import { clear, h, uniqueId } from '../ui/dom';
import { countryName, countryOptions } from '../ui/places';
import { fold, organisationKinds, type OrganisationChoice, type OrganisationSearchResult } from './types';

const debounceMs = 250;

export interface OrganisationPicker {
  element: HTMLElement;
  /** What to send: the chosen organisation's id, a proposal, or nothing (an independent expert). */
  choice(): OrganisationChoice;
  /** Shows the server's field errors for the organisation fields, if any. */
  showErrors(fieldErrors: Record<string, string[]>): void;
}

/**
 * Choosing an organisation: a combobox that searches the directory as one types (the WAI-ARIA
 * combobox + listbox pattern: arrows move, Enter chooses, Escape closes, results announced), with
 * "propose a new organisation" and "no organisation (independent expert)" as the last options.
 * A typed name that folds to one in the results is offered instead of a new one.
 */
export function organisationPicker(searchPath: string, idPrefix = 'organisation'): OrganisationPicker {
  const inputId = `${idPrefix}-search`;
  const listId = `${idPrefix}-results`;
  const input = h('input', {
    id: inputId, type: 'text', role: 'combobox', autocomplete: 'off', maxlength: 150,
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': `${idPrefix}-hint`,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combobox-list', 'aria-label': t('org.results') });
  list.hidden = true;
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const chosen = h('p', { class: 'org-chosen', id: `${idPrefix}-chosen`, 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', id: `${idPrefix}-error` });
  error.hidden = true;
  const shortName = h('input', { id: `${idPrefix}-short-name`, type: 'text', maxlength: 40 });
  const country = h('select', { id: `${idPrefix}-country` },
    h('option', { value: '' }, t('field.choose')), ...countryOptions().map((o) => h('option', { value: o.value }, o.label)));
  const kind = h('select', { id: `${idPrefix}-kind` }, ...organisationKinds.map((k) => h('option', { value: k }, t(`org.kind.${k}`))));
  const proposal = h('fieldset', { class: 'org-proposal', id: `${idPrefix}-proposal` },
    h('legend', {}, t('org.proposeLegend')),
    h('div', { class: 'field' }, h('label', { for: shortName.id }, t('org.shortName')), shortName),
    h('div', { class: 'field' }, h('label', { for: country.id }, t('org.proposalCountry')), country),
    h('div', { class: 'field' }, h('label', { for: kind.id }, t('org.proposalKind')), kind));
  proposal.hidden = true;

  type Mode = { kind: 'none' } | { kind: 'existing'; organisation: OrganisationSearchResult } | { kind: 'new'; name: string };
  let mode: Mode = { kind: 'none' };
  let results: OrganisationSearchResult[] = [];
  let options: { id: string; label: string; choose: () => void }[] = [];
  let active = -1;
  let timer = 0;
  let asked = 0;

  const describe = (): void => {
    proposal.hidden = mode.kind !== 'new';
    chosen.textContent = mode.kind === 'existing'
      ? t('org.chosen', { name: mode.organisation.name, country: countryName(mode.organisation.country), status: t(`org.status.${mode.organisation.status}`) })
      : mode.kind === 'new' ? t('org.chosenNew', { name: mode.name })
        : input.value.trim() ? '' : t('org.chosenNone');
  };
  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index: number): void => {
    active = index;
    list.querySelectorAll('[role=option]').forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', options[index].id);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (next: Mode): void => {
    mode = next;
    if (next.kind === 'existing') input.value = next.organisation.name;
    if (next.kind === 'none') input.value = '';
    close();
    describe();
  };
  const draw = (): void => {
    const typed = input.value.trim();
    const same = results.find((r) => fold(r.name) === fold(typed) || (r.shortName !== null && fold(r.shortName) === fold(typed)));
    options = results.map((r) => ({
      id: uniqueId(`${idPrefix}-option`),
      label: `${r.name}${r.shortName ? ` (${r.shortName})` : ''} · ${countryName(r.country)} · ${t(`org.status.${r.status}`)}`,
      choose: () => choose({ kind: 'existing', organisation: r }),
    }));
    if (typed && !same) options.push({ id: uniqueId(`${idPrefix}-option`), label: t('org.propose', { name: typed }), choose: () => choose({ kind: 'new', name: typed }) });
    options.push({ id: uniqueId(`${idPrefix}-option`), label: t('org.none'), choose: () => choose({ kind: 'none' }) });
    clear(list, ...options.map((o, i) => {
      const item = h('li', { id: o.id, role: 'option', 'aria-selected': 'false', class: i < results.length ? 'org-option' : 'org-option org-option-extra' }, o.label);
      item.addEventListener('mousedown', (event) => event.preventDefault()); // keeps the focus in the input
      item.addEventListener('click', () => o.choose());
      return item;
    }));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(same ? results.indexOf(same) : -1);
    status.textContent = same ? t('org.existsAlready', { name: same.name }) : t('org.found', { count: results.length });
  };
  const search = async (): Promise<void> => {
    const query = input.value.trim();
    const mine = ++asked;
    try {
      const found = query ? await api<OrganisationSearchResult[]>('GET', `${searchPath}?q=${encodeURIComponent(query)}`) : [];
      if (mine !== asked) return;
      results = found;
    } catch {
      results = [];
    }
    draw();
  };

  input.addEventListener('input', () => {
    if (mode.kind !== 'none') mode = { kind: 'none' };
    describe();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), debounceMs);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) { draw(); return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      options[active].choose();
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
  describe();

  const element = h('div', { class: 'field org-picker' },
    h('label', { for: inputId }, t('field.organisation')),
    h('p', { class: 'field-hint', id: `${idPrefix}-hint` }, t('org.pickerHint')),
    h('div', { class: 'combobox' }, input, list), status, chosen, error, proposal);
  return {
    element,
    choice(): OrganisationChoice {
      // The form is being sent: a search still waiting would ask under a link the registration is about to use up.
      window.clearTimeout(timer);
      asked++;
      if (mode.kind === 'existing') return { organisationId: mode.organisation.id };
      const typed = input.value.trim();
      if (mode.kind === 'new' || typed) {
        const exact = results.find((r) => fold(r.name) === fold(typed));
        if (exact) return { organisationId: exact.id };
        return {
          organisation: mode.kind === 'new' ? mode.name : typed,
          organisationShortName: shortName.value.trim() || undefined,
          organisationCountry: country.value || undefined,
          organisationKind: kind.value as OrganisationChoice['organisationKind'],
        };
      }
      return {};
    },
    showErrors(fieldErrors) {
      const messages = ['organisation', 'organisationId', 'organisationShortName', 'organisationCountry', 'organisationKind']
        .flatMap((name) => fieldErrors[name] ?? []);
      error.textContent = messages.join(' ');
      error.hidden = messages.length === 0;
    },
  };
}
