using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using MessagePack;
using Microsoft.Extensions.Logging;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// The MessagePack hub protocol gets the same treatment as JSON (see <see cref="LiveFuzzTests"/>): a frame
/// that is not a call of the hub — an unknown message type, an unknown method, arguments of the wrong
/// types or count, bytes that are not MessagePack, the removed <c>Submit</c> — closes its own connection
/// with <c>request.malformed</c>; an editor on MessagePack keeps editing; nothing is logged as a failure.
/// </summary>
public sealed class MessagePackFuzzTests
{
    [Fact]
    public async Task Malformed_messagepack_frames_close_their_own_connection_with_a_reason_and_change_nothing()
    {
        var logs = new RecordingLogs();
        await using var host = new WorkspaceHost(new Dictionary<string, string?> { ["Logging:LogLevel:Workspace"] = "Information" }) { Logs = logs };
        await using var live = await LiveWorld.Create(host);
        var member = live.Cast.People["member"].Client;
        var document = live.DocumentId;
        var connection = LiveConnections.Live(host.BaseAddress, member.Cookies, format: LiveFormat.MessagePack);
        await connection.StartAsync();
        var editor = await LiveDocument.OpenAsync(connection, document);
        editor.Insert(0, "Stable text.");
        await editor.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        (string What, byte[] Frame)[] closing =
        [
            ("unknown message type", Frame(w => { w.WriteArrayHeader(1); w.Write(99); })),
            ("unknown method", Invocation("NoSuchMethod", w => w.WriteArrayHeader(0))),
            ("Send with a revision that is text", Invocation("Send", w =>
            {
                w.WriteArrayHeader(5);
                w.Write(document.ToString());
                w.Write("abc");
                w.WriteArrayHeader(1);
                w.Write(1);
                w.Write("c");
                w.Write(1);
            })),
            ("Send with two arguments", Invocation("Send", w => { w.WriteArrayHeader(2); w.Write(document.ToString()); w.Write(0); })),
            ("the removed Submit", Invocation("Submit", w =>
            {
                w.WriteArrayHeader(5);
                w.Write(document.ToString());
                w.Write(0);
                w.WriteArrayHeader(1);
                w.Write("x");
                w.Write("c");
                w.Write(1);
            })),
            ("bytes that are not MessagePack", [3, 0xC1, 0xC1, 0xC1]),
            ("a message that is not an array", Frame(w => w.Write("hello"))),
        ];
        foreach (var (what, frame) in closing)
        {
            await using var raw = await RawMessagePackSocket.Connect(host.BaseAddress, member);
            await raw.Send(frame);
            var error = await raw.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(error?.StartsWith("request.malformed: ", StringComparison.Ordinal) == true, $"{what} closed with '{error}'");
        }

        // The editor on MessagePack never noticed, and the text is what it wrote.
        editor.Insert(editor.Text.Length, " Still editable.");
        await editor.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Stable text. Still editable.", editor.Text);
        Assert.Empty(editor.Errors);
        await connection.DisposeAsync();

        var lines = logs.Lines;
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(lines, l => l.Exception is not null || l.Message.Contains("   at ", StringComparison.Ordinal));
        Assert.Equal(closing.Length, lines.Count(l => l.Category.EndsWith("LiveRefusals", StringComparison.Ordinal) && l.Message.StartsWith("Closed live connection", StringComparison.Ordinal)));
    }

    /// <summary>An invocation without an id (one-way): [1, headers, null, target, arguments, stream ids].</summary>
    private static byte[] Invocation(string target, Action<MessagePackWriterBox> arguments) => Frame(w =>
    {
        w.WriteArrayHeader(6);
        w.Write(1);
        w.WriteMapHeader(0);
        w.WriteNil();
        w.Write(target);
        arguments(w);
        w.WriteArrayHeader(0);
    });

    /// <summary>A message with its length prefix (a 7-bit varint), as the MessagePack hub protocol frames it.</summary>
    private static byte[] Frame(Action<MessagePackWriterBox> write)
    {
        var body = new ArrayBufferWriter<byte>();
        var box = new MessagePackWriterBox(body);
        write(box);
        box.Flush();
        var prefix = new List<byte>();
        for (var length = body.WrittenCount; ; length >>= 7)
        {
            prefix.Add((byte)((length & 0x7F) | (length > 0x7F ? 0x80 : 0)));
            if (length <= 0x7F)
            {
                break;
            }
        }

        return [.. prefix, .. body.WrittenSpan];
    }

    /// <summary>A MessagePack writer (a ref struct) that lambdas can write to.</summary>
    private sealed class MessagePackWriterBox(IBufferWriter<byte> output)
    {
        private readonly ArrayBufferWriter<byte> _scratch = new();

        public void WriteArrayHeader(int count) => Do((ref MessagePackWriter w) => w.WriteArrayHeader(count));

        public void WriteMapHeader(int count) => Do((ref MessagePackWriter w) => w.WriteMapHeader(count));

        public void WriteNil() => Do((ref MessagePackWriter w) => w.WriteNil());

        public void Write(int value) => Do((ref MessagePackWriter w) => w.Write(value));

        public void Write(string value) => Do((ref MessagePackWriter w) => w.Write(value));

        public void Flush()
        {
            output.Write(_scratch.WrittenSpan);
            _scratch.Clear();
        }

        private delegate void Writing(ref MessagePackWriter writer);

        private void Do(Writing write)
        {
            var writer = new MessagePackWriter(_scratch);
            write(ref writer);
            writer.Flush();
        }
    }

    /// <summary>A MessagePack hub connection written by hand over a raw WebSocket: sends any bytes, reads the close message's error.</summary>
    private sealed class RawMessagePackSocket : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _reading = Task.CompletedTask;

        public Task<string?> Closed => _closed.Task;

        public static async Task<RawMessagePackSocket> Connect(Uri server, ApiClient client)
        {
            var raw = new RawMessagePackSocket();
            raw._socket.Options.Cookies = client.Cookies;
            await raw._socket.ConnectAsync(new UriBuilder(new Uri(server, LiveConnections.LivePath)) { Scheme = "ws" }.Uri, CancellationToken.None);
            await raw.Send(Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e"));
            var handshake = new byte[64];
            var answer = await raw._socket.ReceiveAsync(handshake, CancellationToken.None);
            Assert.Equal("{}\u001e", Encoding.UTF8.GetString(handshake, 0, answer.Count));
            raw._reading = raw.Read();
            return raw;
        }

        public Task Send(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

        /// <summary>Reads frames until the server's close message ([7, error, allowReconnect]) or the socket's end.</summary>
        private async Task Read()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult(null);
                        return;
                    }

                    var at = 0;
                    while (at < received.Count)
                    {
                        var (length, prefix) = VarInt(buffer.AsSpan(at, received.Count - at));
                        var reader = new MessagePackReader(new ReadOnlyMemory<byte>(buffer, at + prefix, length));
                        reader.ReadArrayHeader();
                        if (reader.ReadInt32() == 7)
                        {
                            _closed.TrySetResult(reader.TryReadNil() ? null : reader.ReadString());
                        }

                        at += prefix + length;
                    }
                }
            }
            catch (Exception)
            {
                _closed.TrySetResult(null);
            }
        }

        private static (int Length, int Prefix) VarInt(ReadOnlySpan<byte> bytes)
        {
            var length = 0;
            for (var i = 0; ; i++)
            {
                length |= (bytes[i] & 0x7F) << (7 * i);
                if ((bytes[i] & 0x80) == 0)
                {
                    return (length, i + 1);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }

            await _reading;
            _socket.Dispose();
        }
    }
}
