using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Workspace.Server.Web;

/// <summary>
/// The security headers on the answers Kestrel writes by itself, for requests it could not parse
/// (a request line too long: 414; malformed: 400; headers too large: 431…): those never reach the
/// middleware pipeline, so a connection middleware adds the headers to a response that starts a
/// flush and lacks them. Every response of the pipeline already carries them and is left as it is;
/// a connection that is not plain HTTP/1.x (HTTP/2, TLS bytes) or was upgraded (WebSocket) is passed
/// through untouched from then on.
/// </summary>
public static class ServerErrorHeaders
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\r\nX-Content-Type-Options:");
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Headers = Encoding.ASCII.GetBytes(
        $"Content-Security-Policy: {SecurityHeaders.ContentSecurityPolicy}\r\n" +
        string.Concat(SecurityHeaders.Fixed.Select(h => $"{h.Key}: {h.Value}\r\n")) +
        "Cache-Control: no-store\r\n");

    public static void UseSecurityHeadersOnServerErrors(this ListenOptions listen) =>
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var output = new HeaderWriter(transport.Output);
            connection.Transport = new Duplex(transport.Input, output);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });

    /// <summary>
    /// The response starting at <paramref name="written"/> with its security headers, or null to send it as it is:
    /// an HTTP/1.x response (not 1xx) whose header block, all in this flush, does not have them.
    /// </summary>
    internal static byte[]? WithHeaders(ReadOnlySpan<byte> written)
    {
        if (!written.StartsWith("HTTP/1."u8) || written.Length < 13 || written[9] == (byte)'1')
        {
            return null;
        }

        var end = written.IndexOf(EndOfHeaders);
        var statusLineEnd = written.IndexOf("\r\n"u8);
        if (end < 0 || statusLineEnd < 0 || written[..(end + 2)].IndexOf(Marker) >= 0)
        {
            return null;
        }

        var result = new byte[written.Length + Headers.Length];
        written[..(statusLineEnd + 2)].CopyTo(result);
        Headers.CopyTo(result.AsSpan(statusLineEnd + 2));
        written[(statusLineEnd + 2)..].CopyTo(result.AsSpan(statusLineEnd + 2 + Headers.Length));
        return result;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Holds what is written until the flush, to look at the start of each flushed response; passes through once the connection is not plain HTTP/1.x.</summary>
    private sealed class HeaderWriter(PipeWriter inner) : PipeWriter
    {
        private ArrayBufferWriter<byte> _buffer = new(4096);
        private bool _passThrough;
        private bool _started;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => (_passThrough ? 0 : _buffer.WrittenCount) + inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            if (_passThrough)
            {
                inner.Advance(bytes);
            }
            else
            {
                _buffer.Advance(bytes);
            }
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _passThrough ? inner.GetMemory(sizeHint) : _buffer.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _passThrough ? inner.GetSpan(sizeHint) : _buffer.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Forward();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            Forward();
            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Forward();
            return inner.CompleteAsync(exception);
        }

        private void Forward()
        {
            if (_passThrough || _buffer.WrittenCount == 0)
            {
                return;
            }

            var written = _buffer.WrittenSpan;
            if ((!_started && !written.StartsWith("HTTP/1."u8)) || written.StartsWith("HTTP/1.1 101"u8))
            {
                // HTTP/2, TLS, or a WebSocket from now on: nothing more to look at.
                _passThrough = true;
            }

            _started = true;

            inner.Write(WithHeaders(written) ?? written);
            if (_buffer.Capacity > 64 * 1024)
            {
                _buffer = new ArrayBufferWriter<byte>(4096);
            }
            else
            {
                _buffer.ResetWrittenCount();
            }
        }
    }
}
