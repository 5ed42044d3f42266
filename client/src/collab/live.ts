import * as signalR from '@microsoft/signalr';
import type { ClosedReason, DocumentChanges, DocumentItem, OpenedDocument, Participant, Role } from '../api/types';
import { language } from '../i18n';
import { CollaborationClient } from './client';
import { TextOperation } from './operation';

/** A typed refusal from the hub (the JSON the server puts in its HubException). */
export interface HubError { code: string; kind: string; title: string }

export function hubError(error: unknown): HubError | null {
  const message = error instanceof Error ? error.message : String(error);
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  try {
    const parsed = JSON.parse(message.slice(start, end + 1)) as Partial<HubError>;
    return typeof parsed.code === 'string' ? { code: parsed.code, kind: parsed.kind ?? '', title: parsed.title ?? '' } : null;
  } catch {
    return null;
  }
}

export type ConnectionStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'closed';

/** What the page does with what the live document reports. */
export interface LiveHandlers {
  /** Another editor's change, already transformed past local edits: apply it to the editor. */
  remote(operation: TextOperation): void;
  /** The whole text was replaced (first open, or a reset after the server lost track). */
  reset(text: string): void;
  presence(participants: Participant[]): void;
  access(role: Role, canEdit: boolean): void;
  summary(summary: DocumentItem): void;
  status(status: ConnectionStatus): void;
  closed(reason: ClosedReason): void;
  error(error: HubError): void;
}

const transient = new Set(['document.not-open', 'document.unavailable', 'request.rate-limited']);
/** Waits before opening again after a transient refusal, in milliseconds. */
const attachRetryDelays = [250, 500, 1000, 2000, 4000];
const retryDelays = [0, 1000, 2000, 5000, 10000, 15000, 30000];

/** Fired on window when the server may no longer know this browser's sign-in (signed out here or everywhere, a password change): the page checks. */
export const signedOutEvent = 'workspace:signed-out';

/**
 * Whether a failed reconnection was the server refusing the sign-in: negotiation answered 401, which
 * the SignalR client reports wrapped in a FailedToNegotiateWithServerError whose message keeps the status.
 */
export function refusedSignIn(reason: unknown): boolean {
  if (reason instanceof signalR.HttpError) return reason.statusCode === 401;
  return reason instanceof Error && reason.message.includes("Status code '401'");
}

/** One hub connection for the page, reconnecting with back-off until the server says the sign-in has ended. */
export function connectDocuments(): signalR.HubConnection {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/documents', { headers: { 'Accept-Language': language() } })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => {
      if (refusedSignIn(context.retryReason)) {
        window.dispatchEvent(new Event(signedOutEvent));
        return null; // retrying cannot help: the page goes to sign-in
      }
      return retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)];
    } })
    .configureLogging(signalR.LogLevel.None)
    .build();
  // The server closes the connections of an ended sign-in without allowing a reconnection: a close the page did
  // not ask for is worth a look at the session (the page goes to sign-in if it has ended).
  let stopping = false;
  const stop = connection.stop.bind(connection);
  connection.stop = () => { stopping = true; return stop(); };
  connection.onclose(() => { if (!stopping) window.dispatchEvent(new Event(signedOutEvent)); });
  return connection;
}

/**
 * One open document, kept in step with the server: at most one operation in flight, later
 * edits buffered, broadcasts applied strictly in revision order (our own coming back is the
 * acknowledgement), and after a reconnection a catch-up from the last revision seen and the
 * resubmission of whatever was not acknowledged — so nothing is lost or applied twice.
 */
export class LiveDocument {
  readonly clientId = crypto.randomUUID().replaceAll('-', '');
  text = '';
  sessionId = '';
  canEdit = false;
  role: Role = 'observer';
  maxLength = 1_000_000;
  private ot: CollaborationClient | null = null;
  private sequence = 0;
  private pending = new Map<number, { revision: number; operation: TextOperation; clientId: string; sequence: number }>();
  private participants = new Map<string, Participant>();
  private presenceWhileOpening: DocumentChanges[] = [];
  private open = false;
  private disposed = false;
  private attachFailures = 0;
  /** Counts opens (a reconnection, a reopen, a retry may overlap): only the latest one's answer is applied. */
  private attaches = 0;

