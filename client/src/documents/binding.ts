import { type ChangeSet, type ChangeSpec, EditorSelection, type Range, RangeSetBuilder, StateEffect, StateField, Transaction, Annotation } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, WidgetType } from '@codemirror/view';
import type { Participant } from '../api/types';
import { TextOperation } from '../collab/operation';
import { presenceParts } from '../presence/labels';
import { labelInk } from './contrast';

/** Marks transactions that came from the server, so they are not sent back. */
export const fromServer = Annotation.define<boolean>();

/** A CodeMirror change set as an operation over the document it applies to. */
export function toOperation(changes: ChangeSet, baseLength: number): TextOperation {
  const builder = TextOperation.builder();
  let position = 0;
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    builder.retain(fromA - position);
    builder.delete(toA - fromA);
    builder.insert(inserted.toString());
    position = toA;
  });
  builder.retain(baseLength - position);
  return builder.build();
}

/** An operation as CodeMirror changes (positions in the document before it). */
export function toChanges(operation: TextOperation): ChangeSpec[] {
  const changes: ChangeSpec[] = [];
  let position = 0;
  for (const step of operation.steps) {
    if (typeof step === 'string') changes.push({ from: position, insert: step });
    else if (step > 0) position += step;
    else {
      changes.push({ from: position, to: position - step });
      position -= step;
    }
  }
  return changes;
}

/** Applies a server operation to the editor without echoing it back. */
export function applyRemote(view: EditorView, operation: TextOperation): void {
  view.dispatch({ changes: toChanges(operation), annotations: [fromServer.of(true), Transaction.addToHistory.of(false)] });
}

/** Replaces the whole text (first open, or a reset). */
export function replaceAll(view: EditorView, text: string): void {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: EditorSelection.cursor(Math.min(view.state.selection.main.head, text.length)),
    annotations: [fromServer.of(true), Transaction.addToHistory.of(false)],
  });
}

/** How long a cursor's name stays shown after that person moves it (then only on hovering the caret). */
export const labelShownFor = 2000;

/** Someone's cursor as drawn: their label, and when they last moved it. */
export interface CaretPerson { name: string; detail: string; colour: string; movedAt: number }

/**
 * A caret, in the colour of the first person at that place, with the names of everyone there in one row
 * of flags below the line (never over the line above, and never one flag on top of another). Names show
 * on hover and for a moment after each move; the fading is a CSS animation started late by however long
 * ago the move was, so a caret drawn again (scrolled back into view) does not flash its name anew.
 */
class CaretWidget extends WidgetType {
  constructor(readonly people: readonly CaretPerson[]) { super(); }

  eq(other: CaretWidget): boolean {
    return other.people.length === this.people.length && other.people.every((p, i) => {
      const q = this.people[i];
      return p.name === q.name && p.detail === q.detail && p.colour === q.colour && p.movedAt === q.movedAt;
    });
  }

  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = 'remote-caret';
    caret.style.borderColor = this.people[0].colour;
    caret.setAttribute('aria-hidden', 'true');
    const labels = document.createElement('span');
    labels.className = 'remote-caret-labels';
    const now = Date.now();
    for (const person of this.people) {
      const label = document.createElement('span');
      label.className = 'remote-caret-label';
      label.style.backgroundColor = person.colour;
      label.style.color = labelInk(person.colour);
      const since = now - person.movedAt;
      if (since < labelShownFor) {
        label.classList.add('recent');
        label.style.animationDelay = `${-Math.max(0, since)}ms`;
      }
      const name = document.createElement('span');
      name.className = 'remote-caret-name';
      name.textContent = person.name;
      label.append(name, person.detail); // a long organisation shortens; role and tag stay
      labels.append(label);
    }
    caret.append(labels);
    return caret;
  }

  ignoreEvent(): boolean { return true; }
}

export const setRemoteCursors = StateEffect.define<Participant[]>();

interface RemoteCursors {
  decorations: DecorationSet;
  /** Where each person's caret was, moved along with every change, and when they last moved it themselves. */
  seen: ReadonlyMap<string, { head: number; movedAt: number }>;
}

/** Other editors' cursors (labelled with their names, or organisation and role where names are hidden) and selections, moved along with every change. */
export const remoteCursors = StateField.define<RemoteCursors>({
  create: () => ({ decorations: Decoration.none, seen: new Map() }),
  update({ decorations, seen }, transaction) {
    decorations = decorations.map(transaction.changes);
    if (!transaction.changes.empty) {
      // A caret moved by someone else's typing before it has not moved; text typed at it moves it (-1: stays before the insertion).
      seen = new Map([...seen].map(([id, s]) => [id, { head: transaction.changes.mapPos(s.head, -1), movedAt: s.movedAt }]));
    }
    for (const effect of transaction.effects) {
      if (!effect.is(setRemoteCursors)) continue;
      const length = transaction.state.doc.length;
      const now = Date.now();
      const next = new Map<string, { head: number; movedAt: number }>();
      const carets = new Map<number, CaretPerson[]>();
      const ranges: Range<Decoration>[] = [];
      for (const p of effect.value) {
        if (p.role === 'observer') continue;
        const anchor = Math.min(p.anchor, length);
        const head = Math.min(p.head, length);
        const before = seen.get(p.sessionId);
        const movedAt = before && before.head === head ? before.movedAt : now;
        next.set(p.sessionId, { head, movedAt });
        const [from, to] = anchor < head ? [anchor, head] : [head, anchor];
        if (from < to) ranges.push(Decoration.mark({ class: `remote-selection sel-${p.colour.slice(1)}` }).range(from, to));
        const { name, detail } = presenceParts(p, effect.value);
        carets.set(head, [...(carets.get(head) ?? []), { name, detail, colour: p.colour, movedAt }]);
      }
      for (const [head, people] of carets) ranges.push(Decoration.widget({ widget: new CaretWidget(people), side: 1 }).range(head));
      decorations = Decoration.set(ranges, true);
      seen = next;
    }
    return { decorations, seen };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

export const setAuthorship = StateEffect.define<{ from: number; to: number; colour: string; name: string }[] | null>();

/** Who wrote what: a tint per author, moved along with every change; null hides it. */
export const authorship = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    decorations = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setAuthorship)) continue;
      if (effect.value === null) {
        decorations = Decoration.none;
        continue;
      }
      const builder = new RangeSetBuilder<Decoration>();
      for (const run of effect.value) {
        if (run.to > run.from && run.to <= transaction.state.doc.length) {
          builder.add(run.from, run.to, Decoration.mark({ class: `tint-${run.colour.slice(1)}`, attributes: { title: run.name } }));
        }
      }
      decorations = builder.finish();
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});
