import { describe, expect, it } from 'vitest';
import { byGroup, markedSnippet, searchPath, type SearchResult } from './snippet';

const html = (nodes: Node[]) => { const p = document.createElement('p'); p.append(...nodes); return p.innerHTML; };

describe('search snippets', () => {
  it('marks the matched ranges and keeps everything else as text', () => {
    expect(html(markedSnippet('La Protección de testigos', [{ start: 3, length: 10 }, { start: 17, length: 8 }])))
      .toBe('La <mark>Protección</mark> de <mark>testigos</mark>');
  });

  it('never turns the snippet into markup', () => {
    const p = document.createElement('p');
    p.append(...markedSnippet('<img src=x onerror=alert(1)> script', [{ start: 29, length: 6 }]));
    expect(p.querySelector('img')).toBeNull();
    expect(p.textContent).toBe('<img src=x onerror=alert(1)> script');
    expect(p.querySelector('mark')?.textContent).toBe('script');
  });

  it('ignores ranges outside the text or overlapping an earlier one', () => {
    expect(html(markedSnippet('abcdef', [{ start: 4, length: 9 }, { start: 0, length: 2 }, { start: 1, length: 2 }, { start: 3, length: 0 }])))
      .toBe('<mark>ab</mark>cdef');
  });
});

describe('search results', () => {
  const result = (group: string, title: string): SearchResult => ({
    kind: 'document', group: { id: group, name: `Group ${group}` }, title, snippet: '', highlights: [], link: '/', updatedAt: '2026-12-07T00:00:00Z',
  });

  it('are grouped by group in the order of each group’s best result', () => {
    const grouped = byGroup([result('b', '1'), result('a', '2'), result('b', '3')]);
    expect(grouped.map((g) => [g.group.id, g.results.map((r) => r.title)])).toEqual([['b', ['1', '3']], ['a', ['2']]]);
  });

  it('have an address of their own', () => {
    expect(searchPath('  protección de testigos ')).toBe('/search?q=protecci%C3%B3n+de+testigos');
    expect(searchPath('x y', 'comment')).toBe('/search?q=x+y&kind=comment');
  });
});
