import { EditorState } from '@codemirror/state';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Participant } from '../api/types';
import { type CaretPerson, remoteCursors, setRemoteCursors } from './binding';

const person = (sessionId: string, displayName: string, head: number, role: Participant['role'] = 'member'): Participant =>
  ({ sessionId, userId: `user-${sessionId}`, displayName, organisation: 'Org', role, colour: '#1f77b4', anchor: head, head });

/** The carets drawn: position and the people at it, in order. */
function carets(state: EditorState): { at: number; people: CaretPerson[] }[] {
  const found: { at: number; people: CaretPerson[] }[] = [];
  state.field(remoteCursors).decorations.between(0, state.doc.length, (from, _to, decoration) => {
    const widget = decoration.spec.widget as { people?: CaretPerson[] } | undefined;
    if (widget?.people) found.push({ at: from, people: widget.people });
  });
  return found;
}

describe('remote cursors', () => {
  afterEach(() => vi.useRealTimers());

  it('draws one caret with every name for people at one place, and none for observers', () => {
    const state = EditorState.create({ doc: 'hello world', extensions: [remoteCursors] })
      .update({ effects: setRemoteCursors.of([person('a', 'Ana', 5), person('b', 'Bruno', 5), person('o', 'Olga', 5, 'observer'), person('c', 'Caro', 0)]) }).state;
    expect(carets(state).map((c) => [c.at, c.people.map((p) => p.name)])).toEqual([[0, ['Caro']], [5, ['Ana', 'Bruno']]]);
  });

  it('counts a move only when the person moves: not a repeat, not someone else typing before them, but their own typing', () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000);
    let state = EditorState.create({ doc: 'hello world', extensions: [remoteCursors] })
      .update({ effects: setRemoteCursors.of([person('a', 'Ana', 5)]) }).state;
    const movedAt = () => carets(state)[0].people[0].movedAt;
    expect(movedAt()).toBe(1_000); // arriving counts as moving: the name shows once

    vi.setSystemTime(5_000);
    state = state.update({ effects: setRemoteCursors.of([person('a', 'Ana', 5)]) }).state;
    expect(movedAt()).toBe(1_000);

    state = state.update({ changes: { from: 0, insert: '>> ' } }).state; // someone else types before Ana's caret…
    state = state.update({ effects: setRemoteCursors.of([person('a', 'Ana', 8)]) }).state; // …which carries it along
    expect(movedAt()).toBe(1_000);

    state = state.update({ changes: { from: 8, insert: '!' } }).state; // Ana types at her caret
    state = state.update({ effects: setRemoteCursors.of([person('a', 'Ana', 9)]) }).state;
    expect(movedAt()).toBe(5_000);
  });
});
