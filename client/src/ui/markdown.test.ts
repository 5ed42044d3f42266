import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { showRendered } from './markdown';

describe('rendered Markdown', () => {
  afterEach(() => setLanguage('en'));

  it('says in the reader\'s language that a part is shown as typed, and keeps that part as it is', () => {
    setLanguage('es');
    const target = document.createElement('div');
    showRendered(target, '<p>Fine</p>\n<p class="markdown-notice">This part could not be formatted…</p>\n<pre class="markdown-unrendered">&gt;&gt;&gt; deep</pre>');

    expect(target.querySelector('.markdown-notice')?.textContent).toMatch(/^Esta parte/);
    expect(target.querySelector('pre')?.textContent).toBe('>>> deep');
    expect(target.querySelector('p')?.textContent).toBe('Fine');
  });
});
