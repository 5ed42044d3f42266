using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>
/// The durable outbox (key 0; Orleans keeps one activation in the cluster, so one sender). A message
/// is stored before <see cref="Enqueue"/> returns; a timer sends one due message per turn, and "sent"
/// is stored right after the server accepted it. While the server is unavailable every message waits
/// the same doubling delay; a refusal of one message fails it after a few attempts. A reminder wakes the
/// outbox while anything is queued (so a lost node does not strand it), and each node wakes it at start.
/// </summary>
public sealed class MailOutboxGrain(
    [PersistentState("mail-outbox", StorageNames.Default)] IPersistentState<MailOutboxState> state,
    IOptions<EmailOptions> options,
    IMailSender sender,
    TimeProvider clock,
    ILogger<MailOutboxGrain> logger) : Grain, IMailOutboxGrain, IRemindable
{
    public const string WakeReminder = "mail-outbox";

    public const string NotConfigured = "No mail server is configured (Workspace:Email:Host).";

    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _timer;
    private bool? _reminderOn;
    private bool _outage;

    private MailOutboxState S => state.State;

    private EmailOptions O => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A (re)started outbox tries at once: the back-off is about a server that was down, not about this node.
        var now = clock.GetUtcNow();
        foreach (var message in S.Pending.Where(m => !m.Failed && m.NextAttemptAt > now))
        {
            message.NextAttemptAt = now;
        }

        if (!O.IsConfigured && S.Pending.Count > 0)
        {
            logger.LogWarning("{Count} email message(s) wait in the outbox: no mail server is configured (Workspace:Email:Host).", S.Pending.Count);
        }

        await Schedule();
    }

    public async Task<Guid> Enqueue(OutgoingEmail message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.To);
        var now = clock.GetUtcNow();
        var queued = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Email = message,
            CreatedAt = now,
            NextAttemptAt = now,
            LastError = O.IsConfigured ? null : NotConfigured,
        };
        S.Pending.Add(queued);
        await state.WriteStateAsync();
        await Schedule();
        return queued.Id;
    }

    public Task Wake() => Schedule();

    public Task<OutboxView> GetView()
    {
        var queued = S.Pending.Where(m => !m.Failed).Select(m => m.Entry(O.IsConfigured ? null : NotConfigured)).ToArray();
        var failed = S.Pending.Where(m => m.Failed).Select(m => m.Entry()).ToArray();
        var sent = Enumerable.Reverse(S.Sent).ToArray();
        return Task.FromResult(new OutboxView(O.IsConfigured, queued, failed, sent));
    }

    public async Task<bool> Retry(Guid messageId)
    {
        if (S.Pending.FirstOrDefault(m => m.Id == messageId && m.Failed) is not { } message)
        {
            return false;
        }

        message.Failed = false;
        message.Attempts = 0;
        message.NextAttemptAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await Schedule();
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Schedule();

    /// <summary>Sends the most overdue message, stores what happened, and plans the next turn.</summary>
    private async Task Dispatch(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var message = S.Pending.Where(m => !m.Failed && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).FirstOrDefault();
        if (message is not null && O.IsConfigured)
        {
            var outcome = await sender.Send(message.Email, message.Id, cancellationToken);
            Record(message, outcome, clock.GetUtcNow());
            await state.WriteStateAsync();
        }

        await Schedule();
    }

    /// <summary>Applies the outcome (<see cref="OutboxRules"/>) and logs only changes: an outage once, its end once, a message failing.</summary>
    private void Record(OutboxMessage message, SendOutcome outcome, DateTimeOffset now)
    {
        var failures = S.ConsecutiveFailures;
        OutboxRules.Apply(S, message, outcome, now, O);
        switch (outcome.Result)
        {
            case SendResult.Sent when failures > 0 || _outage:
                logger.LogInformation("The mail server accepts messages again after {Failures} failed attempt(s).", failures);
                _outage = false;
                break;
            case SendResult.Refused when message.Failed:
                logger.LogWarning("An email message ({Kind}) was refused by the mail server {Attempts} times and is marked failed: {Error}", message.Email.Kind, message.Attempts, outcome.Error);
                break;
            case SendResult.Unavailable when !_outage:
                _outage = true;
                logger.LogWarning("The mail server is unavailable; queued email waits and is retried with back-off: {Error}", outcome.Error);
                break;
        }
    }

    /// <summary>Plans the timer for the next due message; without a mail server or anything queued, nothing runs.</summary>
    private async Task Schedule()
    {
        var due = O.IsConfigured ? S.Pending.Where(m => !m.Failed).Select(m => (DateTimeOffset?)m.NextAttemptAt).Min() : null;
        if (due is not { } at)
        {
            _timer?.Dispose();
            _timer = null;
            await Reminder(on: false);
            return;
        }

        var delay = at - clock.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(Dispatch, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        await Reminder(on: true);
    }

    private async Task Reminder(bool on)
    {
        if (_reminderOn == on)
        {
            return;
        }

        if (on)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, ReminderPeriod, ReminderPeriod);
        }
        else if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = on;
    }
}
