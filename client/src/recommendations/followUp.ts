import type { FollowUpUpdate, RecommendationDetail } from '../api/types';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { formDialog } from '../ui/dialog';
import { buildForm } from '../ui/forms';
import { countryName, formatDate } from '../ui/places';
import { followUpBadge, followUpStatuses, formatDay, personName, today } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';

/**
 * After adoption: each country's implementation status with its dated, attributed updates; a
 * form to report one; the review date (set by facilitators) and the reminders it produced.
 */
export function followUpPart(thread: Thread): Part {
  const review = h('div', {});
  const countries = h('div', {});
  const slot = new FormSlot();
  let reports = 0;
  const heading = h('h2', { id: 'follow-up-heading' }, t('followUp.title'));
  const done = h('p', { class: 'notice success', role: 'status' });
  done.hidden = true;
  const element = h('section', { class: 'card', 'aria-labelledby': heading.id }, heading, review, countries, done, slot.element);
  const part: Part = {
    element,
    update(detail) {
      const adopted = detail.recommendation.status === 'adopted';
      element.hidden = !adopted;
      if (!adopted) { slot.empty(); return; }
      clear(review, reviewView(thread, detail));
      clear(countries, ...detail.followUp.map((c) => h('div', { class: 'follow-up-country' },
        h('h3', {}, countryName(c.country), ' ', followUpBadge(c.status)),
        c.updates.length === 0
          ? h('p', { class: 'muted' }, t('followUp.noUpdates'))
          : h('ol', { class: 'timeline' }, ...c.updates.map(updateView)))));
      const writable = participates(detail) && detail.recommendation.countries.length > 0;
      slot.show(writable ? `report-${reports}-${detail.recommendation.countries.join()}` : '', () => writable
        ? h('div', {}, h('h3', {}, t('followUp.report')), buildForm(
            [
              { name: 'country', label: t('field.country'), type: 'select', required: true, value: detail.recommendation.countries[0],
                options: detail.recommendation.countries.map((c) => ({ value: c, label: countryName(c) })) },
              { name: 'status', label: t('followUp.status'), type: 'select', required: true, value: 'in-progress',
                options: followUpStatuses.map((s) => ({ value: s, label: t(`followUp.status.${s}`) })) },
              { name: 'date', label: t('followUp.date'), type: 'date', required: true, value: today() },
              { name: 'note', label: t('followUp.note'), type: 'textarea', rows: 3, required: true, maxLength: 4000 },
              { name: 'evidence', label: t('followUp.evidence'), type: 'textarea', rows: 2, hint: t('followUp.evidenceHint') },
            ],
            t('followUp.submit'),
            async (values) => {
              await thread.send('POST', '/follow-up', {
                country: values.country, status: values.status, date: values.date || null, note: values.note,
                evidence: String(values.evidence ?? '').split(/\s+/).filter(Boolean),
              });
              reports++;
              part.update(thread.detail);
              done.textContent = t('followUp.recordedNotice', { country: countryName(String(values.country)) });
              done.hidden = false;
              slot.element.querySelector('select')?.focus();
            },
          ))
        : null);
    },
  };
  return part;
}

function reviewView(thread: Thread, detail: RecommendationDetail): HTMLElement {
  const r = detail.recommendation;
  const facilitator = detail.myRole === 'facilitator';
  const setDate = () => formDialog(t('followUp.setReview'),
    [{ name: 'date', label: t('followUp.reviewDate'), type: 'date', required: true, value: r.reviewDate ?? '' }],
    t('followUp.setReview'), (values) => thread.send('PUT', '/review-date', { date: values.date || null }));
  return h('div', { class: 'review' },
    h('p', {},
      r.reviewDate ? t('followUp.reviewOn', { date: formatDay(r.reviewDate) }) : t('followUp.noReview'),
      participates(detail) && r.followUpDue ? h('span', {}, ' ', h('span', { class: 'badge badge-due' }, t('rec.followUpDue'))) : null),
    facilitator
      ? h('div', { class: 'form-actions' },
          h('button', { type: 'button', class: 'secondary small', 'data-key': 'review-set', onclick: setDate }, r.reviewDate ? t('followUp.changeReview') : t('followUp.setReview')),
          r.reviewDate ? h('button', {
            type: 'button', class: 'secondary small', 'data-key': 'review-clear',
            onclick: () => void thread.act('PUT', '/review-date', { date: null }),
          }, t('followUp.clearReview')) : null)
      : null,
    detail.reminders.length === 0 ? null : h('ul', { class: 'reminders' }, ...detail.reminders.map((m) => h('li', {},
      t('followUp.reminder', { date: formatDate(m.remindedAt), review: formatDay(m.reviewDate) }), ' ',
      m.countries.length ? m.countries.map(countryName).join(', ') : t('followUp.reminderNone')))));
}

function updateView(u: FollowUpUpdate): HTMLElement {
  return h('li', {},
    h('p', { class: 'rec-meta' }, h('time', { datetime: u.date }, formatDay(u.date)), followUpBadge(u.status),
      h('span', { class: 'muted' }, `${personName(u.reportedBy)} · ${t('followUp.recorded', { date: formatDate(u.recordedAt) })}`)),
    h('p', { class: 'follow-up-note' }, u.note),
    u.evidence.length === 0 ? null : h('ul', { class: 'evidence', 'aria-label': t('followUp.evidence') }, ...u.evidence
      .filter((url) => /^https?:\/\//i.test(url))
      .map((url) => h('li', {}, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url)))));
}
