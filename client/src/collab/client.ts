import { TextOperation, OperationError } from './operation';

/**
 * The editor's side of the protocol (synchronised / awaiting acknowledgement / awaiting with a
 * buffer), the same machine as the server library's CollaborationClient. The caller sends
 * what applyLocal and acknowledge return, and applies to the editor what applyRemote returns.
 */
export class CollaborationClient {
  outstanding: TextOperation | null = null;
  buffer: TextOperation | null = null;

  constructor(public revision: number) {}

  get isSynchronized(): boolean {
    return this.outstanding === null;
  }

  /** A local edit; returns the operation to send now (based on `revision`), or null if it waits. */
  applyLocal(operation: TextOperation): TextOperation | null {
    if (this.outstanding === null) {
      this.outstanding = operation;
      return operation;
    }
    this.buffer = this.buffer === null ? operation : TextOperation.compose(this.buffer, operation);
    return null;
  }

  /** The server acknowledged the outstanding operation; returns the buffer to send next, if any. */
  acknowledge(): TextOperation | null {
    if (this.outstanding === null) throw new OperationError('Acknowledged an operation that was not sent.');
    this.revision++;
    this.outstanding = this.buffer;
    this.buffer = null;
    return this.outstanding;
  }

  /** Another editor's operation; returns what to apply to the local text. */
  applyRemote(operation: TextOperation): TextOperation {
    this.revision++;
    if (this.outstanding === null) return operation;
    [this.outstanding, operation] = TextOperation.transform(this.outstanding, operation);
    if (this.buffer !== null) [this.buffer, operation] = TextOperation.transform(this.buffer, operation);
    return operation;
  }
}