  constructor(private readonly connection: signalR.HubConnection, readonly documentId: string, private readonly on: LiveHandlers) {
    connection.on('Changes', (changes: DocumentChanges) => this.changes(changes));
    connection.on('Access', (id: string, role: Role, canEdit: boolean) => {
      if (id !== documentId) return;
      this.role = role;
      this.canEdit = canEdit;
      on.access(role, canEdit);
      // Now an observer: edits of ours still on their way come back without our client id (observers
      // see none), so they could not be told from others' — start again from the server's text.
      if (role === 'observer' && this.unsaved) {
        this.ot = null;
        this.pending.clear();
        void this.attach();
      }
    });
    connection.on('Closed', (id: string, reason: ClosedReason) => {
      if (id !== documentId) return;
      this.disposed = true;
      on.status('closed');
      on.closed(reason);
    });
    connection.on('Reopen', (id: string) => { if (id === documentId) void this.attach(); });
    connection.on('Refused', (id: string, clientId: string, sequence: number, error: Partial<HubError>) => {
      if (id === documentId && clientId === this.clientId) this.refused(sequence, { code: error.code ?? '', kind: error.kind ?? '', title: error.title ?? '' });
    });
    connection.onreconnecting(() => { this.open = false; on.status('offline'); });
    connection.onreconnected(() => void this.attach());
    connection.onclose(() => { if (!this.disposed) on.status('offline'); });
  }

  get revision(): number { return this.ot?.revision ?? 0; }

  get synchronized(): boolean { return this.open && (this.ot?.isSynchronized ?? false) && this.pending.size === 0; }

  /** Local edits the server has not acknowledged yet: leaving now would lose them. */
  get unsaved(): boolean { return !this.disposed && this.ot !== null && !this.ot.isSynchronized; }

  async start(): Promise<void> {
    this.on.status('connecting');
    if (this.connection.state === signalR.HubConnectionState.Disconnected) await this.connection.start();
    await this.attach();
  }

  /** A local edit, already applied to the editor. */
  edit(operation: TextOperation): void {
    if (!this.ot) throw new Error('The document is not open.');
    this.text = operation.apply(this.text);
    const send = this.ot.applyLocal(operation);
    if (send) void this.send(send, ++this.sequence, this.ot.revision);
    // While the connection is down the edit is kept, not saved: say so rather than "saving" for ever.
    this.on.status(this.connection.state === signalR.HubConnectionState.Connected ? 'saving' : 'offline');
  }

  moveCursor(anchor: number, head: number): void {
    if (!this.open) return;
    this.connection.invoke('Presence', this.documentId, this.revision, anchor, head).catch(() => { /* presence is best effort */ });
  }

  async close(): Promise<void> {
    this.disposed = true;
    for (const name of ['Changes', 'Access', 'Closed', 'Reopen', 'Refused']) this.connection.off(name);
    if (this.connection.state === signalR.HubConnectionState.Connected) {
      await this.connection.invoke('Close', this.documentId).catch(() => undefined);
    }
    await this.connection.stop();
  }

  private async attach(): Promise<void> {
    if (this.disposed) return;
    const attach = ++this.attaches;
    this.open = false;
    this.presenceWhileOpening = [];
    let opened: OpenedDocument;
    try {
      opened = await this.connection.invoke<OpenedDocument>('Open', this.documentId, this.ot?.revision ?? null);
    } catch (error) {
      if (attach !== this.attaches) return; // a later open is under way: it decides
      const typed = hubError(error);
      if (typed && !transient.has(typed.code)) {
        this.disposed = true;
        this.on.status('closed');
        this.on.error(typed);
      } else if (typed && this.connection.state === signalR.HubConnectionState.Connected) {
        // Transient (e.g. a node died and the cluster is moving its documents): try again, backing off.
        const delay = attachRetryDelays[Math.min(this.attachFailures++, attachRetryDelays.length - 1)];
        setTimeout(() => void this.attach(), delay);
      }
      return; // otherwise the connection dropped: the next reconnection attaches again
    }
    // A later open overtook this one: its answer is newer (this one's people and text may predate
    // broadcasts the later open started collecting afresh).
    if (attach !== this.attaches || this.disposed) return;
    this.attachFailures = 0;
    if (opened.text !== null) {
      const hadEdits = this.ot !== null && !this.ot.isSynchronized;
      this.text = opened.text;
      this.ot = new CollaborationClient(opened.revision);
      if (hadEdits) this.on.error({ code: 'document.reset', kind: 'conflict', title: '' });
      this.on.reset(opened.text);
    }
    for (const applied of opened.since ?? []) this.queue(applied);
    for (const revision of [...this.pending.keys()]) if (revision <= this.ot!.revision) this.pending.delete(revision);
    this.participants = new Map(opened.participants.map((p) => [p.sessionId, p]));
    // The open's list may be older than broadcasts that overtook its answer: apply those again on top.
    for (const later of this.presenceWhileOpening) this.applyPresence(later);
    this.presenceWhileOpening = [];
    this.sessionId = opened.sessionId;
    this.role = opened.role;
    this.canEdit = opened.canEdit;
    this.maxLength = opened.maxLength;
    this.summary(opened.summary);
    this.on.access(opened.role, opened.canEdit);
    this.open = true;
    const next = this.drain();
    this.on.presence(this.others());
    const outstanding = next ?? (this.ot!.outstanding ? { operation: this.ot!.outstanding, sequence: this.sequence, base: this.ot!.revision } : null);
    if (outstanding) await this.send(outstanding.operation, outstanding.sequence, outstanding.base);
    this.reportStatus();
  }

