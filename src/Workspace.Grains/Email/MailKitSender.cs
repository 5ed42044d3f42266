using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>Sends through the configured SMTP server with MailKit: one connection per message, signed in only when a user is set.</summary>
public sealed class MailKitSender(IOptions<EmailOptions> options) : IMailSender
{
    public async Task<SendOutcome> Send(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            return new SendOutcome(SendResult.Unavailable, "No mail server is configured.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.SendTimeout);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, o.SendTimeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, Secure(o.TlsMode), timeout.Token);
            if (!string.IsNullOrEmpty(o.User))
            {
                await client.AuthenticateAsync(o.User, o.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(Message(email, messageId, o), timeout.Token);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            return new SendOutcome(SendResult.Refused, $"The mail server refused the message: {(int)e.StatusCode} {e.Message}");
        }
        catch (SmtpCommandException e)
        {
            return new SendOutcome(SendResult.Unavailable, $"The mail server answered {(int)e.StatusCode}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(SendResult.Unavailable, $"The mail server did not answer within {o.SendTimeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or MailKit.Security.AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            return new SendOutcome(SendResult.Unavailable, $"Cannot send through {o.Host}:{o.Port}: {e.Message}");
        }

        try
        {
            // Accepted is accepted: a failure to say goodbye must not send the message again.
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or OperationCanceledException or SmtpCommandException)
        {
        }

        return SendOutcome.Sent;
    }

    private static MimeMessage Message(OutgoingEmail email, Guid messageId, EmailOptions o)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.SenderName, o.SenderAddress ?? string.Empty));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        var domain = o.SenderAddress is { } sender && sender.IndexOf('@') is var at and > 0 ? sender[(at + 1)..] : "workspace.local";
        message.MessageId = $"{messageId:N}@{domain}";
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Secure(EmailTlsMode mode) => mode switch
    {
        EmailTlsMode.None => SecureSocketOptions.None,
        EmailTlsMode.StartTls => SecureSocketOptions.StartTls,
        EmailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
