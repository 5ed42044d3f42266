import { describe, expect, it, vi } from 'vitest';
import type * as signalR from '@microsoft/signalr';
import { HttpError } from '@microsoft/signalr';
import type { AppliedOperation, DocumentChanges, OpenedDocument, Participant } from '../api/types';
import { LiveDocument, refusedSignIn, serverTimeout, type LiveHandlers } from './live';
import { TextOperation } from './operation';

/** The document grain's protocol in memory: transform against history, dedupe by (clientId, sequence), broadcast. */
class FakeServer {
  text = '';
  log: AppliedOperation[] = [];
  marks = new Map<string, { sequence: number; revision: number }>();
  connections = new Set<FakeConnection>();
  submissions = 0;

  submit(base: number, json: (number | string)[], clientId: string, sequence: number): number {
    this.submissions++;
    const mark = this.marks.get(clientId);
    if (mark && sequence <= mark.sequence) return mark.revision;
    let operation = TextOperation.fromJSON(json);
    for (const applied of this.log.slice(base)) operation = TextOperation.transform(operation, TextOperation.fromJSON(applied.operation))[0];
    this.text = operation.apply(this.text);
    const applied: AppliedOperation = { revision: this.log.length + 1, operation: operation.toJSON(), clientId, sequence, authorId: 'a', at: '' };
    this.log.push(applied);
    this.marks.set(clientId, { sequence, revision: applied.revision });
    for (const c of this.connections) c.deliver({ documentId: 'd', operations: [applied], presence: [], left: [], summary: null });
    return applied.revision;
  }

  open(since: number | null): OpenedDocument {
    const summary = { id: 'd', groupId: 'g', title: 'T', visibility: 'members' as const, locked: false, createdAt: '', createdByName: '' };
    return {
      summary, text: since === null ? this.text : null, revision: this.log.length, since: since === null ? null : this.log.slice(since),
      role: 'member', canEdit: true, sessionId: 's', participants: [] as Participant[], maxLength: 1000,
    };
  }
}

/** A hub connection to the fake server that can drop (messages in flight are lost) and come back. */
class FakeConnection {
  state = 'Connected';
  private handlers = new Map<string, (...args: unknown[]) => void>();
  private reconnected: (() => void)[] = [];
  private reconnecting: (() => void)[] = [];

  constructor(private readonly server: FakeServer) { server.connections.add(this); }

  on(name: string, handler: (...args: unknown[]) => void): void { this.handlers.set(name, handler); }
  off(name: string): void { this.handlers.delete(name); }
  onreconnecting(handler: () => void): void { this.reconnecting.push(handler); }
  onreconnected(handler: () => void): void { this.reconnected.push(handler); }
  onclose(): void { /* not needed */ }
  async start(): Promise<void> { this.state = 'Connected'; }
  async stop(): Promise<void> { this.state = 'Disconnected'; }

  deliver(changes: DocumentChanges): void { this.emit('Changes', changes); }

  /** A server → client message, if connected. */
  emit(name: string, ...args: unknown[]): void {
    if (this.state === 'Connected') queueMicrotask(() => this.handlers.get(name)?.(...args));
  }

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.state !== 'Connected') throw new Error('Not connected.');
    if (method === 'Open') return this.server.open(args[1] as number | null) as T;
    return undefined as T;
  }

  /** A one-way call: an accepted operation comes back in a broadcast; a refusal as 'Refused'. */
  async send(method: string, ...args: unknown[]): Promise<void> {
    if (this.state !== 'Connected') throw new Error('Not connected.');
    if (method !== 'Send') return;
    try {
      this.server.submit(args[1] as number, args[2] as (number | string)[], args[3] as string, args[4] as number);
    } catch (error) {
      this.emit('Refused', args[0], args[3], args[4], JSON.parse((error as Error).message) as object);
    }
  }

  drop(): void { this.state = 'Reconnecting'; this.reconnecting.forEach((h) => h()); }
  restore(): void { this.state = 'Connected'; this.reconnected.forEach((h) => h()); }
}