  private summary(summary: DocumentItem): void {
    this.on.summary(summary);
  }

  private changes(changes: DocumentChanges): void {
    if (changes.documentId !== this.documentId || this.disposed) return;
    for (const applied of changes.operations) this.queue(applied);
    this.applyPresence(changes);
    if (!this.open) this.presenceWhileOpening.push(changes);
    if (changes.summary) this.summary(changes.summary);
    if (!this.open) return;
    const next = this.drain();
    if (changes.presence.length > 0 || changes.left.length > 0 || changes.operations.length > 0) this.on.presence(this.others());
    if (next) void this.send(next.operation, next.sequence, next.base);
    this.reportStatus();
  }

  private queue(applied: { revision: number; operation: (number | string)[]; clientId: string; sequence: number }): void {
    if (this.ot && applied.revision <= this.ot.revision) return;
    this.pending.set(applied.revision, { ...applied, operation: TextOperation.fromJSON(applied.operation) });
  }

  /** Applies what arrived, in revision order; returns the buffer an acknowledgement released, if any. */
  private drain(): { operation: TextOperation; sequence: number; base: number } | null {
    const ot = this.ot!;
    let send: { operation: TextOperation; sequence: number; base: number } | null = null;
    for (let applied = this.pending.get(ot.revision + 1); applied; applied = this.pending.get(ot.revision + 1)) {
      this.pending.delete(applied.revision);
      if (applied.clientId === this.clientId && ot.outstanding && applied.sequence === this.sequence) {
        const next = ot.acknowledge();
        if (next) send = { operation: next, sequence: ++this.sequence, base: ot.revision };
      } else {
        const transformed = ot.applyRemote(applied.operation);
        this.text = transformed.apply(this.text);
        for (const p of this.participants.values()) {
          p.anchor = applied.operation.transformIndex(Math.min(p.anchor, applied.operation.baseLength));
          p.head = applied.operation.transformIndex(Math.min(p.head, applied.operation.baseLength));
        }
        this.on.remote(transformed);
      }
    }
    return send;
  }

  /** One-way: the operation coming back in a broadcast is its acknowledgement; a refusal comes as 'Refused'. */
  private async send(operation: TextOperation, sequence: number, base: number): Promise<void> {
    if (this.connection.state !== signalR.HubConnectionState.Connected || !this.open) return; // resent on reconnection
    try {
      await this.connection.send('Send', this.documentId, base, operation.toJSON(), this.clientId, sequence);
    } catch {
      // The connection dropped: the edit is resubmitted when it comes back.
    }
  }

  private refused(sequence: number, error: HubError): void {
    if (sequence !== this.sequence || !this.ot?.outstanding) return; // about an edit already settled after a reconnection
    if (transient.has(error.code)) {
      setTimeout(() => void this.attach(), 300);
      return;
    }

    // Refused for good (too large, locked, invalid): drop the local edits and take the server's text.
    this.on.error(error);
    this.ot = null;
    this.pending.clear();
    void this.attach();
  }

  /** A session id is never reused: one listed in `left` is gone for good, even if the same message also shows it. */
  private applyPresence(changes: DocumentChanges): void {
    for (const participant of changes.presence) this.participants.set(participant.sessionId, participant);
    for (const left of changes.left) this.participants.delete(left);
  }

  private others(): Participant[] {
    return [...this.participants.values()];
  }

  private reportStatus(): void {
    this.on.status(this.synchronized ? 'saved' : 'saving');
  }
}
