import { t } from '../i18n';
import { h, uniqueId } from './dom';
import { buildForm, type FieldSpec, type FormValues } from './forms';

/**
 * A small form in a modal dialog (a reason to give, a date to set): the action runs on submit
 * and its refusal is shown in the dialog; Escape or Cancel closes it, and the browser puts the
 * focus back where it was.
 */
export function formDialog(title: string, specs: FieldSpec[], submitLabel: string, action: (values: FormValues) => Promise<void>): HTMLDialogElement {
  const id = uniqueId('dialog');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': id });
  const form = buildForm(specs, submitLabel, async (values) => {
    await action(values);
    dialog.close();
  });
  form.querySelector('.form-actions')?.append(h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('dialog.cancel')));
  dialog.append(h('h2', { id }, title), form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
