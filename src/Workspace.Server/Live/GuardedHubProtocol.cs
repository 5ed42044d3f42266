using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Workspace.Server.Live;

/// <summary>
/// A hub protocol (JSON, or any other) that closes a connection with a reason for anything it
/// cannot take as a call of this hub: a frame that does not parse, a message type it does not know,
/// an unknown method, arguments that do not fit the method, a frame over the size limit, streaming.
/// Left to SignalR, the first two wedge the connection silently or log a server error with a stack
/// trace, and a one-way <c>Send</c> with unreadable arguments would never get its <c>Refused</c>:
/// a client that sends such frames is broken, and is told so by closing.
/// </summary>
public sealed class GuardedHubProtocol(IHubProtocol inner, long? maxMessageBytes) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var wire = LiveWire.Current;
        if (wire is null)
        {
            return inner.TryParseMessage(ref input, binder, out message);
        }

        if (wire.IsClosing)
        {
            return Discard(ref input, out message); // what follows a violation is not read
        }

        var before = input.Length;
        try
        {
            if (inner.TryParseMessage(ref input, binder, out message))
            {
                wire.Received();
                return message switch
                {
                    InvocationBindingFailureMessage failure => Violate(wire, ref input, out message, LiveWire.Malformed, Unbound(failure.Target, failure.BindingFailure.SourceException)),
                    StreamBindingFailureMessage => Violate(wire, ref input, out message, LiveWire.Malformed, "a stream item that belongs to no call"),
                    StreamInvocationMessage or StreamItemMessage or CompletionMessage => Violate(wire, ref input, out message, LiveWire.Malformed, $"this hub takes no {message.GetType().Name}"),
                    _ => true,
                };
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Violate(wire, ref input, out message, LiveWire.Malformed, "a message that could not be read");
        }

        if (input.Length < before)
        {
            // The protocol consumed a whole message and made nothing of it: a message type it does not know.
            wire.Received();
            return Violate(wire, ref input, out message, LiveWire.Malformed, "a message of an unknown type");
        }

        if (maxMessageBytes is { } max && input.Length >= max)
        {
            return Violate(wire, ref input, out message, LiveWire.TooLarge, $"a message over {max} bytes");
        }

        return false;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    private static string Unbound(string target, Exception problem) =>
        problem is HubException ? $"no method '{Clip(target)}'" : $"arguments that do not fit '{Clip(target)}'";

    private static string Clip(string target) => target.Length <= 64 ? target : target[..64] + "…";

    /// <summary>Closes the connection, drops what it sent, and hands SignalR a harmless ping so that its loop moves on.</summary>
    private static bool Violate(LiveWire wire, ref ReadOnlySequence<byte> input, out HubMessage message, string code, string why)
    {
        wire.Close(code, $"the server received {why}.");
        return Discard(ref input, out message);
    }

    private static bool Discard(ref ReadOnlySequence<byte> input, out HubMessage message)
    {
        input = input.Slice(input.End);
        message = PingMessage.Instance;
        return true;
    }
}
