import { describe, expect, it } from 'vitest';
import type { RecommendationItem } from '../api/types';
import { gridData } from './grid';

const item = (id: string, title: string, status: RecommendationItem['status'], countries: string[], followUp: RecommendationItem['followUp'] = {}): RecommendationItem => ({
  id, groupId: 'g', bodyId: `b${id}`, title, thematicArea: 'Integrity', articles: [], addressees: [], countries, visibility: 'members', status,
  createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', followUp, reviewDate: null, followUpDue: false,
});

describe('follow-up grid', () => {
  it('crosses adopted recommendations with their countries and counts each status', () => {
    const data = gridData([
      item('1', 'Publish declarations', 'adopted', ['MX', 'GT'], { MX: 'implemented', GT: 'in-progress' }),
      item('2', 'Audit registries', 'adopted', ['MX'], {}),
      item('3', 'Still a draft', 'draft', ['BR']),
    ]);

    expect(data.rows.map((r) => r.title)).toEqual(['Audit registries', 'Publish declarations']);
    expect(data.countries).toEqual(['GT', 'MX']);
    expect(data.totals.implemented).toEqual({ byCountry: { MX: 1 }, all: 1 });
    expect(data.totals['in-progress']).toEqual({ byCountry: { GT: 1 }, all: 1 });
    expect(data.totals['not-started']).toEqual({ byCountry: { MX: 1 }, all: 1 });
    expect(data.totals['no-information'].all).toBe(0);
  });
});
