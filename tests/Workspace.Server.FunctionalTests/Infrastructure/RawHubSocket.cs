using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// A SignalR JSON connection to the live hub written by hand over a raw WebSocket, so that a test
/// can send what no SignalR client would: unknown message types, broken JSON, wrong arguments,
/// oversized frames, or nothing at all (not even pings). Keeps every message the server sends.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char Separator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly List<JsonElement> _messages = [];
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private int _nextId;

    /// <summary>Completes with the error of the server's close message (null for a close without one) once the socket is closed.</summary>
    public Task<string?> Closed => _closed.Task;

    public IReadOnlyList<JsonElement> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Opens the socket with <paramref name="client"/>'s cookies and completes the SignalR JSON handshake.</summary>
    public static async Task<RawHubSocket> Connect(ApiClient client, string path = LiveConnections.LivePath)
    {
        var raw = new RawHubSocket();
        raw._socket.Options.Cookies = client.Cookies;
        var http = new Uri(client.BaseAddress, path);
        await raw._socket.ConnectAsync(new UriBuilder(http) { Scheme = "ws" }.Uri, CancellationToken.None);
        await raw.SendRaw("{\"protocol\":\"json\",\"version\":1}");
        raw._reading = raw.Read();
        await raw.WaitFor(m => m.ValueKind == JsonValueKind.Object && !m.TryGetProperty("type", out _), "the handshake answer");
        return raw;
    }

    /// <summary>Sends one frame as it is (the record separator is added).</summary>
    public Task SendRaw(string frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Invokes <paramref name="target"/> with <paramref name="arguments"/> (a JSON array, as text) and returns its completion message.</summary>
    public async Task<JsonElement> InvokeRaw(string target, string arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendRaw($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":{arguments}}}");
        return await WaitFor(m => Type(m) == 3 && m.GetProperty("invocationId").GetString() == id, $"the answer to {target}");
    }

    /// <summary>Invokes <paramref name="target"/>; arguments are serialised as the live client does.</summary>
    public Task<JsonElement> Invoke(string target, params object?[] arguments) =>
        InvokeRaw(target, JsonSerializer.Serialize(arguments, LiveConnections.Payload));

    /// <summary>Calls <paramref name="target"/> one-way (no invocation id, no answer).</summary>
    public Task SendOneWay(string target, string arguments) =>
        SendRaw($"{{\"type\":1,\"target\":{JsonSerializer.Serialize(target)},\"arguments\":{arguments}}}");

    /// <summary>
    /// Sends an edit one-way (<c>Send</c>, <paramref name="arguments"/> its JSON array holding
    /// <paramref name="clientId"/> and <paramref name="sequence"/>) and waits for its answer, as
    /// <see cref="SentEdits.SendEdit"/> does: the revision of its acknowledgement in <c>Changes</c>, or a
    /// <see cref="HubRefusedException"/> for its <c>Refused</c>.
    /// </summary>
    public async Task<int> SendEdit(string arguments, string clientId, long sequence, int seconds = 10)
    {
        var from = Messages.Count;
        await SendOneWay("Send", arguments);
        var answer = await WaitFor(
            m => Type(m) == 1 && m.GetProperty("target").GetString() switch
            {
                "Changes" => Acknowledged(m, clientId, sequence) is not null,
                "Refused" => m.GetProperty("arguments")[1].GetString() == clientId && m.GetProperty("arguments")[2].GetInt64() == sequence,
                _ => false,
            },
            $"the answer to Send ({clientId}, {sequence})",
            seconds,
            from);
        return Acknowledged(answer, clientId, sequence)
            ?? throw new HubRefusedException(answer.GetProperty("arguments")[3].Deserialize<HubError>(LiveConnections.Payload)!);
    }

    /// <summary>The code of the refusal of an edit sent with <see cref="SendEdit"/>; fails when it is accepted.</summary>
    public async Task<string> SendRefused(string arguments, string clientId, long sequence)
    {
        try
        {
            var revision = await SendEdit(arguments, clientId, sequence);
            throw new Xunit.Sdk.XunitException($"The edit {arguments} was accepted as revision {revision}.");
        }
        catch (HubRefusedException e)
        {
            return e.Error.Code;
        }
    }

    private static int? Acknowledged(JsonElement message, string clientId, long sequence)
    {
        var arguments = message.GetProperty("arguments");
        return message.GetProperty("target").GetString() == "Changes"
            ? SentEdits.Acknowledged(arguments[0], arguments[0].GetProperty("documentId").GetGuid(), clientId, sequence)
            : null;
    }

    /// <summary>The first message received (so far or within 10 s) that matches, from the <paramref name="from"/>th on.</summary>
    public async Task<JsonElement> WaitFor(Func<JsonElement, bool> match, string what, int seconds = 10, int from = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var message in Messages.Skip(from))
            {
                if (match(message))
                {
                    return message;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"No {what} within {seconds} s; received: {string.Join(" | ", Messages.Select(m => m.GetRawText()))}");
    }

    public static int Type(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) ? type.GetInt32() : 0;

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already going.
            }
        }

        _socket.Abort();
        await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
    }

    private async Task Read()
    {
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        string? closeError = null;
        var closing = false;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var all = text.ToString();
                var end = all.LastIndexOf(Separator);
                if (end < 0)
                {
                    continue;
                }

                foreach (var frame in all[..end].Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                {
                    var message = JsonDocument.Parse(frame).RootElement.Clone();
                    if (Type(message) == 7 && !closing)
                    {
                        // The first close message is the one a client acts on.
                        closing = true;
                        closeError = message.TryGetProperty("error", out var error) ? error.GetString() : null;
                    }

                    lock (_messages)
                    {
                        _messages.Add(message);
                    }
                }

                text.Clear().Append(all[(end + 1)..]);
            }
        }
        catch (WebSocketException)
        {
            // The server dropped the socket.
        }
        finally
        {
            _closed.TrySetResult(closeError);
        }
    }
}
