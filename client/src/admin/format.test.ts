import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../api/types';
import { formatDate } from '../ui/places';
import { setLanguage } from '../i18n';
import { formatDateTime, formatMs, formatNumber, formatTime, histogram, ratePerSecond, shortGrainType, total } from './format';

const metric = (name: string, extra: Partial<MetricValue>): MetricValue =>
  ({ name, kind: 'counter', unit: '', description: '', tags: {}, ...extra });

describe('operations view figures', () => {
  it('adds a counter over its tags and finds a histogram by tag', () => {
    const metrics = [
      metric('workspace.operations', { value: 40 }),
      metric('workspace.storage.write.duration', { kind: 'histogram', tags: { 'workspace.storage.kind': 'journal' }, count: 3 }),
      metric('workspace.storage.write.duration', { kind: 'histogram', tags: { 'workspace.storage.kind': 'grain-state' }, count: 7 }),
    ];
    expect(total(metrics, 'workspace.operations')).toBe(40);
    expect(total(metrics, 'workspace.connections')).toBe(0);
    expect(histogram(metrics, 'workspace.storage.write.duration', ['workspace.storage.kind', 'grain-state'])?.count).toBe(7);
    expect(histogram(metrics, 'workspace.operation.acknowledgement.duration')).toBeUndefined();
  });

  it('turns two readings of a counter into a rate, and refuses one it cannot know', () => {
    expect(ratePerSecond({ total: 100, at: 0 }, { total: 150, at: 5000 })).toBe(10);
    expect(ratePerSecond(null, { total: 150, at: 5000 })).toBeNull();
    expect(ratePerSecond({ total: 150, at: 5000 }, { total: 150, at: 5000 })).toBeNull();
    expect(ratePerSecond({ total: 150, at: 0 }, { total: 3, at: 5000 })).toBeNull();
  });

  it('writes numbers and milliseconds in the reader’s language', () => {
    expect(formatMs(0.8412, 'en')).toBe('0.841 ms');
    expect(formatMs(12.345, 'en')).toBe('12.3 ms');
    expect(formatMs(1250.4, 'en')).toBe('1,250 ms');
    expect(formatMs(1250.4, 'es')).toMatch(/^1\.?250 ms$/);
    expect(formatMs(undefined, 'en')).toBe('—');
    expect(formatNumber(2.5, 'pt')).toBe('2,5');
    expect(formatNumber(7, 'en')).toBe('7');
  });

  it('shortens grain type names', () => {
    expect(shortGrainType('Workspace.Grains.Documents.DocumentGrain')).toBe('DocumentGrain');
    expect(shortGrainType('Orleans.Runtime.Management.ManagementGrain')).toBe('ManagementGrain');
    expect(shortGrainType('document')).toBe('document');
  });

  it('writes moments as the rest of the product does, in the reader’s language', () => {
    const iso = '2026-12-07T15:04:05Z';
    for (const language of ['en', 'es', 'pt'] as const) {
      setLanguage(language, false);
      expect(formatDateTime(iso, language)).toBe(formatDate(iso));
    }
    expect(formatDateTime(iso, 'en')).toMatch(/^Dec 7, 2026/);
    expect(formatDateTime(iso, 'pt')).toMatch(/^7 de dez\.? de 2026/);
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('—');
    expect(formatTime(iso, 'en')).toMatch(/\d{1,2}:04:05/);
  });
});
