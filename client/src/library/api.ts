import { ApiError, csrfToken } from '../api/client';
import { language } from '../i18n';

/** The kinds of entry, in the order forms offer them (the server's wire names). */
export const libraryKinds = [
  'good-practice', 'lesson-learned', 'parallel-report', 'policy-paper', 'legal-analysis', 'toolkit', 'case-study', 'country-review-document',
] as const;
export type LibraryKind = (typeof libraryKinds)[number];

export interface LibraryFile { id: string; name: string; contentType: string; size: number }
export interface LibraryOrganisation { id: string; name: string; shortName: string | null }
export interface LibraryGroup { id: string; name: string }

/** An entry as the search lists it (GET /api/library). */
export interface LibraryItem {
  id: string; title: string; summaryExcerpt: string; kind: LibraryKind; countries: string[]; articles: string[]; language: string;
  organisation: LibraryOrganisation; group: LibraryGroup | null; createdAt: string; uses: number; files: LibraryFile[];
}
export interface LibraryAnswer { items: LibraryItem[]; total: number }

export interface LibraryCitation { id: string; kind: 'recommendation' | 'document' | 'followUp'; group: LibraryGroup; targetId: string; country: string | null; title: string; link: string }

/** One entry in full (GET /api/library/{id}). */
export interface LibraryEntry {
  id: string; title: string; summary: string; summaryHtml: string; kind: LibraryKind; countries: string[]; articles: string[]; language: string;
  organisation: LibraryOrganisation; group: LibraryGroup | null; links: string[]; files: LibraryFile[]; createdAt: string; updatedAt: string;
  uses: number; canEdit: boolean; citations: LibraryCitation[]; hiddenCitations: number;
}

export interface LibraryCited { citationId: string; kind: string; country: string | null; entryId: string; title: string; entryKind: LibraryKind; organisation: LibraryOrganisation }

/** The search's query string from the page's filters (empty ones left out). */
export function libraryQuery(filters: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value && value.trim()) query.set(key, value.trim());
  return query.toString();
}

export const fileHref = (entryId: string, file: LibraryFile): string => `/api/library/${entryId}/files/${file.id}`;

/**
 * Sends one file (multipart) with progress: XMLHttpRequest, because fetch reports no upload progress.
 * A refusal comes back as ApiError with the server's readable title (413 included).
 */
export function uploadFile(entryId: string, file: File, onProgress: (fraction: number) => void): Promise<LibraryFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/library/${entryId}/files`);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', language());
    const token = csrfToken();
    if (token) request.setRequestHeader('X-XSRF-TOKEN', token);
    request.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    request.onerror = () => reject(new ApiError(0, 'network', ''));
    request.onload = () => {
      let body: { title?: string; code?: string; errors?: Record<string, string[]> } & Partial<LibraryFile> = {};
      try { body = JSON.parse(request.responseText || '{}'); } catch { /* not JSON */ }
      if (request.status >= 200 && request.status < 300) {
        resolve(body as LibraryFile);
      } else {
        const fieldMessages = Object.values(body.errors ?? {}).flat();
        reject(new ApiError(request.status, body.code ?? 'unknown', fieldMessages.length ? fieldMessages.join(' ') : body.title ?? '', body.errors ?? {}));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

/** "2.4 MB", "830 KB". */
export function fileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
