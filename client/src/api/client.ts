import { language } from '../i18n';

/** A refusal from the server: problem+json with a readable title and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(title);
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The CSRF token the server handed out in the readable XSRF-TOKEN cookie. */
export function csrfToken(cookies: string = document.cookie): string | undefined {
  const entry = cookies.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return entry ? decodeURIComponent(entry.slice('XSRF-TOKEN='.length)) : undefined;
}

/** Calls the REST API: JSON in and out, the CSRF header on unsafe methods, errors as ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, fetcher: typeof fetch = fetch): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (unsafe.has(method)) {
    let token = csrfToken();
    if (!token) {
      await fetcher('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      token = csrfToken();
    }
    if (token) headers['X-XSRF-TOKEN'] = token;
  }

  let response: Response;
  try {
    response = await fetcher(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', '');
  }

  const text = await response.text();
  if (!response.ok) throw toError(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

function toError(status: number, text: string): ApiError {
  try {
    const problem = JSON.parse(text) as { code?: string; title?: string; errors?: Record<string, string[]> };
    return new ApiError(status, problem.code ?? 'unknown', problem.title ?? '', problem.errors ?? {});
  } catch {
    return new ApiError(status, 'unknown', '');
  }
}
