namespace Workspace.Contracts.Email;

/// <summary>
/// The durable outbox (one instance, key 0): a message enqueued here is stored before the call
/// returns, then sent through the configured SMTP server, retried with back-off while it is
/// unreachable, and sent once — also across a node restart. Without a mail server configured, messages
/// stay queued and are shown to the administrator; nothing pretends to send.
/// </summary>
[Alias("Workspace.IMailOutboxGrain")]
public interface IMailOutboxGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the message for sending; returns its id.</summary>
    [Alias("Enqueue")] Task<Guid> Enqueue(OutgoingEmail message);

    /// <summary>Activates the outbox so that it resumes sending what is queued (called when a node starts).</summary>
    [Alias("Wake")] Task Wake();

    /// <summary>The administrator's view: queued, failed and recently sent messages, without their content.</summary>
    [Alias("GetView")] Task<OutboxView> GetView();

    /// <summary>Queues a failed message again, to be sent now; false when no failed message has this id.</summary>
    [Alias("Retry")] Task<bool> Retry(Guid messageId);
}
