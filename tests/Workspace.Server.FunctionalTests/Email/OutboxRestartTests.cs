using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Persistence;

namespace Workspace.Server.FunctionalTests.Email;

/// <summary>
/// Exactly once across a real process restart, on SQLite and on PostgreSQL: messages queued while the mail server is down
/// survive the node being killed, arrive once when the server is back, and are not sent again by the
/// next node.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class OutboxRestartTests
{
    [Fact]
    public async Task Messages_queued_while_the_mail_server_is_down_arrive_exactly_once_across_restarts()
    {
        await QueueKillRestartAndCount(new Dictionary<string, string>
        {
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });
    }

    [Fact]
    public async Task Messages_queued_while_the_mail_server_is_down_arrive_exactly_once_across_restarts_on_postgresql()
    {
        await using var database = await PostgresDatabase.Create();
        await QueueKillRestartAndCount(new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });
    }

    private static async Task QueueKillRestartAndCount(Dictionary<string, string> storage)
    {
        await using var mail = await MailServer.Start();
        var settings = new Dictionary<string, string>(storage)
        {
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
            ["Workspace:Security:PasswordResetPermitsPerMinute"] = "1000",
        };

        string[] recipients;
        await using (var first = await ServerProcess.Start(settings, mail: mail))
        {
            var cast = await Cast.Create(first.NewClient);
            await Claims.CastEmails.ConfirmAll(cast, mail); // only a confirmed address gets a reset link by email
            await Poll.Until(() => Outbox(cast.Admin), o => o["queued"]!.AsArray().Count == 0);
            recipients = cast.People.Values.Select(p => p.Email).ToArray();
            await mail.Stop();
            using var anonymous = first.NewClient();
            foreach (var email in recipients)
            {
                await anonymous.Ok(HttpMethod.Post, "/api/auth/forgot-password", new { email });
            }

            // All stored and tried at least once against the stopped server; then the node dies.
            var waiting = await Poll.Until(() => Outbox(cast.Admin), o => o["queued"]!.AsArray().Count == recipients.Length && o["queued"]!.AsArray().Any(m => (int)m!["attempts"]! > 0), TimeSpan.FromSeconds(30));
            Assert.Contains("Cannot send", (string?)waiting["queued"]!.AsArray().First(m => (int)m!["attempts"]! > 0)!["lastError"], StringComparison.Ordinal);
            first.Kill();
        }

        Assert.Empty(mail.Messages);
        await using (var second = await ServerProcess.Start(settings, mail: mail))
        {
            using var admin = second.NewClient();
            await admin.SignIn(Personas.AdminEmail);
            await mail.Start();
            foreach (var email in recipients)
            {
                await mail.WaitForMessage(email, TimeSpan.FromSeconds(30));
            }

            var sent = await Poll.Until(() => Outbox(admin), o => Resets(o["sent"]!).Length == recipients.Length);
            Assert.Empty(sent["queued"]!.AsArray());
            second.Kill();
        }

        // A third node wakes the outbox at start: nothing is left to send again.
        await using (var third = await ServerProcess.Start(settings, mail: mail))
        {
            using var admin = third.NewClient();
            await admin.SignIn(Personas.AdminEmail);
            var view = await Outbox(admin);
            Assert.Equal(recipients.Length, Resets(view["sent"]!).Length);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.All(recipients, email => Assert.Single(mail.MessagesTo(email)));
        Assert.Equal(recipients.Length, mail.Messages.Count);
        Assert.Equal(recipients.Length, mail.Messages.Select(m => m.Message.MessageId).Distinct().Count());
    }

    /// <summary>The password-reset messages of an outbox list (the cast's confirmation emails were sent before).</summary>
    private static JsonNode?[] Resets(JsonNode list) => list.AsArray().Where(m => (string?)m!["kind"] == "password-reset").ToArray();

    private static async Task<JsonNode> Outbox(ApiClient admin) => (await admin.Ok(HttpMethod.Get, "/api/admin/outbox"))!;
}
