import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, csrfToken } from './client';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

afterEach(() => {
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('csrfToken', () => {
  it('reads and decodes the XSRF-TOKEN cookie', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=abc%2Fdef; b=2')).toBe('abc/def');
    expect(csrfToken('a=1')).toBeUndefined();
  });
});

describe('api', () => {
  it('sends the CSRF header on unsafe methods only', async () => {
    document.cookie = 'XSRF-TOKEN=tok123';
    const fetcher = vi.fn(async () => json(200, { ok: true }));

    await api('GET', '/api/groups', undefined, fetcher);
    await api('POST', '/api/groups', { name: 'x' }, fetcher);

    const [, get] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    const [, post] = fetcher.mock.calls[1] as unknown as [string, RequestInit];
    expect((get.headers as Record<string, string>)['X-XSRF-TOKEN']).toBeUndefined();
    expect((post.headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('tok123');
    expect(post.body).toBe('{"name":"x"}');
  });

  it('fetches the session first when no token has been handed out yet', async () => {
    const fetcher = vi.fn(async (path: string) => {
      if (path === '/api/session') document.cookie = 'XSRF-TOKEN=fresh';
      return json(200, {});
    });

    await api('POST', '/api/auth/sign-in', {}, fetcher as unknown as typeof fetch);

    expect(fetcher.mock.calls.map((c) => c[0])).toEqual(['/api/session', '/api/auth/sign-in']);
    expect(((fetcher.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('fresh');
  });

  it('turns problem+json into an ApiError with field messages', async () => {
    const fetcher = vi.fn(async () => json(400, {
      title: 'Some fields need attention.', code: 'validation.failed', errors: { name: ['This field is required.'] },
    }, 'application/problem+json'));

    const error = await api('POST', '/api/groups', {}, fetcher).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation.failed', title: 'Some fields need attention.', fieldErrors: { name: ['This field is required.'] } });
  });

  it('reports an unreachable server as status 0', async () => {
    const fetcher = vi.fn(async () => { throw new TypeError('Failed to fetch'); });

    const error = await api('GET', '/api/session', undefined, fetcher).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 0, code: 'network' });
  });
});
