import type { MetricValue } from '../api/types';

/** A counter's total (or a gauge's value) over all its tags; 0 before its first measurement. */
export function total(metrics: MetricValue[], name: string): number {
  return metrics.filter((m) => m.name === name).reduce((sum, m) => sum + (m.value ?? 0), 0);
}

/** The histogram series with this name and, if given, this tag value. */
export function histogram(metrics: MetricValue[], name: string, tag?: [string, string]): MetricValue | undefined {
  return metrics.find((m) => m.name === name && m.kind === 'histogram' && (!tag || m.tags[tag[0]] === tag[1]));
}

export interface Sample { total: number; at: number }

/**
 * Events per second between two readings of a counter (at = milliseconds). Null when there is no
 * earlier reading, no time between them, or the counter went down (the node restarted).
 */
export function ratePerSecond(previous: Sample | null, next: Sample): number | null {
  if (!previous) return null;
  const seconds = (next.at - previous.at) / 1000;
  if (seconds <= 0 || next.total < previous.total) return null;
  return (next.total - previous.total) / seconds;
}

/** A number as people read it: at most three significant digits below 100, whole numbers above. */
export function formatNumber(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const options: Intl.NumberFormatOptions = Math.abs(value) >= 100 || Number.isInteger(value)
    ? { maximumFractionDigits: 0 }
    : { maximumSignificantDigits: 3 };
  return new Intl.NumberFormat(language, options).format(value);
}

/** Milliseconds, e.g. "0.84 ms", "12.3 ms", "1,250 ms"; a dash when there is no measurement. */
export function formatMs(value: number | null | undefined, language: string): string {
  const text = formatNumber(value, language);
  return text === '—' ? text : `${text} ms`;
}

/** "Workspace.Grains.Documents.DocumentGrain" → "DocumentGrain"; Orleans' own types keep their last part too. */
export function shortGrainType(type: string): string {
  const plain = type.replace(/`\d+.*$/, '').replace(/,.*$/, '');
  return plain.slice(plain.lastIndexOf('.') + 1) || type;
}

/**
 * A moment as the rest of the product writes it (ui/places formatDate: medium date, short time, in
 * the reader's language and time zone), so the operations page and the outbox read like every other page.
 */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '—' : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A time of day with seconds (the operations page refreshes every few seconds), in the reader's language. */
export function formatTime(iso: string, language: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '—' : new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(at);
}
