import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between one browser context and the server, which can cut every connection and
 * refuse new ones for a while, as a train tunnel or a flaky café network does.
 */
export class Relay {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private silent = false;
  private readonly server: Server;

  private constructor(target: URL) {
    this.server = createServer((browserSide) => {
      if (this.cut) {
        browserSide.destroy();
        return;
      }
      if (this.silent) {
        // Accepted, never answered: what a dead network looks like from the browser.
        this.sockets.add(browserSide);
        browserSide.on('error', () => undefined);
        browserSide.on('close', () => this.sockets.delete(browserSide));
        return;
      }
      const serverSide = connect(Number(target.port), target.hostname);
      for (const socket of [browserSide, serverSide]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => { this.sockets.delete(socket); browserSide.destroy(); serverSide.destroy(); });
      }
      // Bytes pass only while the network is up; while silent they are lost, and nobody is told.
      browserSide.on('data', (chunk) => { if (!this.silent) serverSide.write(chunk); });
      serverSide.on('data', (chunk) => { if (!this.silent) browserSide.write(chunk); });
    });
  }

  static async start(target: string): Promise<Relay> {
    const relay = new Relay(new URL(target));
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get url(): string {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('The relay is not listening.');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Cuts every open connection and refuses new ones until restore(). */
  drop(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /**
   * The network goes quiet without closing anything (a phone out of coverage): open connections stay open
   * but carry nothing, new ones are accepted and never answered. Only the page's own keep-alive can notice.
   */
  silence(): void {
    this.silent = true;
  }

  restore(): void {
    if (this.silent) {
      // What was stuck in the silence fails now, as it would once the network returns; new connections work.
      this.silent = false;
      for (const socket of this.sockets) socket.destroy();
    }
    this.cut = false;
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** What a browser logs while its connection is cut: expected, not errors of the page. */
export const connectionErrors = [/WebSocket/i, /ERR_CONNECTION|ERR_EMPTY_RESPONSE|net::/i, /Failed to load resource/i, /Connection disconnected|reconnect/i];
