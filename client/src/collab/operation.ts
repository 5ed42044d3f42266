/**
 * Text operations over UTF-16 code units (the units of JavaScript strings), the same engine as
 * src/Workspace.Collaboration on the server. Wire form (as ot.js): positive integer = retain,
 * negative integer = delete, string = insert. Canonical: no empty steps, no two adjacent steps
 * of one kind, an insert always before an adjacent delete.
 */
export type Step = number | string;

export class OperationError extends Error {}

export class TextOperation {
  private constructor(readonly steps: readonly Step[], readonly baseLength: number, readonly targetLength: number) {}

  static builder(): OperationBuilder {
    return new OperationBuilder();
  }

  /** Reads the wire form, refusing anything malformed. */
  static fromJSON(json: unknown): TextOperation {
    if (!Array.isArray(json)) throw new OperationError('An operation must be a JSON array.');
    const b = new OperationBuilder();
    for (const step of json) {
      if (typeof step === 'number' && Number.isInteger(step) && step > 0 && step <= 0x7fffffff) b.retain(step);
      else if (typeof step === 'number' && Number.isInteger(step) && step < 0 && step > -0x80000000) b.delete(-step);
      else if (typeof step === 'string' && step.length > 0) {
        if (!isWellFormed(step)) throw new OperationError('Inserted text contains half of a character (an unpaired surrogate).');
        b.insert(step);
      } else throw new OperationError(`Each step must be a non-zero integer or a non-empty string, not ${JSON.stringify(step)}.`);
    }
    return b.build();
  }

  /** @internal used by the builder */
  static create(steps: Step[], baseLength: number, targetLength: number): TextOperation {
    return new TextOperation(steps, baseLength, targetLength);
  }

  toJSON(): Step[] {
    return [...this.steps];
  }

  get isNoop(): boolean {
    return this.steps.every((s) => typeof s === 'number' && s > 0);
  }

  equals(other: TextOperation): boolean {
    return this.baseLength === other.baseLength && this.steps.length === other.steps.length && this.steps.every((s, i) => s === other.steps[i]);
  }

  /** Applies to a text of exactly baseLength code units; never splits a surrogate pair. */
  apply(text: string): string {
    if (text.length !== this.baseLength) {
      throw new OperationError(`The operation expects a text of ${this.baseLength} code units, but the text has ${text.length}.`);
    }
    const parts: string[] = [];
    let index = 0;
    for (const step of this.steps) {
      if (typeof step === 'string') parts.push(step);
      else if (step > 0) { parts.push(text.slice(index, index + step)); index += step; }
      else index -= step;
      if (splitsPair(text, index)) throw new OperationError(`The operation cuts a character in two at position ${index}.`);
    }
    return parts.join('');
  }

  /** One operation with the effect of first followed by second. */
  static compose(first: TextOperation, second: TextOperation): TextOperation {
    if (first.targetLength !== second.baseLength) {
      throw new OperationError(`Cannot compose: the first operation leaves ${first.targetLength} code units, the second expects ${second.baseLength}.`);
    }
    const result = new OperationBuilder();
    const a = new Cursor(first.steps);
    const b = new Cursor(second.steps);
    while (!a.done || !b.done) {
      if (!a.done && a.kind === 'delete') { result.delete(a.take(a.remaining)); continue; }
      if (!b.done && b.kind === 'insert') { result.insert(b.takeText(b.remaining)); continue; }
      if (a.done || b.done) throw new OperationError('Cannot compose: the operations do not line up.');
      const n = Math.min(a.remaining, b.remaining);
      if (a.kind === 'retain' && b.kind === 'retain') { a.take(n); result.retain(b.take(n)); }
      else if (a.kind === 'retain' && b.kind === 'delete') { a.take(n); result.delete(b.take(n)); }
      else if (a.kind === 'insert' && b.kind === 'retain') { b.take(n); result.insert(a.takeText(n)); }
      else { a.takeText(n); b.take(n); } // insert then delete: nothing remains
    }
    return result.build();
  }

