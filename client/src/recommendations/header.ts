import type { RecommendationDetail, RecommendationStatus } from '../api/types';
import { articleLabel } from '../convention/catalogue';
import { t } from '../i18n';
import { clear, h } from '../ui/dom';
import { buildForm } from '../ui/forms';
import { section } from '../ui/page';
import { formatDate } from '../ui/places';
import { countryChoices, countryList, factsBody, factsFields, formatDay, personName, statusBadge } from './format';
import { FormSlot, participates, type Part, type Thread } from './part';

/** The thread's facts, who drafted it, its adoption, the lifecycle buttons this reader may use, and the form to edit the facts. */
export function headerPart(thread: Thread): Part {
  const facts = h('div', {});
  const actions = h('div', { class: 'form-actions lifecycle' });
  const edit = new FormSlot();
  const element = h('section', { class: 'card thread-header', 'aria-label': t('rec.details') }, facts, actions, edit.element);

  return {
    element,
    update(detail) {
      const r = detail.recommendation;
      clear(facts,
        h('p', { class: 'rec-meta' }, statusBadge(r.status),
          r.visibility === 'members' ? h('span', { class: 'badge badge-locked' }, t('documents.visibility.members')) : null),
        h('dl', { class: 'facts' },
          h('dt', {}, t('field.thematicArea')), h('dd', {}, r.thematicArea),
          h('dt', {}, t('rec.field.articles')), h('dd', {}, r.articles.length
            ? h('ul', { class: 'plain' }, ...r.articles.map((a) => h('li', {}, articleLabel(a)))) : '—'),
          h('dt', {}, t('rec.field.addressees')), h('dd', {}, r.addressees.length
            ? h('ul', { class: 'plain' }, ...r.addressees.map((a) => h('li', {}, a))) : '—'),
          h('dt', {}, t('field.countries')), h('dd', {}, countryList(r.countries)),
          h('dt', {}, t('documents.visibility')), h('dd', {}, t(`documents.visibility.${r.visibility}`)),
          h('dt', {}, t('rec.createdBy')), h('dd', {}, `${personName(detail.createdBy)} · ${formatDate(r.createdAt)}`),
          detail.adoption ? h('dt', {}, t('rec.adopted')) : null,
          detail.adoption ? h('dd', {}, adoptionText(detail)) : null,
          r.reviewDate ? h('dt', {}, t('followUp.reviewDate')) : null,
          r.reviewDate ? h('dd', {}, formatDay(r.reviewDate)) : null));

      clear(actions, ...detail.allowedTransitions.map((to) => h('button', {
        type: 'button', class: to === 'adopted' ? 'primary' : to === 'withdrawn' ? 'danger' : 'secondary', 'data-key': `to-${to}`,
        onclick: () => {
          if (to === 'adopted' && !confirm(t('rec.confirmAdopt', { title: r.title }))) return;
          if (to === 'withdrawn' && !confirm(t('rec.confirmWithdraw', { title: r.title }))) return;
          void thread.act('POST', '/transitions', { to });
        },
      }, transitionLabel(r.status, to))));
      actions.hidden = detail.allowedTransitions.length === 0;

      const editable = participates(detail) && r.status !== 'withdrawn' && (r.status !== 'adopted' || detail.myRole === 'facilitator');
      const key = JSON.stringify([r.title, r.thematicArea, r.articles, r.addressees, r.countries, r.visibility, editable, detail.myRole]);
      edit.show(key, () => {
        if (!editable) return null;
        const facilitator = detail.myRole === 'facilitator';
        const form = buildForm(
          factsFields(r, countryChoices(thread.group.countries, r.countries), facilitator),
          t('rec.saveDetails'),
          (values) => thread.send('PATCH', '', factsBody(values, r.visibility)),
        );
        return h('details', { class: 'edit-details' }, h('summary', {}, t('rec.editDetails')), form);
      });
    },
  };
}

/** How the thread got where it is: each move with who made it and when. */
export function historyPart(): Part {
  const list = h('div', {});
  return {
    element: section(t('rec.history'), list),
    update(detail) {
      clear(list, detail.transitions.length === 0
        ? h('p', { class: 'muted' }, t('rec.historyEmpty', { date: formatDate(detail.recommendation.createdAt) }))
        : h('ol', { class: 'timeline' }, ...[...detail.transitions].reverse().map((move) => h('li', {},
            h('time', { datetime: move.at }, formatDate(move.at)), ' ',
            t('rec.moved', { who: personName(move.by), from: t(`rec.status.${move.from}`), to: t(`rec.status.${move.to}`) })))));
    },
  };
}

function transitionLabel(from: RecommendationStatus, to: RecommendationStatus): string {
  if (to === 'under-discussion') return from === 'draft' ? t('rec.move.discuss') : t('rec.move.backToDiscussion');
  if (to === 'proposed-for-adoption') return t('rec.move.propose');
  return to === 'adopted' ? t('rec.move.adopt') : t('rec.move.withdraw');
}

function adoptionText(detail: RecommendationDetail): string {
  const adoption = detail.adoption!;
  const text = t('rec.adoptedBy', { who: personName(adoption.by), date: formatDate(adoption.at) });
  return adoption.poll ? `${text} ${t('rec.adoptedPoll', { ...adoption.poll })}` : text;
}
