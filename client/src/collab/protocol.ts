import { CollaborationClient } from './client';
import { TextOperation } from './operation';

/** The ot.js client states, as the shared protocol scenarios (tests/fixtures/protocol) name them. */
export type ProtocolState = 'synchronized' | 'awaiting-ack' | 'awaiting-ack-with-buffer';

/** What the client submits: `Send(documentId, baseRevision, operation, clientId, sequence)`. */
export interface Submission { baseRevision: number; operation: TextOperation; clientId: string; sequence: number }

/** An operation as the server applied it (the wire form of `Changes` and of an open's `since`). */
export interface WireOperation { revision: number; operation: (number | string)[]; clientId: string; sequence: number }

/** The answer to `Open` that the protocol needs. */
export interface OpenAnswer { text: string | null; revision: number; since: WireOperation[] | null }

/** Another editor's operation applied locally: `transformed` is what changed the local text. */
export interface RemoteChange { revision: number; operation: TextOperation; transformed: TextOperation }

/** What one input makes the client do; the transport carries it out. */
export interface Effects {
  /** Submissions to send now, in order. */
  send: Submission[];
  /** Other editors' operations applied to the local text, in revision order. */
  remote: RemoteChange[];
  /** Open the document again, from this revision (null: from scratch, the whole text). */
  reopen: { from: number | null } | null;
  /** The whole local text was replaced by the server's. */
  reset: string | null;
  /** A typed refusal (or `document.reset`) to show the person. */
  error: string | null;
}

/** Refusals after which opening again and resubmitting can succeed. */
export const transientRefusals: ReadonlySet<string> = new Set(['document.not-open', 'document.unavailable', 'request.rate-limited']);

/** Another person owns the client id: the edit is sound, the id is not. */
const clientTaken = 'operation.client-taken';

const none = (): Effects => ({ send: [], remote: [], reopen: null, reset: null, error: null });

/**
 * The live protocol of one open document without a transport (as @codemirror/collab keeps it):
 * the three ot.js states, operations received applied strictly in revision order (our own coming
 * back is its acknowledgement), catch-up and resubmission on every open, refusals. The same
 * machine as src/Workspace.LiveClient/DocumentProtocol.cs; tests/fixtures/protocol/*.json are
 * replayed against both.
 */
export class DocumentProtocol {
  text = '';
  private id: string;
  private ot: CollaborationClient | null = null;
  private sequence = 0;
  private pending = new Map<number, WireOperation>();
  private open = false;

  /** `newClientId` gives this editor its id, and a fresh one if another person turns out to own it. */
  constructor(private readonly newClientId: () => string) {
    this.id = newClientId();
  }

  /** Identifies this editor's submissions across reconnections (for idempotent resubmission). */
  get clientId(): string { return this.id; }

  /** The last server revision applied (0 before the first open). */
  get revision(): number { return this.ot?.revision ?? 0; }

  /** The revision the next open asks to catch up from (null: the whole text). */
  get from(): number | null { return this.ot?.revision ?? null; }

  get isOpen(): boolean { return this.open; }

  get state(): ProtocolState {
    if (!this.ot?.outstanding) return 'synchronized';
    return this.ot.buffer ? 'awaiting-ack-with-buffer' : 'awaiting-ack';
  }

  /** Open, every local edit acknowledged, nothing received left unapplied. */
  get synchronized(): boolean { return this.open && (this.ot?.isSynchronized ?? false) && this.pending.size === 0; }

  /** Local edits the server has not acknowledged yet. */
  get unsaved(): boolean { return this.ot !== null && !this.ot.isSynchronized; }

  /** An open is starting (or the connection dropped): nothing is sent until its answer. Returns the revision to open from. */
  opening(): number | null {
    this.open = false;
    return this.from;
  }

  /** Forgets local edits and history: the next open takes the server's whole text. */
  discard(): void {
    this.ot = null;
    this.pending.clear();
  }

  /** A local edit, already made to the editor's text. */
  edit(operation: TextOperation): Effects {
    if (!this.ot) throw new Error('The document is not open.');
    this.text = operation.apply(this.text);
    const effects = none();
    const send = this.ot.applyLocal(operation);
    if (send) this.submit(effects, send, ++this.sequence);
    return effects;
  }

  /** The answer to an open: the whole text, or the operations since the revision asked for; resubmits what is unacknowledged. */
  opened(answer: OpenAnswer): Effects {
    const effects = none();
    if (answer.text !== null) {
      if (this.ot !== null && !this.ot.isSynchronized) effects.error = 'document.reset';
      this.text = answer.text;
      this.ot = new CollaborationClient(answer.revision);
      effects.reset = answer.text;
    } else if (this.ot === null) {
      throw new Error('The server sent operations to a client that has no text.');
    }
    for (const applied of answer.since ?? []) this.queue(applied);
    for (const revision of [...this.pending.keys()]) if (revision <= this.ot.revision) this.pending.delete(revision);
    this.open = true;
    this.drain(effects);
    if (effects.send.length === 0 && this.ot.outstanding) this.submit(effects, this.ot.outstanding, this.sequence);
    return effects;
  }

  /** Operations from a `Changes` broadcast (in any order, possibly already seen). */
  receive(operations: readonly WireOperation[]): Effects {
    const effects = none();
    for (const applied of operations) this.queue(applied);
    if (this.open) this.drain(effects);
    return effects;
  }

  /** A `Refused(documentId, clientId, sequence, error)` message. */
  refused(clientId: string, sequence: number, code: string): Effects {
    const effects = none();
    const ot = this.ot;
    if (clientId !== this.id || sequence !== this.sequence || !ot?.outstanding) return effects; // settled meanwhile
    if (transientRefusals.has(code)) {
      effects.reopen = { from: ot.revision };
    } else if (code === clientTaken) {
      // Nothing of it was applied: the same edit again, as this editor under an id of its own.
      this.id = this.newClientId();
      this.submit(effects, ot.outstanding, this.sequence);
    } else {
      // Refused for good (too large, locked, invalid): drop the local edits and take the server's text.
      effects.error = code;
      this.discard();
      effects.reopen = { from: null };
    }
    return effects;
  }

  private submit(effects: Effects, operation: TextOperation, sequence: number): void {
    if (this.open) effects.send.push({ baseRevision: this.ot!.revision, operation, clientId: this.id, sequence });
  }

  private queue(applied: WireOperation): void {
    if (this.ot && applied.revision <= this.ot.revision) return;
    this.pending.set(applied.revision, applied);
  }

  /** Applies what arrived, in revision order. */
  private drain(effects: Effects): void {
    const ot = this.ot!;
    for (let applied = this.pending.get(ot.revision + 1); applied; applied = this.pending.get(ot.revision + 1)) {
      this.pending.delete(applied.revision);
      if (applied.clientId === this.id && ot.outstanding && applied.sequence === this.sequence) {
        const next = ot.acknowledge();
        if (next) this.submit(effects, next, ++this.sequence);
      } else {
        const operation = TextOperation.fromJSON(applied.operation);
        const transformed = ot.applyRemote(operation);
        this.text = transformed.apply(this.text);
        effects.remote.push({ revision: applied.revision, operation, transformed });
      }
    }
  }
}
