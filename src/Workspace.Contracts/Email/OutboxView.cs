namespace Workspace.Contracts.Email;

/// <summary>Where a message in the outbox stands.</summary>
[GenerateSerializer, Alias("Workspace.OutboxStatus")]
public enum OutboxStatus
{
    Queued = 0,
    Failed = 1,
    Sent = 2,
}

/// <summary>
/// One message as the administrator sees it: who it is for and what it is, never its content (links in
/// it carry tokens).
/// </summary>
[GenerateSerializer, Alias("Workspace.OutboxEntry")]
public sealed record OutboxEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string To,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Language,
    [property: Id(4)] OutboxStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? NextAttemptAt,
    [property: Id(9)] DateTimeOffset? SentAt);

/// <summary>The outbox: whether a mail server is configured, and its messages (sent ones newest first).</summary>
[GenerateSerializer, Alias("Workspace.OutboxView")]
public sealed record OutboxView(
    [property: Id(0)] bool IsConfigured,
    [property: Id(1)] OutboxEntry[] Queued,
    [property: Id(2)] OutboxEntry[] Failed,
    [property: Id(3)] OutboxEntry[] Sent);
