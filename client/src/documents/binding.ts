import { type ChangeSet, type ChangeSpec, EditorSelection, RangeSetBuilder, StateEffect, StateField, Transaction, Annotation } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, WidgetType } from '@codemirror/view';
import type { Participant } from '../api/types';
import { TextOperation } from '../collab/operation';
import { presenceParts } from '../presence/labels';

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

class CaretWidget extends WidgetType {
  constructor(readonly name: string, readonly detail: string, readonly colour: string) { super(); }

  eq(other: CaretWidget): boolean { return other.name === this.name && other.detail === this.detail && other.colour === this.colour; }

  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = 'remote-caret';
    caret.style.borderColor = this.colour;
    caret.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'remote-caret-label';
    label.style.backgroundColor = this.colour;
    const name = document.createElement('span');
    name.className = 'remote-caret-name';
    name.textContent = this.name;
    label.append(name, this.detail); // a long organisation shortens; role and tag stay
    caret.append(label);
    return caret;
  }

  ignoreEvent(): boolean { return true; }
}

export const setRemoteCursors = StateEffect.define<Participant[]>();

/** Other editors' cursors (labelled with their names, or organisation and role where names are hidden) and selections, moved along with every change. */
export const remoteCursors = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    decorations = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setRemoteCursors)) continue;
      const length = transaction.state.doc.length;
      const ranges = effect.value
        .filter((p) => p.role !== 'observer')
        .flatMap((p) => {
          const anchor = Math.min(p.anchor, length);
          const head = Math.min(p.head, length);
          const [from, to] = anchor < head ? [anchor, head] : [head, anchor];
          const { name, detail } = presenceParts(p, effect.value);
          const caret = Decoration.widget({ widget: new CaretWidget(name, detail, p.colour), side: 1 }).range(head);
          return from < to
            ? [Decoration.mark({ class: `remote-selection sel-${p.colour.slice(1)}` }).range(from, to), caret]
            : [caret];
        });
      decorations = Decoration.set(ranges, true);
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
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
