using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library) on 127.0.0.1 and a free port; it can
/// be stopped and started again on the same port. Received messages are parsed with MimeKit.
/// </summary>
public sealed partial class MailServer : IAsyncDisposable
{
    private readonly List<Received> _received = [];
    private readonly Func<string, bool> _refuse;
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private MailServer(int port, Func<string, bool>? refuse)
    {
        Port = port;
        _refuse = refuse ?? (_ => false);
    }

    public int Port { get; }

    public bool IsRunning => _server is not null;

    /// <summary>A received message with the envelope's recipients (what the server was asked to deliver to).</summary>
    public sealed record Received(MimeMessage Message, string[] Recipients);

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts a server; <paramref name="refuse"/> names recipients it answers 5xx for (a permanent refusal).</summary>
    public static async Task<MailServer> Start(Func<string, bool>? refuse = null)
    {
        var server = new MailServer(FreePort.Next(), refuse);
        await server.Start();
        return server;
    }

    /// <summary>The settings that point a Workspace host at this server (PublicUrl is where links in messages lead).</summary>
    public Dictionary<string, string?> Settings(Uri publicUrl) => new()
    {
        ["Workspace:Email:Host"] = "127.0.0.1",
        ["Workspace:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workspace:Email:TlsMode"] = "None",
        ["Workspace:Email:SenderAddress"] = "workspace@roundtable.example",
        ["Workspace:Email:SenderName"] = "Roundtable Workspace",
        ["Workspace:Email:PublicUrl"] = publicUrl.ToString().TrimEnd('/'),
        ["Workspace:Email:RetryFirstDelay"] = "00:00:00.500",
        ["Workspace:Email:RetryMaxDelay"] = "00:00:02",
        ["Workspace:Email:SendTimeout"] = "00:00:10",
    };

    /// <summary>Starts listening (again) on <see cref="Port"/>.</summary>
    public async Task Start()
    {
        if (_server is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(_refuse));
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        await WaitUntilListening();
    }

    /// <summary>Stops listening; a client connecting now is refused, as when a mail server is down.</summary>
    public async Task Stop()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Cancelled is how it stops.
        }

        _stop.Dispose();
        _server = null;
    }

    /// <summary>Forgets what was received so far (e.g. the confirmation emails of a test's setup), so the test reads only what follows.</summary>
    public void Forget()
    {
        lock (_received)
        {
            _received.Clear();
        }
    }

    /// <summary>The messages received for <paramref name="to"/> (an envelope recipient), in order.</summary>
    public MimeMessage[] MessagesTo(string to) =>
        Messages.Where(m => m.Recipients.Contains(to, StringComparer.OrdinalIgnoreCase)).Select(m => m.Message).ToArray();

    /// <summary>Waits for a message to <paramref name="to"/> (optionally the <paramref name="nth"/> one, from 1).</summary>
    public async Task<MimeMessage> WaitForMessage(string to, TimeSpan? timeout = null, int nth = 1)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = MessagesTo(to);
            if (messages.Length >= nth)
            {
                return messages[nth - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No message {nth} to {to} arrived within {timeout ?? TimeSpan.FromSeconds(20)}; received: {string.Join(", ", Messages.SelectMany(m => m.Recipients))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The first link in the plain-text part whose path starts with <paramref name="pathPrefix"/> (e.g. /reset-password/).</summary>
    public static Uri Link(MimeMessage message, string pathPrefix)
    {
        var text = message.TextBody ?? throw new InvalidOperationException("The message has no plain-text part.");
        foreach (Match match in Url().Matches(text))
        {
            if (Uri.TryCreate(match.Value, UriKind.Absolute, out var url) && url.AbsolutePath.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                return url;
            }
        }

        throw new InvalidOperationException($"No link to {pathPrefix} in:\n{text}");
    }

    /// <summary>The last path segment of <see cref="Link"/>: the token a link carries.</summary>
    public static string Token(MimeMessage message, string pathPrefix) =>
        Uri.UnescapeDataString(Link(message, pathPrefix).AbsolutePath[pathPrefix.Length..].Trim('/'));

    public async ValueTask DisposeAsync() => await Stop();

    private async Task WaitUntilListening()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Url();

    private sealed class Store(MailServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            lock (owner._received)
            {
                owner._received.Add(new Received(message, transaction.To.Select(t => t.AsAddress()).ToArray()));
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(Func<string, bool> refuse) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refuse(to.AsAddress()));
    }
}
