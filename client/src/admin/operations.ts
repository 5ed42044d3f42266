import { api } from '../api/client';
import type { ClusterView, MetricValue, OutboxView } from '../api/types';
import { language, t } from '../i18n';
import { clear, h } from '../ui/dom';
import { onLeave, section, showPage } from '../ui/page';
import { outboxSection, resetLinkSection } from './outbox';
import { formatDateTime, formatMs, formatNumber, formatTime, histogram, ratePerSecond, shortGrainType, total, type Sample } from './format';

/** How often the view reads the cluster again. */
const refreshMs = 5000;

/** Administrators only (the server refuses anyone else): the cluster's nodes, activations by grain type and this node's metrics. */
export async function renderOperations(): Promise<void> {
  let previous: Sample | null = null;
  const status = h('p', { class: 'muted', role: 'status' });
  const body = h('div', {});

  const outbox = h('div', {});
  const drawOutbox = (view: OutboxView): void => clear(outbox, outboxSection(view, async (id) => {
    await api('POST', `/api/admin/outbox/${id}/retry`);
    drawOutbox(await api<OutboxView>('GET', '/api/admin/outbox'));
  }));

  const draw = (view: ClusterView): void => {
    const sample = { total: total(view.metrics, 'workspace.operations'), at: Date.parse(view.collectedAt) };
    const rate = ratePerSecond(previous, sample);
    previous = sample;
    clear(body,
      section(t('ops.nodes'), nodesTable(view)),
      section(t('ops.metrics', { node: view.node }), metricsTable(view.metrics, rate)),
      section(t('ops.activations'), activationsTable(view)));
    status.textContent = t('ops.updated', { time: formatTime(view.collectedAt, language()) });
  };

  const [cluster, mail] = await Promise.all([api<ClusterView>('GET', '/api/admin/cluster'), api<OutboxView>('GET', '/api/admin/outbox')]);
  draw(cluster);
  drawOutbox(mail);
  showPage(t('ops.title'), h('p', {}, t('ops.intro')), status, body, outbox, resetLinkSection());

  let stopped = false;
  const timer = window.setInterval(async () => {
    try {
      const [view, mailView] = await Promise.all([api<ClusterView>('GET', '/api/admin/cluster'), api<OutboxView>('GET', '/api/admin/outbox')]);
      if (!stopped) {
        draw(view);
        drawOutbox(mailView);
      }
    } catch {
      if (!stopped) status.textContent = t('ops.stale');
    }
  }, refreshMs);
  onLeave(() => {
    stopped = true;
    window.clearInterval(timer);
  });
}

export function table(headings: string[], rows: (string | Node)[][], numeric: number[] = []): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'ops' },
    h('thead', {}, h('tr', {}, ...headings.map((text, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'number' : null }, text)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell, i) => h('td', { class: numeric.includes(i) ? 'number' : null, 'data-label': headings[i] }, cell)))))));
}

function nodesTable(view: ClusterView): HTMLElement {
  const lang = language();
  return table(
    [t('ops.node'), t('ops.status'), t('ops.started'), t('ops.activationCount')],
    view.silos.map((s) => [
      h('span', {}, s.address, s.thisNode ? h('span', { class: 'muted' }, ` · ${t('ops.thisNode')}`) : null),
      h('span', { class: `badge ops-${s.status}` }, siloStatus(s.status)),
      formatDateTime(s.startedAt, lang),
      formatNumber(s.activations, lang),
    ]),
    [3]);
}

function metricsTable(metrics: MetricValue[], rate: number | null): HTMLElement {
  const lang = language();
  const latency = (label: string, m: MetricValue | undefined): string[] =>
    [label, formatNumber(m?.count ?? 0, lang), formatMs(m?.p50, lang), formatMs(m?.p95, lang), formatMs(m?.max, lang)];
  const kind = 'workspace.storage.kind';
  return h('div', {},
    h('dl', { class: 'facts' },
      h('dt', {}, t('ops.connections')), h('dd', {}, formatNumber(total(metrics, 'workspace.connections'), lang)),
      h('dt', {}, t('ops.openDocuments')), h('dd', {}, formatNumber(total(metrics, 'workspace.documents.open'), lang)),
      h('dt', {}, t('ops.operations')), h('dd', {}, formatNumber(total(metrics, 'workspace.operations'), lang)),
      h('dt', {}, t('ops.rate')), h('dd', {}, rate === null ? t('ops.rateSoon') : t('ops.perSecond', { rate: formatNumber(rate, lang) }))),
    table(
      [t('ops.latency'), t('ops.count'), t('ops.p50'), t('ops.p95'), t('ops.max')],
      [
        latency(t('ops.acknowledgement'), histogram(metrics, 'workspace.operation.acknowledgement.duration')),
        latency(t('ops.writeState'), histogram(metrics, 'workspace.storage.write.duration', [kind, 'grain-state'])),
        latency(t('ops.writeJournal'), histogram(metrics, 'workspace.storage.write.duration', [kind, 'journal'])),
      ],
      [1, 2, 3, 4]));
}

function activationsTable(view: ClusterView): HTMLElement {
  const lang = language();
  return table(
    [t('ops.grainType'), t('ops.activationCount')],
    view.activations.map((a) => [h('span', { title: a.grainType }, shortGrainType(a.grainType)), formatNumber(a.activations, lang)]),
    [1]);
}

function siloStatus(status: string): string {
  const labels: Record<string, string> = {
    created: t('ops.siloStatus.created'),
    joining: t('ops.siloStatus.joining'),
    active: t('ops.siloStatus.active'),
    'shutting-down': t('ops.siloStatus.shutting-down'),
    stopping: t('ops.siloStatus.stopping'),
    dead: t('ops.siloStatus.dead'),
  };
  return labels[status] ?? status;
}