function editor(server: FakeServer, overrides: Partial<LiveHandlers> = {}): { live: LiveDocument; connection: FakeConnection; statuses: string[] } {
  const connection = new FakeConnection(server);
  const statuses: string[] = [];
  const handlers: LiveHandlers = {
    remote: () => undefined, reset: () => undefined, presence: () => undefined, access: () => undefined,
    summary: () => undefined, status: (s) => statuses.push(s), closed: () => undefined, error: (e) => { throw new Error(e.code); },
    ...overrides,
  };
  return { live: new LiveDocument(connection as unknown as signalR.HubConnection, 'd', handlers), connection, statuses };
}

const participant = (sessionId: string, displayName = 'Rosa') =>
  ({ sessionId, userId: 'u', displayName, organisation: 'Fundar', role: 'member', colour: '#000', anchor: 0, head: 0 }) as Participant;
const insert = (text: string, at: number, value: string) => TextOperation.builder().retain(at).insert(value).retain(text.length - at).build();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the live document client', () => {
  it('keeps edits made while disconnected and sends them once when the connection returns', async () => {
    const server = new FakeServer();
    const a = editor(server);
    const b = editor(server);
    await a.live.start();
    await b.live.start();

    a.live.edit(insert(a.live.text, 0, 'Online. '));
    await settle();
    b.connection.drop();
    b.live.edit(insert(b.live.text, b.live.text.length, 'Offline one. '));
    b.live.edit(insert(b.live.text, b.live.text.length, 'Offline two. '));
    a.live.edit(insert(a.live.text, 0, 'Meanwhile: '));
    await settle();
    expect(b.statuses.at(-1)).toBe('offline'); // kept, not "saving" while nothing can be saved
    expect(b.live.unsaved).toBe(true); // leaving now would lose them: the page asks first
    expect(a.live.unsaved).toBe(false);

    b.connection.restore();
    for (let i = 0; i < 10; i++) await settle();

    expect(server.text).toBe('Meanwhile: Online. Offline one. Offline two. ');
    expect(a.live.text).toBe(server.text);
    expect(b.live.text).toBe(server.text);
    expect(b.live.synchronized).toBe(true);
    expect(b.live.unsaved).toBe(false);
    expect(server.log).toHaveLength(4); // the first offline edit was outstanding, the second buffered: each applied once
  });

  it('does not apply twice an edit whose acknowledgement was lost with the connection', async () => {
    const server = new FakeServer();
    const a = editor(server);
    await a.live.start();
    const original = server.submit.bind(server);
    server.submit = (...args) => {
      const revision = original(...args);
      a.connection.drop(); // applied on the server, but the connection goes before the answer and the broadcast
      return revision;
    };
    a.live.edit(insert('', 0, 'Once.'));
    await settle();
    server.submit = original;

    a.connection.restore();
    for (let i = 0; i < 10; i++) await settle();

    expect(server.text).toBe('Once.');
    expect(a.live.text).toBe('Once.');
    expect(a.live.synchronized).toBe(true);
  });

  it('keeps trying to open, backing off, while the document is briefly unavailable (a node died), and then sends what was typed', async () => {
    vi.useFakeTimers();
    try {
      const server = new FakeServer();
      const a = editor(server);
      await a.live.start();
      a.live.edit(insert('', 0, 'Before. '));
      await vi.advanceTimersByTimeAsync(0);

      const open = server.open.bind(server);
      let refusals = 0;
      server.open = (since) => {
        if (refusals++ < 3) throw new Error('HubException: {"code":"document.unavailable","kind":"unavailable","title":"Not now"}');
        return open(since);
      };
      a.connection.drop();
      a.live.edit(insert(a.live.text, a.live.text.length, 'During. '));
      a.connection.restore();
      await vi.advanceTimersByTimeAsync(100);
      expect(server.text).toBe('Before. '); // still refused

      await vi.advanceTimersByTimeAsync(2000); // 250 + 500 + 1000 ms of back-off
      expect(refusals).toBe(4);
      expect(server.text).toBe('Before. During. ');
      expect(a.live.text).toBe(server.text);
      expect(a.live.synchronized).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a presence change that overtook the answer to its own open (the open\'s list is older)', async () => {
    const server = new FakeServer();
    const seen: Participant[][] = [];
    const { live, connection } = editor(server, { presence: (p) => seen.push(p) });
    const rosa = participant('r');
    const open = server.open.bind(server);
    server.open = (since) => {
      const stale = open(since); // computed before Rosa joined…
      connection.deliver({ documentId: 'd', operations: [], presence: [rosa], left: [], summary: null }); // …whose arrival overtakes it
      return stale;
    };

    await live.start();
    await settle();

    expect(seen.at(-1)?.map((p) => p.displayName)).toEqual(['Rosa']);
  });

  it('does not bring back, from a broadcast older than its open, someone who left while it was reopening', async () => {
    const server = new FakeServer();
    const seen: Participant[][] = [];
    const { live, connection } = editor(server, { presence: (p) => seen.push(p) });
    const open = server.open.bind(server);
    server.open = (since) => {
      // Sent before the open (Luis moving his cursor), still in flight when it starts; Luis then leaves while this
      // connection is in no audience, so no `left` ever reaches it: the answer leaves him out and names him departed.
      connection.deliver({ documentId: 'd', operations: [], presence: [participant('luis', 'Luis')], left: [], summary: null });
      return { ...open(since), participants: [participant('rosa', 'Rosa')], departed: ['luis'] };
    };

    await live.start();
    await settle();

    expect(seen.at(-1)?.map((p) => p.displayName)).toEqual(['Rosa']);
  });

  it('keeps no one from an earlier activation of the document (its node died: nobody says they left)', async () => {
    const server = new FakeServer();
    const seen: Participant[][] = [];
    const { live, connection } = editor(server, { presence: (p) => seen.push(p) });
    const open = server.open.bind(server);
    let epoch = 'first';
    server.open = (since) => {
      // The old activation's last broadcast (Luis, on the node that died) is still in flight when the reopen starts;
      // the new activation's own broadcast (Rosa joining) overtakes the answer too.
      if (epoch === 'second') {
        connection.deliver({ documentId: 'd', operations: [], presence: [participant('luis', 'Luis')], left: [], summary: null, epoch: 'first' });
        connection.deliver({ documentId: 'd', operations: [], presence: [participant('rosa', 'Rosa')], left: [], summary: null, epoch: 'second' });
      }
      return { ...open(since), participants: [participant('me', 'Me')], epoch };
    };
    await live.start();
    await settle();

    epoch = 'second';
    connection.emit('Reopen', 'd');
    await settle();
    await settle();
    connection.deliver({ documentId: 'd', operations: [], presence: [participant('luis', 'Luis')], left: [], summary: null, epoch: 'first' }); // later still
    await settle();

    expect(seen.at(-1)?.map((p) => p.displayName)).toEqual(['Me', 'Rosa']);
  });

  it('applies only the latest of two overlapping opens, whichever answer arrives last', async () => {
    const server = new FakeServer();
    const seen: Participant[][] = [];
    const { live, connection } = editor(server, { presence: (p) => seen.push(p) });
    await live.start();

    // A reconnection opens again, and a reopen from the server starts another open before the first is answered.
    const answers: ((participants: Participant[]) => void)[] = [];
    const invoke = connection.invoke.bind(connection);
    connection.invoke = (<T>(method: string, ...args: unknown[]): Promise<T> => method !== 'Open'
      ? invoke<T>(method, ...args)
      : new Promise<T>((resolve) => answers.push((participants) => resolve({ ...server.open(args[1] as number | null), participants } as T)))) as typeof connection.invoke;
    connection.drop();
    connection.restore();
    connection.emit('Reopen', 'd');
    await settle();
    expect(answers).toHaveLength(2);

    // The first open's list still shows Luis's old session; he left (the later open saw it), then the answers arrive in reverse.
    connection.deliver({ documentId: 'd', operations: [], presence: [], left: ['luis-old'], summary: null });
    await settle();
    answers[1]([participant('rosa', 'Rosa'), participant('luis-new', 'Luis')]);
    await settle();
    answers[0]([participant('rosa', 'Rosa'), participant('luis-old', 'Luis')]);
    await settle();

    expect(seen.at(-1)?.map((p) => p.sessionId)).toEqual(['rosa', 'luis-new']);
    expect(live.synchronized).toBe(true);
  });

  it('drops a session that one message both shows and says has left (session ids are never reused)', async () => {
    const server = new FakeServer();
    const seen: Participant[][] = [];
    const { live, connection } = editor(server, { presence: (p) => seen.push(p) });
    await live.start();

    connection.deliver({ documentId: 'd', operations: [], presence: [participant('first'), participant('second')], left: ['first'], summary: null });
    await settle();

    expect(seen.at(-1)?.map((p) => p.sessionId)).toEqual(['second']);
  });

  it('reports a refused edit, drops it and takes the server\'s text; a stale refusal changes nothing', async () => {
    const server = new FakeServer();
    const errors: string[] = [];
    const { live, connection } = editor(server, { error: (e) => errors.push(e.code) });
    await live.start();
    live.edit(insert('', 0, 'Kept. '));
    await settle();

    const submit = server.submit.bind(server);
    server.submit = () => { throw new Error(JSON.stringify({ code: 'document.too-large', kind: 'validation', title: 'Too large' })); };
    live.edit(insert(live.text, live.text.length, 'Far too much.'));
    for (let i = 0; i < 10; i++) await settle();
    server.submit = submit;

    expect(errors).toEqual(['document.too-large']);
    expect(live.text).toBe('Kept. ');
    expect(live.synchronized).toBe(true);

    connection.emit('Refused', 'd', live.clientId, 1, { code: 'document.too-large' });
    await settle();
    expect(errors).toEqual(['document.too-large']); // nothing outstanding: the late refusal is ignored
  });
});

describe('the live document client and the protocol core', () => {
  it('resubmits under a fresh client id when another person owns its id, and the edit applies once', async () => {
    const server = new FakeServer();
    const errors: string[] = [];
    const { live } = editor(server, { error: (e) => errors.push(e.code) });
    await live.start();
    const taken = live.clientId;
    const submit = server.submit.bind(server);
    server.submit = (base, json, clientId, sequence) => {
      if (clientId === taken) throw new Error(JSON.stringify({ code: 'operation.client-taken', kind: 'conflict', title: 'Taken' }));
      return submit(base, json, clientId, sequence);
    };

    live.edit(insert('', 0, 'Mine.'));
    for (let i = 0; i < 10; i++) await settle();

    expect(live.clientId).not.toBe(taken);
    expect(errors).toEqual([]);
    expect(server.log.map((o) => [o.clientId, o.sequence])).toEqual([[live.clientId, 1]]);
    expect(server.text).toBe('Mine.');
    expect(live.text).toBe('Mine.');
    expect(live.synchronized).toBe(true);
  });
  it('opens from scratch when the server can no longer catch up from its revision, instead of giving up', async () => {
    const server = new FakeServer();
    const errors: string[] = [];
    const a = editor(server, { error: (e) => errors.push(e.code) });
    const b = editor(server);
    await a.live.start();
    await b.live.start();
    b.live.edit(insert('', 0, 'Theirs. '));
    await settle();

    const open = server.open.bind(server);
    server.open = (since) => {
      if (since !== null) throw new Error('HubException: {"code":"revision.too-old","kind":"conflict","title":"Too old"}');
      return open(since);
    };
    a.connection.drop();
    a.connection.restore();
    for (let i = 0; i < 10; i++) await settle();

    expect(errors).toEqual([]);
    expect(a.live.text).toBe('Theirs. ');
    expect(a.live.synchronized).toBe(true);
  });
});

describe('a reconnection the server refuses', () => {
  it('is told apart from a network failure only when the sign-in was refused (401)', () => {
    // What the client hands the retry policy: its FailedToNegotiateWithServerError (not exported) around the HttpError.
    const negotiation = (status: number, text: string) => new Error(`Failed to complete negotiation with the server: ${new HttpError(text, status)}`);
    const wrapped = negotiation(401, 'Unauthorized');
    expect(refusedSignIn(wrapped)).toBe(true);
    expect(refusedSignIn(new HttpError('Unauthorized', 401))).toBe(true);
    expect(refusedSignIn(negotiation(502, 'Bad Gateway'))).toBe(false);
    expect(refusedSignIn(new Error('WebSocket closed with status code: 1006'))).toBe(false);
    expect(refusedSignIn(undefined)).toBe(false);
  });
});

describe('serverTimeout', () => {
  it('counts a connection lost after three of the server keep-alive intervals, never sooner than 3 s', () => {
    expect(serverTimeout(1000)).toBe(3000);
    expect(serverTimeout(250)).toBe(3000);
    expect(serverTimeout(5000)).toBe(15_000);
  });

  it('keeps SignalR’s 30 s when the server did not say its interval (an older server)', () => {
    expect(serverTimeout(undefined)).toBe(30_000);
    expect(serverTimeout(0)).toBe(30_000);
  });
});
