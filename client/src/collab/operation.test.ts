import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollaborationClient } from './client';
import { OperationError, TextOperation, type Step } from './operation';

interface Fixtures {
  transform: { doc: string; a: Step[]; b: Step[]; aPrime: Step[]; bPrime: Step[]; result: string }[];
  compose: { doc: string; a: Step[]; b: Step[]; composed: Step[]; result: string }[];
  invalid: { doc: string; op: unknown; why: string }[];
}

// Written by the C# engine's tests; both engines must give these answers.
const fixtures = JSON.parse(readFileSync(join(__dirname, '../../../tests/fixtures/ot/cases.json'), 'utf8')) as Fixtures;
const op = (steps: unknown) => TextOperation.fromJSON(steps);

/** A small seeded generator, so failures can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pieces = ['a', 'b', ' ', '\n', 'é', 'ñ', '😀', '👍🏽', '中', '**', '🇲🇽'];
  const text = (max = 12) => Array.from({ length: int(max + 1) }, () => pieces[int(pieces.length)]).join('');
  const operation = (doc: string) => {
    const b = TextOperation.builder();
    let i = 0;
    while (i < doc.length) {
      let span = Math.min(doc.length - i, 1 + int(5));
      const end = i + span;
      if (end < doc.length && doc.charCodeAt(end) >= 0xdc00 && doc.charCodeAt(end) <= 0xdfff) span++;
      const k = int(4);
      if (k === 0) b.insert(text(2));
      else if (k === 1) { b.delete(span); i += span; }
      else { b.retain(span); i += span; }
    }
    if (int(3) === 0) b.insert(text(2));
    return b.build();
  };
  return { int, text, operation };
}

describe('shared fixtures', () => {
  it('transform gives the same answers as the C# engine', () => {
    expect(fixtures.transform.length).toBeGreaterThanOrEqual(100);
    for (const c of fixtures.transform) {
      const [aPrime, bPrime] = TextOperation.transform(op(c.a), op(c.b));
      expect(aPrime.toJSON()).toEqual(op(c.aPrime).toJSON());
      expect(bPrime.toJSON()).toEqual(op(c.bPrime).toJSON());
      expect(bPrime.apply(op(c.a).apply(c.doc))).toBe(c.result);
    }
  });

  it('compose gives the same answers as the C# engine', () => {
    for (const c of fixtures.compose) {
      const composed = TextOperation.compose(op(c.a), op(c.b));
      expect(composed.toJSON()).toEqual(op(c.composed).toJSON());
      expect(composed.apply(c.doc)).toBe(c.result);
    }
  });

  it('refuses the same invalid operations', () => {
    for (const c of fixtures.invalid) expect(() => op(c.op).apply(c.doc), c.why).toThrow(OperationError);
  });
});

describe('laws over random edits with emoji', () => {
  it('transform converges and compose equals sequential application', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = random(seed);
      for (let i = 0; i < 200; i++) {
        const doc = r.text();
        const a = r.operation(doc);
        const b = r.operation(doc);
        const [aPrime, bPrime] = TextOperation.transform(a, b);
        expect(bPrime.apply(a.apply(doc))).toBe(aPrime.apply(b.apply(doc)));
        const c = r.operation(a.apply(doc));
        expect(TextOperation.compose(a, c).apply(doc)).toBe(c.apply(a.apply(doc)));
      }
    }
  });

  it('editors converge with the server through the client state machine', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = random(seed);
      let serverText = 'Recomendación 😀';
      const history: TextOperation[] = [];
      const editors = Array.from({ length: 2 + (seed % 7) }, () => ({
        text: serverText, client: new CollaborationClient(0), toServer: [] as [number, TextOperation][], fromServer: [] as (TextOperation | null)[],
      }));
      const receive = (who: (typeof editors)[number]) => {
        const [base, sent] = who.toServer.shift()!;
        let applied = sent;
        for (const concurrent of history.slice(base)) applied = TextOperation.transform(applied, concurrent)[0];
        serverText = applied.apply(serverText);
        history.push(applied);
        for (const e of editors) e.fromServer.push(e === who ? null : applied);
      };
      const deliver = (e: (typeof editors)[number]) => {
        const message = e.fromServer.shift();
        if (message === undefined) return;
        if (message === null) {
          const next = e.client.acknowledge();
          if (next) e.toServer.push([e.client.revision, next]);
        } else e.text = e.client.applyRemote(message).apply(e.text);
      };
      for (let step = 0; step < 200; step++) {
        const e = editors[r.int(editors.length)];
        const k = r.int(3);
        if (k === 0) {
          const edit = r.operation(e.text);
          e.text = edit.apply(e.text);
          const send = e.client.applyLocal(edit);
          if (send) e.toServer.push([e.client.revision, send]);
        } else if (k === 1 && e.toServer.length > 0) receive(e);
        else deliver(e);
      }
      while (editors.some((e) => e.toServer.length > 0 || e.fromServer.length > 0 || !e.client.isSynchronized)) {
        for (const e of editors) {
          while (e.toServer.length > 0) receive(e);
          while (e.fromServer.length > 0) deliver(e);
        }
      }
      for (const e of editors) expect(e.text).toBe(serverText);
    }
  });
});

describe('wire form', () => {
  it.each([
    [{}], [[0]], [[1.5]], [['']], [[[1]]], [[null]], [[true]], [[3000000000]], [['\ud83d']], [['\ude00x']],
  ])('refuses %j', (json) => {
    expect(() => TextOperation.fromJSON(json)).toThrow(OperationError);
  });

  it('round-trips and stays canonical', () => {
    const o = TextOperation.builder().retain(2).retain(1).delete(1).insert('x').insert('y').delete(2).build();
    expect(o.toJSON()).toEqual([3, 'xy', -3]);
    expect(TextOperation.fromJSON(JSON.parse(JSON.stringify(o))).equals(o)).toBe(true);
  });
});
