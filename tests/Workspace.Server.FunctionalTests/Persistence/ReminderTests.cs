using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>Follow-up review reminders through the real Orleans reminder service, on SQLite and on PostgreSQL.</summary>
public sealed class ReminderTests() : HostedTest(new Dictionary<string, string?>
{
    ["Workspace:Recommendations:ReviewCheckPeriod"] = "00:00:01",
})
{
    [Fact]
    public async Task A_review_date_that_has_come_reminds_the_facilitators_once_on_sqlite() =>
        await RemindsOnce(await Cast.Create(Host));

    [Fact]
    public async Task A_review_date_that_has_come_reminds_the_facilitators_once_on_postgresql()
    {
        await using var database = await PostgresDatabase.Create();
        await using var server = await ServerProcess.Start(new Dictionary<string, string>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
            ["Workspace:Recommendations:ReviewCheckPeriod"] = "00:00:01",
            ["Workspace:Setup:AdminEmail"] = Personas.AdminEmail,
            ["Workspace:Setup:AdminPassword"] = Personas.Password,
            ["Workspace:Setup:AdminCountry"] = "AT",
        });
        await RemindsOnce(await Cast.Create(server.NewClient));
    }

    private static async Task RemindsOnce(Cast cast)
    {
        var world = await cast.NewWorld();
        var facilitator = cast.People["facilitator"].Client;
        var id = world.AdoptedRecommendationId;
        await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/follow-up", new { country = "CO", status = "implemented", date = "2026-01-10", note = "Decree in force" });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await facilitator.Ok(HttpMethod.Put, $"/api/recommendations/{id}/review-date", new { date = today.ToString("yyyy-MM-dd") });

        JsonNode? detail = null;
        await Eventually.True(() =>
        {
            detail = facilitator.Ok(HttpMethod.Get, $"/api/recommendations/{id}").GetAwaiter().GetResult();
            return detail!["reminders"]!.AsArray().Count > 0;
        }, "the reminder fires once the review date has come", seconds: 30);
        var reminder = detail!["reminders"]![0]!;
        Assert.Equal(today.ToString("yyyy-MM-dd"), (string)reminder["reviewDate"]!);
        Assert.Equal(["MX"], reminder["countries"]!.AsArray().Select(c => (string)c!).ToArray()); // CO is implemented
        var board = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/recommendations?status=adopted");
        Assert.True((bool)board!.AsArray().Single()!["followUpDue"]!);

        // Nothing is reminded twice.
        await Task.Delay(2500);
        Assert.Single((await facilitator.Ok(HttpMethod.Get, $"/api/recommendations/{id}"))!["reminders"]!.AsArray());
    }
}
