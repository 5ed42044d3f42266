using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;
using static Workspace.Server.FunctionalTests.Live.SessionSteps;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// A newcomer's first hour, on a server started exactly as README.md says (same project, same launch profile, a
/// fresh data folder): the log shows the setup link as information and no warning or failure at all.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed partial class FirstStartTests
{
    [Fact]
    public async Task The_readme_start_and_an_ordinary_first_session_log_the_setup_link_and_no_warning_or_failure()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));
        await using var server = await ServerProcess.Start(
            new Dictionary<string, string> { ["Workspace:DataDirectory"] = dataDirectory },
            fileName: "bash",
            arguments: $"-c \"{ReadmeRunCommandTests.RunCommand()} -- --urls http://127.0.0.1:$WORKSPACE_PORT\"",
            timeout: TimeSpan.FromMinutes(4));

        // Setup through the printed link, then sign in as the administrator it created.
        await Eventually.True(() => SetupLink().IsMatch(server.Output), "the setup link is printed", 30);
        var token = SetupLink().Match(server.Output).Groups["token"].Value;
        var browser = server.NewClient();
        using (await browser.Get("/api/session"))
        {
        }

        await browser.Ok(HttpMethod.Post, "/api/setup", new
        {
            token, email = "ana@roundtable.example", password = Personas.Password, displayName = "Ana", organisation = "Roundtable Secretariat", country = "CR",
        });
        var admin = server.NewClient();
        await admin.SignIn("ana@roundtable.example");
        var adminId = Guid.Parse((string)(await admin.Ok(HttpMethod.Get, "/api/session"))!["user"]!["id"]!);

        // A group, a member invited into it, a document both type in.
        var groupId = await Cast.CreateGroup(admin, "Whistleblower protection", adminId);
        var link = await Cast.Invite(admin, groupId, "member");
        var member = server.NewClient();
        using (await member.Get("/api/session"))
        {
        }

        await member.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = "bruno@cso.example", password = Personas.Password, displayName = "Bruno", organisation = "Transparência Brasil", country = "BR",
        });
        var documentId = (string)(await admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Draft recommendations", visibility = "members" }))!["id"]!;
        await using var adminLive = await Listener.Connect(admin);
        await using var memberLive = await Listener.Connect(member);
        await using var adminEditor = LiveConnections.Live(admin.BaseAddress, admin.Cookies);
        await using var memberEditor = LiveConnections.Live(member.BaseAddress, member.Cookies);
        await adminEditor.StartAsync();
        await memberEditor.StartAsync();
        var adminText = await LiveDocument.OpenAsync(adminEditor, Guid.Parse(documentId));
        var memberText = await LiveDocument.OpenAsync(memberEditor, Guid.Parse(documentId));
        adminText.Insert(0, "Protect reporting persons.");
        await Eventually.True(() => memberText.Text == "Protect reporting persons.", "the member sees what the administrator typed");
        memberText.Insert(memberText.Length, " In law.");
        await Eventually.True(() => adminText.IsSynchronized && memberText.IsSynchronized && adminText.Text == memberText.Text, "both see the same text");

        // A session run with the live session page open, then the page closed; the facilitator ends it from elsewhere.
        var sessionId = await Plan(admin, groupId, "Kick-off", ("Draft", "document", documentId));
        await adminLive.Session("JoinSession", sessionId);
        await memberLive.Session("JoinSession", sessionId);
        await adminLive.Session("StartSession", sessionId);
        await memberLive.Session("RaiseHand", sessionId, false);
        await adminLive.Session("GiveFloor", sessionId, (Guid?)null);
        await All([adminLive, memberLive], v => Str(v, "status") == "live" && v.GetProperty("floor").ValueKind == System.Text.Json.JsonValueKind.Object, "both see the session live and who has the floor");
        await memberLive.Connection.InvokeAsync("LeaveSession", sessionId);
        await adminLive.Connection.InvokeAsync("LeaveSession", sessionId);
        var ended = await adminLive.Session("EndSession", sessionId);
        Assert.Equal("ended", Str(ended, "status"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // what the end set off has reached the log

        var log = server.Output;
        Assert.Contains("Hosting environment: Production", log, StringComparison.Ordinal);
        Assert.Matches($@"info: Workspace\.Server\.Hosting\.SetupAnnouncer\[0\]\s+First-run setup: open this link[^\n]*\n\s+-{{72,}}\n\s+http://127\.0\.0\.1:{server.Port}/setup\?token=", log.Replace("\r", string.Empty, StringComparison.Ordinal));
        var alarming = log.Split('\n').Where(line => AlarmingLine().IsMatch(line)).ToArray();
        Assert.True(alarming.Length == 0, $"The log of an ordinary first start has warnings or failures:\n{string.Join('\n', alarming)}\n\nWhole log:\n{log}");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/setup\?token=(?<token>[\w-]{20,})")]
    private static partial Regex SetupLink();

    /// <summary>A warning, error or critical entry of the console logger, in its simple or JSON form.</summary>
    [GeneratedRegex(@"^\s*(warn|fail|crit):|""LogLevel""\s*:\s*""(Warning|Error|Critical)""")]
    private static partial Regex AlarmingLine();
}
