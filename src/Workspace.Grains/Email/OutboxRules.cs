using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>
/// How one attempt's outcome changes the outbox, as plain rules the grain applies (testable without a
/// cluster): sent messages keep only their metadata; a refusal waits and fails after a few attempts;
/// an unavailable server makes every message wait the same doubling delay.
/// </summary>
public static class OutboxRules
{
    /// <summary>Failed messages kept for the administrator to retry; beyond it the oldest is dropped.</summary>
    public const int KeepFailed = 500;

    /// <summary>Applies <paramref name="outcome"/> of sending <paramref name="message"/> at <paramref name="now"/>.</summary>
    public static void Apply(MailOutboxState state, OutboxMessage message, SendOutcome outcome, DateTimeOffset now, EmailOptions options)
    {
        message.Attempts++;
        switch (outcome.Result)
        {
            case SendResult.Sent:
                state.Pending.Remove(message);
                state.Sent.Add(message.Entry() with { Status = OutboxStatus.Sent, LastError = null, NextAttemptAt = null, SentAt = now });
                if (state.Sent.Count > options.KeepSent)
                {
                    state.Sent.RemoveRange(0, state.Sent.Count - options.KeepSent);
                }

                state.ConsecutiveFailures = 0;
                break;

            case SendResult.Refused:
                message.LastError = outcome.Error;
                if (message.Attempts < options.FailAfterAttempts)
                {
                    message.NextAttemptAt = now + Backoff(message.Attempts, options);
                    break;
                }

                message.Failed = true;
                var failed = state.Pending.Where(m => m.Failed).ToList();
                foreach (var old in failed.Take(Math.Max(0, failed.Count - KeepFailed)))
                {
                    state.Pending.Remove(old);
                }

                break;

            default:
                // The server is down for every message alike: they all wait, and one attempt probes it.
                message.LastError = outcome.Error;
                state.ConsecutiveFailures++;
                var next = now + Backoff(state.ConsecutiveFailures, options);
                foreach (var waiting in state.Pending.Where(m => !m.Failed && m.NextAttemptAt < next))
                {
                    waiting.NextAttemptAt = next;
                }

                break;
        }
    }

    /// <summary>RetryFirstDelay doubled per failure after the first, at most RetryMaxDelay.</summary>
    public static TimeSpan Backoff(int failures, EmailOptions options)
    {
        var delay = options.RetryFirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(30, Math.Max(0, failures - 1)));
        return TimeSpan.FromMilliseconds(Math.Min(delay, options.RetryMaxDelay.TotalMilliseconds));
    }
}
