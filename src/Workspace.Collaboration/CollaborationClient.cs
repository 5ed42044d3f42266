namespace Workspace.Collaboration;

/// <summary>
/// One editor's side of the protocol (as ot.js's client): at most one operation in flight,
/// later local edits composed into a buffer, remote operations transformed past both.
/// The caller sends what <see cref="ApplyLocal"/> and <see cref="Acknowledge"/> return, and
/// applies to its text what <see cref="ApplyRemote"/> returns.
/// </summary>
public sealed class CollaborationClient(int revision)
{
    /// <summary>The last server revision this client has seen.</summary>
    public int Revision { get; private set; } = revision;

    /// <summary>The operation sent and not yet acknowledged.</summary>
    public TextOperation? Outstanding { get; private set; }

    /// <summary>Local edits made while <see cref="Outstanding"/> was in flight.</summary>
    public TextOperation? Buffer { get; private set; }

    public bool IsSynchronized => Outstanding is null;

    /// <summary>A local edit; returns the operation to send now (with <see cref="Revision"/>), or null if it waits.</summary>
    public TextOperation? ApplyLocal(TextOperation operation)
    {
        if (Outstanding is null)
        {
            Outstanding = operation;
            return operation;
        }

        Buffer = Buffer is null ? operation : TextOperation.Compose(Buffer, operation);
        return null;
    }

    /// <summary>The server acknowledged the outstanding operation; returns the buffer to send next, if any.</summary>
    public TextOperation? Acknowledge()
    {
        if (Outstanding is null)
        {
            throw new OperationException("Acknowledged an operation that was not sent.");
        }

        Revision++;
        Outstanding = Buffer;
        Buffer = null;
        return Outstanding;
    }

    /// <summary>Another editor's operation from the server; returns what to apply to the local text.</summary>
    public TextOperation ApplyRemote(TextOperation operation)
    {
        Revision++;
        if (Outstanding is null)
        {
            return operation;
        }

        (Outstanding, operation) = TextOperation.Transform(Outstanding, operation);
        if (Buffer is not null)
        {
            (Buffer, operation) = TextOperation.Transform(Buffer, operation);
        }

        return operation;
    }
}