  /**
   * For two operations on the same text, [a′, b′] such that a then b′ equals b then a′.
   * When both insert at one position, a's text comes first.
   */
  static transform(a: TextOperation, b: TextOperation): [TextOperation, TextOperation] {
    if (a.baseLength !== b.baseLength) {
      throw new OperationError(`Cannot transform: the operations expect texts of ${a.baseLength} and ${b.baseLength} code units.`);
    }
    const aPrime = new OperationBuilder();
    const bPrime = new OperationBuilder();
    const x = new Cursor(a.steps);
    const y = new Cursor(b.steps);
    while (!x.done || !y.done) {
      if (!x.done && x.kind === 'insert') { const t = x.takeText(x.remaining); aPrime.insert(t); bPrime.retain(t.length); continue; }
      if (!y.done && y.kind === 'insert') { const t = y.takeText(y.remaining); aPrime.retain(t.length); bPrime.insert(t); continue; }
      if (x.done || y.done) throw new OperationError('Cannot transform: the operations do not line up.');
      const n = Math.min(x.remaining, y.remaining);
      const [kx, ky] = [x.kind, y.kind];
      x.take(n);
      y.take(n);
      if (kx === 'retain' && ky === 'retain') { aPrime.retain(n); bPrime.retain(n); }
      else if (kx === 'delete' && ky === 'retain') aPrime.delete(n);
      else if (kx === 'retain' && ky === 'delete') bPrime.delete(n);
      // both delete: already gone on both sides
    }
    return [aPrime.build(), bPrime.build()];
  }

  /** Where a position before this operation ends up after it (for cursors and selections). */
  transformIndex(position: number, stickLeft = false): number {
    let newPosition = position;
    let index = 0;
    for (const step of this.steps) {
      if (index > position || (index === position && stickLeft && typeof step === 'string')) break;
      if (typeof step === 'string') newPosition += step.length;
      else if (step > 0) index += step;
      else { newPosition -= Math.min(-step, position - index); index -= step; }
    }
    return newPosition;
  }
}

export class OperationBuilder {
  private readonly steps: Step[] = [];
  private baseLength = 0;
  private targetLength = 0;

  retain(count: number): this {
    requireCount(count);
    if (count === 0) return this;
    this.baseLength += count;
    this.targetLength += count;
    const last = this.steps.length - 1;
    if (last >= 0 && typeof this.steps[last] === 'number' && (this.steps[last] as number) > 0) this.steps[last] = (this.steps[last] as number) + count;
    else this.steps.push(count);
    return this;
  }

  insert(text: string): this {
    if (text.length === 0) return this;
    this.targetLength += text.length;
    const last = this.steps.length - 1;
    const lastStep = this.steps[last];
    if (typeof lastStep === 'string') this.steps[last] = lastStep + text;
    else if (typeof lastStep === 'number' && lastStep < 0) {
      // Canonical form: an insert goes before an adjacent delete.
      if (typeof this.steps[last - 1] === 'string') this.steps[last - 1] = (this.steps[last - 1] as string) + text;
      else this.steps.splice(last, 0, text);
    } else this.steps.push(text);
    return this;
  }

  delete(count: number): this {
    requireCount(count);
    if (count === 0) return this;
    this.baseLength += count;
    const last = this.steps.length - 1;
    if (last >= 0 && typeof this.steps[last] === 'number' && (this.steps[last] as number) < 0) this.steps[last] = (this.steps[last] as number) - count;
    else this.steps.push(-count);
    return this;
  }

  build(): TextOperation {
    return TextOperation.create([...this.steps], this.baseLength, this.targetLength);
  }
}

class Cursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly steps: readonly Step[]) {}

  get done(): boolean { return this.index >= this.steps.length; }

  get kind(): 'retain' | 'insert' | 'delete' {
    const s = this.steps[this.index];
    return typeof s === 'string' ? 'insert' : s > 0 ? 'retain' : 'delete';
  }

  get remaining(): number {
    const s = this.steps[this.index];
    return (typeof s === 'string' ? s.length : Math.abs(s)) - this.offset;
  }

  take(n: number): number { this.advance(n); return n; }

  takeText(n: number): string {
    const text = (this.steps[this.index] as string).slice(this.offset, this.offset + n);
    this.advance(n);
    return text;
  }

  private advance(n: number): void {
    this.offset += n;
    const s = this.steps[this.index];
    if (this.offset === (typeof s === 'string' ? s.length : Math.abs(s))) { this.index++; this.offset = 0; }
  }
}

function requireCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new OperationError(`A step cannot have length ${count}.`);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function splitsPair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
}

function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c)) {
      if (i + 1 >= text.length || !isLow(text.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLow(c)) return false;
  }
  return true;
}
