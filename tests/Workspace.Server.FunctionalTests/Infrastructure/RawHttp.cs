using System.Net.Sockets;
using System.Text;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Requests written byte for byte over a socket (what HttpClient refuses to send), and the responses read back.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and reads until the server closes the connection (or 10 s pass).</summary>
    public static async Task<IReadOnlyList<RawResponse>> Send(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The server kept the connection open or reset it: what arrived is the answer.
        }

        return Parse(Encoding.ASCII.GetString(received.ToArray()));
    }

    /// <summary>Splits what arrived into responses (bodies are those of Content-Length).</summary>
    private static List<RawResponse> Parse(string text)
    {
        var responses = new List<RawResponse>();
        while (text.StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var lines = text[..end].Split("\r\n");
            var headers = lines[1..].Select(l => l.Split(':', 2)).Select(p => (Name: p[0].Trim(), Value: p.Length > 1 ? p[1].Trim() : string.Empty)).ToArray();
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            text = text[(end + 4)..];
            var body = new StringBuilder();
            if (headers.Any(h => h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
            {
                while (text.IndexOf("\r\n", StringComparison.Ordinal) is var lineEnd and > 0)
                {
                    var size = Convert.ToInt32(text[..lineEnd].Split(';')[0], 16);
                    var chunkEnd = Math.Min(text.Length, lineEnd + 2 + size);
                    body.Append(text[(lineEnd + 2)..chunkEnd]);
                    text = text[Math.Min(text.Length, chunkEnd + 2)..];
                    if (size == 0)
                    {
                        break;
                    }
                }
            }
            else
            {
                var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                body.Append(text[..Math.Min(text.Length, length)]);
                text = text[Math.Min(text.Length, length)..];
            }

            responses.Add(new RawResponse(status, headers, body.ToString()));
        }

        return responses;
    }
}

public sealed record RawResponse(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string[] Values(string name) => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
}
