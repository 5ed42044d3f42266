import { ApiError } from '../api/client';
import { t } from '../i18n';
import { combobox, type ComboboxSpec } from './combobox';
import { h, uniqueId } from './dom';

export interface Option { value: string; label: string }

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'datetime-local' | 'url' | 'select' | 'textarea' | 'radio';
  required?: boolean;
  value?: string;
  values?: string[];
  options?: Option[];
  multiple?: boolean;
  autocomplete?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  hint?: string;
  rows?: number;
  /** A choice of several only: the option a typed text names though the list may not hold it (see ComboboxSpec.named). */
  named?: ComboboxSpec['named'];
}

export type FormValues = Record<string, string | string[]>;

/**
 * A form whose errors are readable: the server's message in a live region, each field's own
 * message beside it, the submit button busy while the request runs. Enter submits.
 */
export function buildForm(specs: FieldSpec[], submitLabel: string, onSubmit: (values: FormValues) => Promise<void>): HTMLFormElement {
  const alert = h('p', { class: 'form-error', role: 'alert', 'aria-live': 'assertive' });
  alert.hidden = true;
  const fields = specs.map((spec) => field(spec));
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { novalidate: true }, alert, ...fields.map((f) => f.wrapper), h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    fields.forEach((f) => f.setError(undefined));
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    const label = submit.textContent;
    submit.textContent = t('form.working');
    try {
      const values: FormValues = {};
      for (const f of fields) values[f.spec.name] = f.value();
      await onSubmit(values);
    } catch (error) {
      showError(error, alert, fields);
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      submit.textContent = label;
    }
  });
  return form;
}

/**
 * A control that saves as soon as it changes (a member's role, a setting): a select or a checkbox. A refused
 * or failed save puts it back to the value it had, so it never shows what is not true; a thrown refusal is
 * shown in `alert`. `save` may also say `false` when it has shown the refusal itself.
 */
export function saveOnChange<C extends HTMLSelectElement | HTMLInputElement>(control: C, save: () => Promise<unknown>, alert?: HTMLElement): C {
  const box = control instanceof HTMLInputElement && control.type === 'checkbox' ? control : null;
  // A select's value before the change is the one it showed when it took the focus (a live update may have set it
  // since it was drawn); a box was simply the opposite of what it shows now.
  let shown = control.value;
  control.addEventListener('focus', () => { shown = control.value; });
  control.addEventListener('change', async () => {
    const before = box ? !box.checked : shown;
    control.setAttribute('aria-busy', 'true');
    let done = false;
    try {
      done = (await save()) !== false;
    } catch (error) {
      if (alert) showError(error, alert);
    } finally {
      control.removeAttribute('aria-busy');
    }
    if (done) shown = control.value;
    else if (box) box.checked = before === true;
    else control.value = String(before);
  });
  return control;
}

/** Puts an API error where a person will read it. */
export function showError(error: unknown, alert: HTMLElement, fields: { spec: FieldSpec; setError: (m?: string) => void; focus: () => void }[] = []): void {
  let message = t('error.unexpected');
  if (error instanceof ApiError) {
    message = error.status === 0 ? t('error.network') : error.title || t('error.unexpected');
    let focused = false;
    for (const f of fields) {
      const messages = error.fieldErrors[f.spec.name];
      if (messages?.length) {
        f.setError(messages.join(' '));
        if (!focused) { f.focus(); focused = true; }
      }
    }
  } else {
    console.warn(error);
  }
  alert.textContent = message;
  alert.hidden = false;
}

function field(spec: FieldSpec) {
  if (spec.type === 'radio') return radioField(spec);
  const id = uniqueId(spec.name);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  // A choice of several (countries, languages) is a searchable combobox with chips: its value stays a list of codes.
  const several = spec.type === 'select' && spec.multiple
    ? combobox({ id, name: spec.name, label: spec.label, options: spec.options ?? [], values: spec.values, describedBy: hintId, named: spec.named })
    : null;
  const hintText = spec.hint ?? (several ? t('combobox.hint') : undefined);
  if (several) {
    control = several.input;
  } else if (spec.type === 'select') {
    const select = h('select', { id, name: spec.name, required: spec.required });
    for (const option of spec.options ?? []) select.append(h('option', { value: option.value, selected: spec.value === option.value }, option.label));
    control = select;
  } else if (spec.type === 'textarea') {
    control = h('textarea', { id, name: spec.name, rows: spec.rows ?? 4, maxlength: spec.maxLength, required: spec.required });
    control.value = spec.value ?? '';
  } else {
    control = h('input', {
      id, name: spec.name, type: spec.type ?? 'text', required: spec.required, autocomplete: spec.autocomplete,
      min: spec.min, max: spec.max, maxlength: spec.maxLength,
    });
    control.value = spec.value ?? '';
  }
  const error = h('p', { class: 'field-error', id: errorId });
  error.hidden = true;
  const hint = hintText ? h('p', { class: 'field-hint', id: hintId }, hintText) : null;
  if (hint) control.setAttribute('aria-describedby', hintId);
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null), hint,
    several?.element ?? control, error);
  return {
    spec,
    wrapper,
    focus: () => control.focus(),
    value: (): string | string[] => several?.value() ?? control.value,
    setError: (message?: string) => {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', [hint ? hintId : '', errorId].filter(Boolean).join(' '));
      } else {
        control.removeAttribute('aria-invalid');
        if (hint) control.setAttribute('aria-describedby', hintId); else control.removeAttribute('aria-describedby');
      }
    },
  };
}

/** A choice among a few options, as radio buttons in a fieldset whose legend is the label (arrow keys move between them). */
function radioField(spec: FieldSpec) {
  const id = uniqueId(spec.name);
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  error.hidden = true;
  const inputs = (spec.options ?? []).map((option, i) => h('input', {
    type: 'radio', name: id, 'data-field': spec.name, id: `${id}-${i}`, value: option.value, checked: spec.value === option.value, required: spec.required,
  }));
  const wrapper = h('fieldset', { class: 'field choices' },
    h('legend', {}, spec.label, spec.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    ...inputs.map((input, i) => h('label', { class: 'choice', for: input.id }, input, ' ', spec.options![i].label)),
    error);
  return {
    spec,
    wrapper,
    focus: () => (inputs.find((i) => i.checked) ?? inputs[0])?.focus(),
    value: (): string => inputs.find((i) => i.checked)?.value ?? '',
    setError: (message?: string) => {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) wrapper.setAttribute('aria-describedby', error.id); else wrapper.removeAttribute('aria-describedby');
    },
  };
}
