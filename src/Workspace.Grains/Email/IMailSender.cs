using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>The one place a message leaves the server (MailKit over SMTP); the outbox decides when.</summary>
public interface IMailSender
{
    /// <summary>
    /// Sends one message; <paramref name="messageId"/> becomes its Message-Id, the same on every attempt.
    /// Never throws for a failure of the mail server: the outcome says whether to try again.
    /// </summary>
    Task<SendOutcome> Send(OutgoingEmail email, Guid messageId, CancellationToken cancellationToken);
}

/// <summary>How an attempt ended.</summary>
public enum SendResult
{
    /// <summary>The server accepted the message.</summary>
    Sent,

    /// <summary>The server could not be reached or answered a transient error: try again later.</summary>
    Unavailable,

    /// <summary>The server refused this message for good (5xx on the recipient or the content).</summary>
    Refused,
}

/// <summary>An attempt's result and, when it failed, a short reason for the administrator (no secrets).</summary>
public sealed record SendOutcome(SendResult Result, string? Error = null)
{
    public static readonly SendOutcome Sent = new(SendResult.Sent);
}
