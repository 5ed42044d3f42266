/** What GET /api/search answers (API.md, "Search across my groups"). */
export type SearchKind = 'document' | 'recommendation' | 'comment' | 'session';

export interface SearchHighlight { start: number; length: number }

export interface SearchResult {
  kind: SearchKind;
  group: { id: string; name: string };
  title: string;
  snippet: string;
  highlights: SearchHighlight[];
  link: string;
  updatedAt: string;
}

export interface SearchAnswer { results: SearchResult[]; total: number; partial: boolean }

export const searchKinds: SearchKind[] = ['document', 'recommendation', 'comment', 'session'];

/**
 * The snippet as text nodes with each matched range in a <mark>: the server's plain text is never
 * parsed as HTML, and ranges outside the text or overlapping an earlier one are ignored.
 */
export function markedSnippet(snippet: string, highlights: SearchHighlight[]): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const { start, length } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || length <= 0 || start + length > snippet.length) continue;
    if (start > at) nodes.push(document.createTextNode(snippet.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = snippet.slice(start, start + length);
    nodes.push(mark);
    at = start + length;
  }
  if (at < snippet.length) nodes.push(document.createTextNode(snippet.slice(at)));
  return nodes;
}

/** Results by group, groups in the order their best result comes (the server's order is the relevance). */
export function byGroup(results: SearchResult[]): { group: SearchResult['group']; results: SearchResult[] }[] {
  const groups = new Map<string, { group: SearchResult['group']; results: SearchResult[] }>();
  for (const result of results) {
    const entry = groups.get(result.group.id) ?? { group: result.group, results: [] };
    entry.results.push(result);
    groups.set(result.group.id, entry);
  }
  return [...groups.values()];
}

/** The address of the results page for a query (and optionally a kind). */
export function searchPath(query: string, kind?: string | null): string {
  const params = new URLSearchParams({ q: query.trim() });
  if (kind) params.set('kind', kind);
  return `/search?${params.toString()}`;
}
