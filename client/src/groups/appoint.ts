import { api } from '../api/client';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { showError } from '../ui/forms';
import { section } from '../ui/page';
import { personPicker } from './personPicker';

/** The administrator appoints a facilitator chosen by name among the people of the server's groups. */
export function appointSection(groupId: string, rerender: () => Promise<void>): HTMLElement {
  const picker = personPicker(t('field.person'), t('group.appointIntro'));
  const alert = h('p', { class: 'form-error', role: 'alert' });
  alert.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary' }, t('group.appoint'));
  const form = h('form', { novalidate: true }, alert, picker.element, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    const userId = picker.value();
    if (!userId) {
      alert.textContent = t('picker.required');
      alert.hidden = false;
      return;
    }
    submit.disabled = true;
    try {
      await api('POST', `/api/groups/${groupId}/facilitators`, { userId });
      await rerender();
    } catch (error) {
      showError(error, alert);
    } finally {
      submit.disabled = false;
    }
  });
  return section(t('group.appointTitle'), form);
}
