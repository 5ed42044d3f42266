using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// Every byte a hub connection receives over its WebSocket, exactly as the server sent it (SignalR JSON
/// frames, answers to its own calls included): what an observer's browser would hold, to search for
/// what must not be there. The connection itself is an ordinary one of the .NET live client.
/// </summary>
public sealed class RawFrames
{
    private readonly MemoryStream _bytes = new();

    /// <summary>Everything received so far, as text.</summary>
    public string Text
    {
        get
        {
            lock (_bytes)
            {
                return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);
            }
        }
    }

    /// <summary>The messages received so far, parsed (SignalR separates them with 0x1E).</summary>
    public IReadOnlyList<JsonElement> Messages =>
        [.. Text.Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(m => JsonDocument.Parse(m).RootElement.Clone())];

    /// <summary>The arguments of every invocation of <paramref name="target"/> received (e.g. "Changes").</summary>
    public IEnumerable<JsonElement> Invocations(string target) =>
        Messages.Where(m => m.TryGetProperty("target", out var t) && t.GetString() == target).Select(m => m.GetProperty("arguments"));

    /// <summary>A hub connection of <paramref name="client"/>'s person that records what it receives here (start it yourself).</summary>
    public HubConnection Connect(ApiClient client) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(client.BaseAddress, LiveConnections.LivePath), o =>
            {
                o.Cookies = client.Cookies;
                o.Transports = HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, cancellation) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.Cookies = context.Options.Cookies;
                    await socket.ConnectAsync(context.Uri, cancellation);
                    return new RecordingWebSocket(socket, this);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = LiveConnections.Payload)
            .Build();

    private void Add(ReadOnlySpan<byte> received)
    {
        lock (_bytes)
        {
            _bytes.Write(received);
        }
    }

    /// <summary>A WebSocket that hands on everything and keeps a copy of what it receives.</summary>
    private sealed class RecordingWebSocket(ClientWebSocket inner, RawFrames frames) : WebSocket
    {
        public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

        public override string? CloseStatusDescription => inner.CloseStatusDescription;

        public override WebSocketState State => inner.State;

        public override string? SubProtocol => inner.SubProtocol;

        public override void Abort() => inner.Abort();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Dispose() => inner.Dispose();

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            var result = await inner.ReceiveAsync(buffer, cancellationToken);
            frames.Add(buffer.AsSpan(0, result.Count));
            return result;
        }

        public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var result = await inner.ReceiveAsync(buffer, cancellationToken);
            frames.Add(buffer.Span[..result.Count]);
            return result;
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }
}
