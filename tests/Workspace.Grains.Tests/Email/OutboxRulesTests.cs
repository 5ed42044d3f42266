using Workspace.Contracts.Email;
using Workspace.Grains.Email;

namespace Workspace.Grains.Tests.Email;

public sealed class OutboxRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly EmailOptions Options = new()
    {
        RetryFirstDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromMinutes(30), FailAfterAttempts = 3, KeepSent = 2,
    };

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(5, 160)]
    [InlineData(8, 1280)]
    [InlineData(9, 1800)]
    [InlineData(1000, 1800)]
    public void The_wait_doubles_per_failure_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxRules.Backoff(failures, Options));

    [Fact]
    public void An_unavailable_server_makes_every_queued_message_wait_the_same_growing_delay()
    {
        var state = State(3);
        OutboxRules.Apply(state, state.Pending[0], new SendOutcome(SendResult.Unavailable, "refused"), Now, Options);
        OutboxRules.Apply(state, state.Pending[0], new SendOutcome(SendResult.Unavailable, "refused"), Now, Options);

        Assert.Equal(2, state.ConsecutiveFailures);
        Assert.All(state.Pending, m => Assert.Equal(Now.AddSeconds(20), m.NextAttemptAt));
        Assert.Equal((2, "refused"), (state.Pending[0].Attempts, state.Pending[0].LastError));
        Assert.Equal(0, state.Pending[1].Attempts);
    }

    [Fact]
    public void A_sent_message_keeps_only_its_metadata_and_the_list_stays_bounded()
    {
        var state = State(3);
        state.ConsecutiveFailures = 4;
        foreach (var message in state.Pending.ToList())
        {
            OutboxRules.Apply(state, message, SendOutcome.Sent, Now, Options);
        }

        Assert.Empty(state.Pending);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal(["p1@example.org", "p2@example.org"], state.Sent.Select(s => s.To));
        Assert.All(state.Sent, s => Assert.Equal((OutboxStatus.Sent, Now, 1), (s.Status, s.SentAt!.Value, s.Attempts)));
    }

    [Fact]
    public void A_refused_message_waits_then_fails_after_the_set_attempts_without_holding_up_the_others()
    {
        var state = State(2);
        var refused = state.Pending[0];
        for (var i = 1; i <= 3; i++)
        {
            OutboxRules.Apply(state, refused, new SendOutcome(SendResult.Refused, "550 no such user"), Now, Options);
            Assert.Equal(i == 3, refused.Failed);
        }

        Assert.Equal(Now, state.Pending[1].NextAttemptAt);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal("550 no such user", refused.Entry().LastError);
        Assert.Equal(OutboxStatus.Failed, refused.Entry().Status);
    }

    private static MailOutboxState State(int messages)
    {
        var state = new MailOutboxState();
        for (var i = 0; i < messages; i++)
        {
            state.Pending.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                Email = new OutgoingEmail($"p{i}@example.org", "S", "T", "H", MailKinds.ConfirmEmail, "en"),
                CreatedAt = Now,
                NextAttemptAt = Now,
            });
        }

        return state;
    }
}
