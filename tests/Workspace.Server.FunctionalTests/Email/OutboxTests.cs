using Microsoft.Extensions.DependencyInjection;
using Workspace.Contracts.Email;
using Workspace.Grains.Email;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Email;

/// <summary>The outbox sends through a real SMTP server with MailKit, refuses to pretend without one, and marks refusals failed.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_queued_message_arrives_once_with_both_parts_and_shows_as_sent()
    {
        await using var mail = await MailServer.Start();
        await using var host = new WorkspaceHost(mail: mail);
        var outbox = Outbox(host);

        var id = await outbox.Enqueue(MailTemplates.PasswordReset("ana@example.org", "es", "Ana", "https://w.example/reset-password/t", 60));

        var message = await mail.WaitForMessage("ana@example.org");
        Assert.Equal("Restablezca su contraseña", message.Subject);
        Assert.Equal("workspace@roundtable.example", message.From.Mailboxes.Single().Address);
        Assert.Equal($"{id:N}@roundtable.example", message.MessageId);
        Assert.Contains("https://w.example/reset-password/t", message.TextBody);
        Assert.Contains("<a href=\"https://w.example/reset-password/t\"", message.HtmlBody);
        var view = await Poll.Until(outbox.GetView, v => v.Sent.Length == 1);
        Assert.True(view.IsConfigured);
        Assert.Empty(view.Queued);
        Assert.Equal((id, "ana@example.org", "password-reset", "es", OutboxStatus.Sent, 1), (view.Sent[0].Id, view.Sent[0].To, view.Sent[0].Kind, view.Sent[0].Language, view.Sent[0].Status, view.Sent[0].Attempts));
        await Task.Delay(500);
        Assert.Single(mail.Messages);
    }

    [Fact]
    public async Task Without_a_mail_server_messages_stay_queued_and_say_why()
    {
        await using var mail = await MailServer.Start();
        await using var host = new WorkspaceHost();
        var outbox = Outbox(host);

        await outbox.Enqueue(MailTemplates.ConfirmEmail("ana@example.org", "en", "Ana", "https://w.example/c/t"));
        await Task.Delay(1000);

        // The administrator's operations view says so; nothing was attempted.
        using var admin = host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var view = (await admin.Ok(HttpMethod.Get, "/api/admin/outbox"))!;
        Assert.False((bool)view["isConfigured"]!);
        var queued = Assert.Single(view["queued"]!.AsArray())!;
        Assert.Equal(("ana@example.org", "confirm-email", "en", "queued", 0), ((string?)queued["to"], (string?)queued["kind"], (string?)queued["language"], (string?)queued["status"], (int)queued["attempts"]!));
        Assert.Equal(MailOutboxGrain.NotConfigured, (string?)queued["lastError"]);
        Assert.DoesNotContain("https://w.example/c/t", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(view["sent"]!.AsArray());
        Assert.Empty(mail.Messages);
    }

    [Fact]
    public async Task A_refused_recipient_fails_after_a_few_attempts_and_can_be_retried()
    {
        var refuse = true;
        await using var mail = await MailServer.Start(to => refuse && to == "nobody@example.org");
        await using var host = new WorkspaceHost(new Dictionary<string, string?> { ["Workspace:Email:FailAfterAttempts"] = "2" }, mail: mail);
        var outbox = Outbox(host);

        var refused = await outbox.Enqueue(MailTemplates.ConfirmEmail("nobody@example.org", "en", "N", "https://w.example/c/1"));
        await outbox.Enqueue(MailTemplates.ConfirmEmail("ana@example.org", "en", "Ana", "https://w.example/c/2"));

        await mail.WaitForMessage("ana@example.org");
        var view = await Poll.Until(outbox.GetView, v => v.Failed.Length == 1, TimeSpan.FromSeconds(20));
        Assert.Equal((refused, 2), (view.Failed[0].Id, view.Failed[0].Attempts));
        Assert.Contains("550", view.Failed[0].LastError);
        Assert.Empty(mail.MessagesTo("nobody@example.org"));

        refuse = false;
        Assert.True(await outbox.Retry(refused));
        Assert.False(await outbox.Retry(Guid.NewGuid()));
        await mail.WaitForMessage("nobody@example.org");
        view = await Poll.Until(outbox.GetView, v => v.Sent.Length == 2);
        Assert.Empty(view.Failed);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_messages_wait_and_then_arrive_once()
    {
        await using var mail = await MailServer.Start();
        await using var host = new WorkspaceHost(mail: mail);
        var outbox = Outbox(host);
        await mail.Stop();

        for (var i = 0; i < 3; i++)
        {
            await outbox.Enqueue(MailTemplates.ConfirmEmail($"p{i}@example.org", "en", "P", $"https://w.example/c/{i}"));
        }

        var waiting = await Poll.Until(outbox.GetView, v => v.Queued.Any(q => q.Attempts > 0));
        Assert.Contains(waiting.Queued, q => q.LastError is { } e && e.Contains("Cannot send", StringComparison.Ordinal));
        Assert.All(waiting.Queued, q => Assert.NotNull(q.NextAttemptAt));

        await mail.Start();
        for (var i = 0; i < 3; i++)
        {
            await mail.WaitForMessage($"p{i}@example.org");
        }

        await Poll.Until(outbox.GetView, v => v.Sent.Length == 3);
        await Task.Delay(500);
        Assert.Equal(3, mail.Messages.Count);
    }

    [Fact]
    public async Task An_outage_is_logged_once_however_many_attempts_fail()
    {
        var logs = new RecordingLogs();
        await using var mail = await MailServer.Start();
        await using var host = new WorkspaceHost(new Dictionary<string, string?> { ["Workspace:Email:RetryMaxDelay"] = "00:00:00.500" }, mail: mail) { Logs = logs };
        var outbox = Outbox(host);
        await mail.Stop();

        await outbox.Enqueue(MailTemplates.ConfirmEmail("a@example.org", "en", "A", "https://w.example/c/1"));
        await outbox.Enqueue(MailTemplates.ConfirmEmail("b@example.org", "en", "B", "https://w.example/c/2"));
        await Poll.Until(outbox.GetView, v => v.Queued.Sum(q => q.Attempts) >= 5);

        var warnings = logs.Lines.Where(l => l.Category.Contains("MailOutbox", StringComparison.Ordinal) && l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("unavailable", warning.Message, StringComparison.Ordinal);

        await mail.Start();
        await mail.WaitForMessage("b@example.org");
        await mail.WaitForMessage("a@example.org");
    }

    private static IMailOutboxGrain Outbox(WorkspaceHost host)
    {
        host.NewClient().Dispose();
        return host.Services.GetRequiredService<IGrainFactory>().GetGrain<IMailOutboxGrain>(0);
    }
}
