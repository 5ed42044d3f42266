import { describe, expect, it } from 'vitest';
import { match, Router } from './router';
import { safeNext } from './auth/signIn';

describe('match', () => {
  it('extracts named parameters and rejects other shapes', () => {
    expect(match('/groups/:id', '/groups/abc-123')).toEqual({ id: 'abc-123' });
    expect(match('/invite/:token', '/invite/a%2Fb')).toEqual({ token: 'a/b' });
    expect(match('/', '/')).toEqual({});
    expect(match('/groups/:id', '/groups')).toBeNull();
    expect(match('/groups/:id', '/invite/x')).toBeNull();
  });
});

describe('safeNext', () => {
  it('only follows local paths after sign-in', () => {
    expect(safeNext('/invite/abc')).toBe('/invite/abc');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('leaving a page with unsaved edits', () => {
  let answer = false;
  const rendered: string[] = [];
  history.replaceState(null, '', '/documents/d');
  const router = new Router([{ pattern: '/:kind/:id', render: () => { rendered.push(location.pathname); } }], () => undefined, async () => answer);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('stays on the page when the person chooses to stay after the back button', async () => {
    await router.render();
    rendered.length = 0;
    answer = false;
    history.pushState(null, '', '/groups/g'); // where the back button took the address bar
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(location.pathname).toBe('/documents/d');
    expect(rendered).toEqual([]);

    answer = true;
    history.pushState(null, '', '/groups/g');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await settle();
    expect(rendered).toEqual(['/groups/g']);
  });

  it('follows a link only when the person may leave', async () => {
    history.replaceState(null, '', '/documents/d');
    await router.render();
    rendered.length = 0;
    const link = document.createElement('a');
    link.href = '/groups/g';
    document.body.append(link);

    answer = false;
    link.click();
    await settle();
    expect(location.pathname).toBe('/documents/d');

    answer = true;
    link.click();
    await settle();
    expect(location.pathname).toBe('/groups/g');
    expect(rendered).toEqual(['/groups/g']);
    link.remove();
  });
});
