using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>The outbox's stored state: messages still to send (with their content) and the last sent ones (metadata only).</summary>
[GenerateSerializer, Alias("Workspace.MailOutboxState")]
public sealed class MailOutboxState
{
    /// <summary>Queued and failed messages, oldest first.</summary>
    [Id(0)] public List<OutboxMessage> Pending { get; set; } = [];

    /// <summary>Sent messages without their content, newest last; bounded by EmailOptions.KeepSent.</summary>
    [Id(1)] public List<OutboxEntry> Sent { get; set; } = [];

    /// <summary>Attempts in a row that found the mail server unavailable (drives the back-off).</summary>
    [Id(2)] public int ConsecutiveFailures { get; set; }
}

/// <summary>A message not sent yet.</summary>
[GenerateSerializer, Alias("Workspace.OutboxMessage")]
public sealed class OutboxMessage
{
    [Id(0)] public Guid Id { get; set; }
    [Id(1)] public OutgoingEmail Email { get; set; } = null!;
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(6)] public bool Failed { get; set; }

    public OutboxEntry Entry(string? error = null) => new(
        Id, Email.To, Email.Kind, Email.Language, Failed ? OutboxStatus.Failed : OutboxStatus.Queued,
        CreatedAt, Attempts, error ?? LastError, Failed ? null : NextAttemptAt, null);
}
