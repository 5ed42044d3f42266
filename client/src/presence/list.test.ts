import { afterEach, describe, expect, it } from 'vitest';
import type { Participant } from '../api/types';
import { setLanguage } from '../i18n';
import { presenceList } from './list';

const person = (sessionId: string, displayName: string): Participant =>
  ({ sessionId, userId: `user-${sessionId}`, displayName, organisation: 'Org', role: 'member', colour: '#1f77b4', anchor: 0, head: 0 });

describe('presence list', () => {
  afterEach(() => setLanguage('en', false));

  it('says how many are here, in the reader\'s plural', () => {
    const list = presenceList();
    const toggle = list.element.querySelector('.presence-toggle')!;
    list.show([person('me', 'Ana')], 'me');
    expect(toggle.textContent).toContain('1 person here');
    list.show([person('me', 'Ana'), person('b', 'Bruno'), person('c', 'Caro')], 'me');
    expect(toggle.textContent).toContain('3 people here');
    setLanguage('pt', false);
    list.show([person('me', 'Ana'), person('b', 'Bruno')], 'me');
    expect(toggle.textContent).toContain('2 pessoas aqui');
    expect(list.element.querySelectorAll('.presence-person')).toHaveLength(2);
  });

  it('opens and closes the list from its button, saying which', () => {
    const list = presenceList();
    const toggle = list.element.querySelector<HTMLButtonElement>('.presence-toggle')!;
    expect(toggle.getAttribute('aria-controls')).toBe(list.element.querySelector('.presence')!.id);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list.element.classList.contains('open')).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(list.element.classList.contains('open')).toBe(false);
  });
});
