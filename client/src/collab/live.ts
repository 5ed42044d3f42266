import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import type { ClosedReason, DocumentChanges, DocumentItem, OpenedDocument, Participant, Role } from '../api/types';
import { language } from '../i18n';
import { session } from '../session';
import type { TextOperation } from './operation';
import { DocumentProtocol, transientRefusals, type Effects, type Submission } from './protocol';

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

/** How long a live connection may hear nothing before the page counts it lost: three of the server's keep-alive intervals, at least 3 s. */
export function serverTimeout(keepAliveMs: number | undefined): number {
  return keepAliveMs && keepAliveMs > 0 ? Math.max(3000, 3 * keepAliveMs) : 30_000;
}

/** The page's one live hub connection (documents, group watches, sessions), reconnecting with back-off until the server says the sign-in has ended. */
export function connectLive(): signalR.HubConnection {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live', { headers: { 'Accept-Language': language() } })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => {
      if (refusedSignIn(context.retryReason)) {
        window.dispatchEvent(new Event(signedOutEvent));
        return null; // retrying cannot help: the page goes to sign-in
      }
      return retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)];
    } })
    .withHubProtocol(new MessagePackHubProtocol()) // the server's MessagePack carries the JSON protocol's shapes, in fewer bytes
    .configureLogging(signalR.LogLevel.None)
    .build();
  // Silence for three of the server's pings means the network is gone: the page says offline within seconds,
  // not after SignalR's default 30 s (a dropped network rarely closes the socket; nothing else would tell).
  connection.serverTimeoutInMilliseconds = serverTimeout(session().liveKeepAliveMs);
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
  sessionId = '';
  canEdit = false;
  role: Role = 'observer';
  maxLength = 1_000_000;
  /** The transport-free protocol (states, ordering, resubmission, refusals); this class carries out what it says. */
  private readonly protocol = new DocumentProtocol(() => crypto.randomUUID().replaceAll('-', ''));
  private participants = new Map<string, Participant>();
  private presenceWhileOpening: DocumentChanges[] = [];
  /** The activation of the document that answered the last open: presence from another one is about sessions it never knew. */
  private epoch: string | undefined;
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
        this.protocol.discard();
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
      if (id === documentId) this.refused(clientId, sequence, { code: error.code ?? '', kind: error.kind ?? '', title: error.title ?? '' });
    });
    connection.onreconnecting(() => { this.protocol.opening(); on.status('offline'); });
    connection.onreconnected(() => void this.attach());
    connection.onclose(() => { if (!this.disposed) on.status('offline'); });
  }

  /** Identifies this editor's submissions across reconnections (for idempotent resubmission). */
  get clientId(): string { return this.protocol.clientId; }

  get text(): string { return this.protocol.text; }

  get revision(): number { return this.protocol.revision; }

  get synchronized(): boolean { return this.protocol.synchronized; }

  /** Local edits the server has not acknowledged yet: leaving now would lose them. */
  get unsaved(): boolean { return !this.disposed && this.protocol.unsaved; }

  async start(): Promise<void> {
    this.on.status('connecting');
    if (this.connection.state === signalR.HubConnectionState.Disconnected) await this.connection.start();
    await this.attach();
  }

  /** A local edit, already applied to the editor. */
  edit(operation: TextOperation): void {
    this.carryOut(this.protocol.edit(operation));
    // While the connection is down the edit is kept, not saved: say so rather than "saving" for ever.
    this.on.status(this.connection.state === signalR.HubConnectionState.Connected ? 'saving' : 'offline');
  }

  moveCursor(anchor: number, head: number): void {
    if (!this.protocol.isOpen) return;
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
    const from = this.protocol.opening();
    this.presenceWhileOpening = [];
    let opened: OpenedDocument;
    try {
      opened = await this.open(from);
    } catch (error) {
      if (attach !== this.attaches) return; // a later open is under way: it decides
      const typed = hubError(error);
      if (typed && !transientRefusals.has(typed.code)) {
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
    this.participants = new Map(opened.participants.map((p) => [p.sessionId, p]));
    this.epoch = opened.epoch || undefined;
    // The open's list may be older than broadcasts that overtook its answer: apply those again on top
    // (those of the same activation: an earlier one's people are gone with it, and nobody says they left).
    for (const later of this.presenceWhileOpening) this.applyPresence(later);
    // What was replayed may be older than the answer: a session that left meanwhile (while this
    // connection was in no audience, so its `left` never came) stays gone.
    for (const departed of opened.departed ?? []) this.participants.delete(departed);
    this.presenceWhileOpening = [];
    this.sessionId = opened.sessionId;
    this.role = opened.role;
    this.canEdit = opened.canEdit;
    this.maxLength = opened.maxLength;
    this.summary(opened.summary);
    this.on.access(opened.role, opened.canEdit);
    // The text first (carryOut does its local part at once), then the cursors that point into it.
    const sending = this.carryOut(this.protocol.opened(opened));
    this.on.presence(this.others());
    await sending;
    this.reportStatus();
  }

  /** Opens from `from`; from scratch when the server can no longer catch up from it (`revision.too-old`). */
  private async open(from: number | null): Promise<OpenedDocument> {
    try {
      return await this.connection.invoke<OpenedDocument>('Open', this.documentId, from);
    } catch (error) {
      if (from === null || hubError(error)?.code !== 'revision.too-old') throw error;
      return await this.connection.invoke<OpenedDocument>('Open', this.documentId, null); // unacknowledged edits cannot survive: reported as document.reset
    }
  }

  private summary(summary: DocumentItem): void {
    this.on.summary(summary);
  }

  private changes(changes: DocumentChanges): void {
    if (changes.documentId !== this.documentId || this.disposed) return;
    const effects = this.protocol.receive(changes.operations);
    this.applyPresence(changes);
    if (!this.protocol.isOpen) this.presenceWhileOpening.push(changes);
    if (changes.summary) this.summary(changes.summary);
    if (!this.protocol.isOpen) return;
    void this.carryOut(effects);
    if (changes.presence.length > 0 || changes.left.length > 0 || changes.operations.length > 0) this.on.presence(this.others());
    this.reportStatus();
  }

  /** Does what the protocol decided: the editor's text, others' cursors, sends, reopening, errors. */
  private async carryOut(effects: Effects): Promise<void> {
    if (effects.error) this.on.error({ code: effects.error, kind: effects.error === 'document.reset' ? 'conflict' : '', title: '' });
    if (effects.reset !== null) this.on.reset(effects.reset);
    for (const change of effects.remote) {
      for (const p of this.participants.values()) {
        p.anchor = change.operation.transformIndex(Math.min(p.anchor, change.operation.baseLength));
        p.head = change.operation.transformIndex(Math.min(p.head, change.operation.baseLength));
      }
      this.on.remote(change.transformed);
    }
    if (effects.reopen) {
      const { from } = effects.reopen;
      // A transient refusal: open again (from our revision) after a moment; a final one: at once, from scratch.
      if (from === null) void this.attach();
      else setTimeout(() => void this.attach(), 300);
    }
    for (const submission of effects.send) await this.send(submission);
  }

  /** One-way: the operation coming back in a broadcast is its acknowledgement; a refusal comes as 'Refused'. */
  private async send(submission: Submission): Promise<void> {
    if (this.connection.state !== signalR.HubConnectionState.Connected) return; // resent on reconnection
    try {
      const { baseRevision, operation, clientId, sequence } = submission;
      await this.connection.send('Send', this.documentId, baseRevision, operation.toJSON(), clientId, sequence);
    } catch {
      // The connection dropped: the edit is resubmitted when it comes back.
    }
  }

  private refused(clientId: string, sequence: number, error: HubError): void {
    const effects = this.protocol.refused(clientId, sequence, error.code);
    // The protocol reports only the code: the person sees the server's words.
    if (effects.error === error.code) {
      this.on.error(error);
      effects.error = null;
    }
    void this.carryOut(effects);
  }

  /**
   * A session id is never reused: one listed in `left` is gone for good, even if the same message also shows it.
   * Presence from another activation than the one that answered the open is ignored (see `epoch`).
   */
  private applyPresence(changes: DocumentChanges): void {
    if (changes.epoch && this.epoch && changes.epoch !== this.epoch) return;
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
