using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Workspace.Server.FunctionalTests.Privacy;

/// <summary>One thing a person received: an HTTP response (head and body) or one hub message, and where it came.</summary>
public sealed record Received(int Connection, string Where, string Text);

/// <summary>A forbidden string found in what a person received.</summary>
public sealed record Finding(string What, string Where, string Context)
{
    public override string ToString() => $"{What} in {Where}: …{Context}…";
}

/// <summary>
/// Reads what a <see cref="RecordingRelay"/> recorded: HTTP/1.1 responses (chunked or not), matched with the
/// requests that asked for them, and after a WebSocket upgrade the server's frames (unmasked) split into
/// SignalR messages, each named by the hub method it carries or answers. Search is over the decoded
/// messages and, to be sure nothing falls between them, over each connection's raw bytes too.
/// </summary>
public static class WireCapture
{
    public static IReadOnlyList<Received> Read(IReadOnlyList<(int Number, byte[] FromClient, byte[] FromServer)> connections)
    {
        var received = new List<Received>();
        foreach (var (number, up, down) in connections)
        {
            var requests = HttpMessages(up, responses: false, out var upstreamUpgrade);
            var responses = HttpMessages(down, responses: true, out var downstreamUpgrade);
            for (var i = 0; i < responses.Count; i++)
            {
                var request = i < requests.Count ? requests[i].StartLine : "(no request)";
                received.Add(new(number, $"connection {number}, {request} → {responses[i].StartLine}", responses[i].Head + "\r\n\r\n" + Encoding.UTF8.GetString(responses[i].Body)));
            }

            if (downstreamUpgrade is { } at)
            {
                var invoked = upstreamUpgrade is { } from ? Invocations(WebSocketMessages(up, from)) : [];
                var index = 0;
                foreach (var message in WebSocketMessages(down, at))
                {
                    foreach (var record in message.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
                    {
                        index++;
                        received.Add(new(number, $"connection {number} (hub), message {index}: {Label(record, invoked)}", record));
                    }
                }
            }
        }

        return received;
    }

    /// <summary>Every occurrence of each needle (case-insensitive) in what was received, and in each connection's raw bytes.</summary>
    public static IReadOnlyList<Finding> Find(
        IReadOnlyList<(int Number, byte[] FromClient, byte[] FromServer)> connections,
        IReadOnlyList<Received> received,
        IReadOnlyList<(string What, string Needle)> needles)
    {
        var findings = new List<Finding>();
        foreach (var item in received)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (what, needle) in needles)
            {
                var at = item.Text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);

                // "part of the name X" is reported only where "the name X" (listed first) is not.
                if (at >= 0 && !(what.StartsWith("part of ", StringComparison.Ordinal) && found.Contains(what["part of ".Length..])) && found.Add(what))
                {
                    findings.Add(new(what, item.Where, Context(item.Text, at, needle.Length)));
                }
            }
        }

        foreach (var (number, _, down) in connections)
        {
            var raw = Encoding.Latin1.GetString(down);
            foreach (var (what, needle) in needles)
            {
                var at = raw.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && !findings.Any(f => Base(f.What) == Base(what) && received.Any(r => r.Connection == number && r.Where == f.Where)))
                {
                    findings.Add(new(what, $"connection {number} (raw bytes)", Context(raw, at, needle.Length)));
                }
            }
        }

        return findings;
    }

    private static string Base(string what) => what.StartsWith("part of ", StringComparison.Ordinal) ? what["part of ".Length..] : what;

    private static string Context(string text, int at, int length)
    {
        var from = Math.Max(0, at - 100);
        var to = Math.Min(text.Length, at + length + 60);
        return string.Join(' ', text[from..to].Split(['\r', '\n', '\u001e'], StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record HttpMessage(string StartLine, string Head, byte[] Body);

    private static List<HttpMessage> HttpMessages(byte[] data, bool responses, out int? upgradedAt)
    {
        upgradedAt = null;
        var messages = new List<HttpMessage>();
        var i = 0;
        while (i < data.Length)
        {
            var end = data.AsSpan(i).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                messages.Add(new("(incomplete)", Encoding.UTF8.GetString(data, i, data.Length - i), []));
                break;
            }

            var head = Encoding.Latin1.GetString(data, i, end);
            i += end + 4;
            var lines = head.Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var status = responses && lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var s) ? s : 0;
            if (status == 101 || (!responses && headers["Upgrade"].Any(v => v.Equals("websocket", StringComparison.OrdinalIgnoreCase))))
            {
                messages.Add(new(lines[0], head, []));
                upgradedAt = i;
                break;
            }

            byte[] body;
            if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
            {
                body = Dechunk(data, ref i);
            }
            else if (headers["Content-Length"].FirstOrDefault() is { } length)
            {
                var n = (int)Math.Min(long.Parse(length, System.Globalization.CultureInfo.InvariantCulture), data.Length - i);
                body = data[i..(i + n)];
                i += n;
            }
            else if (responses && status >= 200 && status != 204 && status != 304)
            {
                body = data[i..]; // read to the end of the connection
                i = data.Length;
            }
            else
            {
                body = [];
            }

            messages.Add(new(lines[0], head, body));
        }

        return messages;
    }

    private static byte[] Dechunk(byte[] data, ref int i)
    {
        var body = new MemoryStream();
        while (i < data.Length)
        {
            var line = data.AsSpan(i).IndexOf("\r\n"u8);
            if (line < 0)
            {
                break;
            }

            var size = Convert.ToInt32(Encoding.Latin1.GetString(data, i, line).Split(';')[0].Trim(), 16);
            i += line + 2;
            if (size == 0)
            {
                var trailer = data.AsSpan(i).IndexOf("\r\n"u8);
                while (trailer > 0) // trailer fields until an empty line
                {
                    i += trailer + 2;
                    trailer = data.AsSpan(i).IndexOf("\r\n"u8);
                }

                i += trailer < 0 ? 0 : 2;
                break;
            }

            var n = Math.Min(size, data.Length - i);
            body.Write(data, i, n);
            i += n + 2;
        }

        return body.ToArray();
    }

    /// <summary>WebSocket messages (fragments joined; masked client frames unmasked); a compressed frame fails the capture.</summary>
    private static List<string> WebSocketMessages(byte[] data, int i)
    {
        var messages = new List<string>();
        var current = new MemoryStream();
        while (i + 2 <= data.Length)
        {
            var (b0, b1) = (data[i], data[i + 1]);
            Assert.True((b0 & 0x40) == 0, "A compressed WebSocket frame (RSV1): the capture could not read it.");
            var (fin, opcode, masked) = ((b0 & 0x80) != 0, b0 & 0x0F, (b1 & 0x80) != 0);
            long length = b1 & 0x7F;
            i += 2;
            if (length == 126)
            {
                length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i));
                i += 2;
            }
            else if (length == 127)
            {
                length = BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(i));
                i += 8;
            }

            byte[]? mask = null;
            if (masked)
            {
                mask = data[i..(i + 4)];
                i += 4;
            }

            var n = (int)Math.Min(length, data.Length - i);
            var payload = data[i..(i + n)];
            i += n;
            if (mask is not null)
            {
                for (var k = 0; k < payload.Length; k++)
                {
                    payload[k] ^= mask[k % 4];
                }
            }

            if (opcode is 0 or 1 or 2)
            {
                current.Write(payload);
                if (fin)
                {
                    messages.Add(Encoding.UTF8.GetString(current.ToArray()));
                    current.SetLength(0);
                }
            }
            else if (opcode == 8)
            {
                messages.Add(Encoding.UTF8.GetString(payload));
            }
        }

        return messages;
    }

    /// <summary>The client's invocations: invocation id → hub method.</summary>
    private static Dictionary<string, string> Invocations(List<string> fromClient)
    {
        var invoked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in fromClient.SelectMany(m => m.Split('\u001e', StringSplitOptions.RemoveEmptyEntries)))
        {
            try
            {
                using var json = JsonDocument.Parse(record);
                if (json.RootElement.TryGetProperty("invocationId", out var id) && json.RootElement.TryGetProperty("target", out var target))
                {
                    invoked[id.GetString()!] = target.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not a hub message.
            }
        }

        return invoked;
    }

    private static string Label(string record, Dictionary<string, string> invoked)
    {
        try
        {
            using var json = JsonDocument.Parse(record);
            var root = json.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
            return type switch
            {
                1 => $"{root.GetProperty("target").GetString()} (broadcast)",
                3 => $"reply to {(root.TryGetProperty("invocationId", out var id) && invoked.TryGetValue(id.GetString()!, out var method) ? method : "?")}",
                6 => "ping",
                7 => "close",
                _ => type == 0 ? "handshake" : $"type {type}",
            };
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }
}
