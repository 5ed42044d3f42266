using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;
using Workspace.Server.FunctionalTests.Infrastructure;
using Workspace.Server.FunctionalTests.Live;

namespace Workspace.Server.FunctionalTests.Privacy;

/// <summary>
/// Everything an observer receives in a scripted scenario (issue 17, acceptance 1), recorded byte for byte by a
/// relay between the observer's clients (REST and hub) and the server, searched for what must not be there:
/// with names hidden, no member's name or user id (either form, any case) and never the deleted secret;
/// with names shown, the names are there.
/// </summary>
public sealed class ObserverCaptureTests : HostedTest
{
    // Distinctive names (ASCII, nothing JSON, Markdown or HTML would escape): any occurrence is a leak, not a coincidence.
    private const string FacilitatorName = "Ottilie Wrzesniewska";
    private const string FirstMemberName = "Zoraida Quillcahuaman";
    private const string SecondMemberName = "Bartolome Vizcarrondo"; // independent: no organisation
    private const string ObserverName = "Ingrid Solbakken";
    private const string Secret = "The informant meets us at the old harbour warehouse on Tuesday";

    [Fact]
    public async Task An_observer_of_a_group_that_hides_names_receives_no_name_no_user_id_and_no_deleted_text()
    {
        var (capture, needles) = await Scenario(namesShown: false);

        var findings = WireCapture.Find(capture.Connections, capture.Received, needles);

        Assert.True(capture.Received.Count > 60, $"the observer's traffic was recorded ({capture.Received.Count} messages)");
        Assert.True(findings.Count == 0, $"{findings.Count} forbidden strings reached the observer:\n{string.Join('\n', findings)}");
    }

    [Fact]
    public async Task With_names_shown_the_same_capture_finds_the_names()
    {
        var (capture, needles) = await Scenario(namesShown: true);

        var found = WireCapture.Find(capture.Connections, capture.Received, needles).Select(f => f.What).ToHashSet();

        foreach (var name in new[] { FacilitatorName, FirstMemberName, SecondMemberName })
        {
            Assert.Contains($"the name {name}", found);
        }

        Assert.Contains(found, f => f.StartsWith("the user id of " + FirstMemberName, StringComparison.Ordinal));
    }

    private sealed record Capture(IReadOnlyList<(int Number, byte[] FromClient, byte[] FromServer)> Connections, IReadOnlyList<Received> Received);

    private async Task<(Capture Capture, IReadOnlyList<(string What, string Needle)> Needles)> Scenario(bool namesShown)
    {
        var admin = Host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var groupId = await Cast.CreateGroup(admin, "Corporate liability", null);
        var facilitatorApi = await Register(Host.NewClient(), admin, groupId, "facilitator", FacilitatorName, "Fundacion Ekklesia");
        var firstApi = await Register(Host.NewClient(), admin, groupId, "member", FirstMemberName, "Red Ciudadana Andina");
        var secondApi = await Register(Host.NewClient(), admin, groupId, "member", SecondMemberName, "");
        var people = new Dictionary<string, Guid>
        {
            [FacilitatorName] = await UserId(facilitatorApi),
            [FirstMemberName] = await UserId(firstApi),
            [SecondMemberName] = await UserId(secondApi),
            ["Ada Admin"] = await UserId(admin),
        };
        if (namesShown)
        {
            await facilitatorApi.Ok(HttpMethod.Patch, $"/api/groups/{groupId}/settings", new { observersSeeNames = true });
        }

        await using var relay = new RecordingRelay(Host.Port);
        var observerApi = await Register(new ApiClient(relay.BaseAddress), admin, groupId, "observer", ObserverName, "Embassy of Norway");
        await using var observer = LiveConnections.Live(relay.BaseAddress, observerApi.Cookies);
        JsonElement? lastSession = null;
        observer.On<JsonElement>("Session", v => lastSession = v.Clone());
        await observer.StartAsync();
        await observer.InvokeAsync<string>("WatchGroup", groupId);
        await Browse(observerApi, $"/api/session", "/api/groups", $"/api/groups/{groupId}", $"/api/groups/{groupId}/members",
            $"/api/groups/{groupId}/documents", $"/api/groups/{groupId}/recommendations", $"/api/groups/{groupId}/sessions",
            $"/api/groups/{groupId}/invitations", $"/api/groups/{groupId}/audit");

        await using var facilitator = await Listener.Connect(facilitatorApi);
        await using var first = await Listener.Connect(firstApi);
        await using var second = await Listener.Connect(secondApi);

        // Two members co-edit a members-only document; one types a secret sentence, then deletes it.
        var documentId = (string)(await facilitatorApi.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Field notes", visibility = "members" }))!["id"]!;
        await using var firstEditor = LiveConnections.Live(firstApi.BaseAddress, firstApi.Cookies);
        await using var secondEditor = LiveConnections.Live(secondApi.BaseAddress, secondApi.Cookies);
        await firstEditor.StartAsync();
        await secondEditor.StartAsync();
        var a = await LiveDocument.OpenAsync(firstEditor, Guid.Parse(documentId));
        var b = await LiveDocument.OpenAsync(secondEditor, Guid.Parse(documentId));
        a.Insert(0, "Notes on corporate liability.\n");
        await a.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => b.Text.Length == a.Text.Length, "the second member sees the first line");
        b.Insert(b.Text.Length, "Sanctions should be proportionate.\n");
        await b.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => a.Text == b.Text, "both see both lines");
        var at = a.Text.Length;
        a.Insert(at, Secret + "\n");
        await a.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        a.Delete(at, Secret.Length + 1);
        await a.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => a.Text == b.Text && !b.Text.Contains("informant", StringComparison.Ordinal), "the secret is gone for both");

        // The document is made visible to observers; the observer reads it (REST and live, with catch-up from the start) while a member types.
        await facilitatorApi.Ok(HttpMethod.Patch, $"/api/documents/{documentId}", new { visibility = "observers" });
        await Browse(observerApi, $"/api/groups/{groupId}/documents", $"/api/documents/{documentId}", $"/api/documents/{documentId}/preview",
            $"/api/documents/{documentId}/revisions", $"/api/documents/{documentId}/authorship");
        await Try(() => observer.InvokeCoreAsync<JsonElement>("Open", [Guid.Parse(documentId), 0]));
        await Try(() => observer.InvokeCoreAsync("Close", [Guid.Parse(documentId)]));
        await observer.InvokeCoreAsync<JsonElement>("Open", [Guid.Parse(documentId), null]);
        a.Insert(a.Text.Length, "Liability should cover intermediaries.\n");
        await a.MoveCursorAsync(3, 3);
        await a.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        // A member drafts a recommendation visible to observers; the other member comments and endorses.
        var recommendation = await firstApi.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", new
        {
            title = "Liability of legal persons", thematicArea = "Corporate liability", articles = new[] { "Art. 26" }, addressees = new[] { "Congress" },
            countries = new[] { "MX", "CO" }, visibility = "observers", body = "Legal persons shall be liable for corruption offences.",
        });
        var recommendationId = (string)recommendation!["recommendation"]!["id"]!;
        var bodyId = (string)recommendation["recommendation"]!["bodyId"]!;
        await secondApi.Ok(HttpMethod.Post, $"/api/recommendations/{recommendationId}/comments", new { markdown = "Include state-owned enterprises." });
        await firstApi.Ok(HttpMethod.Put, $"/api/recommendations/{recommendationId}/stance", new { stance = "support" });
        await Browse(observerApi, $"/api/groups/{groupId}/recommendations", $"/api/recommendations/{recommendationId}", $"/api/documents/{bodyId}",
            $"/api/documents/{bodyId}/preview");

        // A live session: the queue, the floor, a poll, questions from members and the observer; the recommendation adopted in it.
        var sessionId = await SessionSteps.Plan(facilitatorApi, groupId, "Roundtable day 1",
            ("Field notes", "document", documentId), ("Liability of legal persons", "recommendation", recommendationId));
        foreach (var member in new[] { facilitator, first, second })
        {
            await member.Session("JoinSession", sessionId);
        }

        await observer.InvokeCoreAsync<JsonElement>("JoinSession", [sessionId]);
        await facilitator.Session("StartSession", sessionId);
        await facilitator.Session("AllowObserversInQueue", sessionId, true);
        await first.Session("RaiseHand", sessionId, false);
        await observer.InvokeCoreAsync<JsonElement>("RaiseHand", [sessionId, false]);
        await second.Session("RaiseHand", sessionId, true);
        await facilitator.Session("GiveFloor", sessionId, (Guid?)null);
        await facilitator.Session("GiveFloor", sessionId, people[FirstMemberName]);
        await facilitator.Session("OpenSessionPoll", sessionId, "Circulate the notes?");
        await first.Session("VoteInSession", sessionId, "agree");
        await second.Session("VoteInSession", sessionId, "abstain");
        await facilitator.Session("CloseSessionPoll", sessionId);
        var asked = await first.Session("AskQuestion", sessionId, "Should sanctions cover subsidiaries?");
        var observerAsked = await observer.InvokeCoreAsync<JsonElement>("AskQuestion", [sessionId, "Will the minutes be shared with embassies?"]);
        var memberQuestion = asked.GetProperty("questions").EnumerateArray().First(q => q.GetProperty("mine").GetBoolean()).GetProperty("id").GetGuid();
        var observerQuestion = observerAsked.GetProperty("questions").EnumerateArray().First(q => q.GetProperty("mine").GetBoolean()).GetProperty("id").GetGuid();
        await second.Session("UpvoteQuestion", sessionId, observerQuestion);
        await observer.InvokeCoreAsync<JsonElement>("UpvoteQuestion", [sessionId, memberQuestion]);
        await facilitator.Session("FocusItem", sessionId, 1);
        foreach (var to in new[] { "under-discussion", "proposed-for-adoption" })
        {
            await facilitatorApi.Ok(HttpMethod.Post, $"/api/recommendations/{recommendationId}/transitions", new { to });
        }

        await facilitator.Session("OpenSessionPoll", sessionId, "Adopt?");
        await first.Session("VoteInSession", sessionId, "agree");
        await second.Session("VoteInSession", sessionId, "agree");
        await facilitator.Session("CloseSessionPoll", sessionId);
        await facilitatorApi.Ok(HttpMethod.Post, $"/api/recommendations/{recommendationId}/transitions", new { to = "adopted" });
        await facilitator.Session("MarkQuestion", sessionId, memberQuestion, "answered");
        await facilitator.Session("MarkQuestion", sessionId, observerQuestion, "answered");
        await Browse(observerApi, $"/api/sessions/{sessionId}");
        await Eventually.True(() => lastSession is { } v && v.GetProperty("questions").GetArrayLength() == 2 && v.GetProperty("currentItem").GetInt32() == 1, "the observer follows the session");

        // The session ends with minutes observers may read; a member reports follow-up; the observer reads it all and downloads both reports.
        var ended = await facilitator.Session("EndSession", sessionId);
        var minutesId = ended.GetProperty("minutesDocumentId").GetString()!;
        await Eventually.True(() => lastSession is { } v && v.GetProperty("minutesDocumentId").GetString() == minutesId, "the observer may read the minutes");
        await firstApi.Ok(HttpMethod.Post, $"/api/recommendations/{recommendationId}/follow-up", new
        {
            country = "MX", status = "in-progress", date = DateTime.UtcNow.ToString("yyyy-MM-dd"), note = "A bill was introduced in the Senate.", evidence = Array.Empty<string>(),
        });
        await Browse(observerApi, $"/api/sessions/{sessionId}", $"/api/groups/{groupId}/documents", $"/api/documents/{minutesId}", $"/api/documents/{minutesId}/preview",
            $"/api/recommendations/{recommendationId}", $"/api/groups/{groupId}/members", $"/api/groups/{groupId}/recommendations",
            $"/api/groups/{groupId}/reports/outcome", $"/api/groups/{groupId}/reports/outcome?format=html",
            $"/api/groups/{groupId}/reports/follow-up", $"/api/groups/{groupId}/reports/follow-up?format=html");
        await observer.InvokeCoreAsync<JsonElement>("Open", [Guid.Parse(minutesId), null]);
        await Task.Delay(500); // broadcasts in flight

        await observer.StopAsync();
        observerApi.Dispose();
        var connections = relay.Connections;
        var received = WireCapture.Read(connections);
        Assert.DoesNotContain(received, r => r.Text.Contains("\r\ncontent-encoding:", StringComparison.OrdinalIgnoreCase)); // searchable as sent
        Assert.Contains(received, r => r.Where.Contains("Session (broadcast)", StringComparison.Ordinal));
        Assert.Contains(received, r => r.Where.Contains("reports/follow-up?format=html", StringComparison.Ordinal) && r.Where.EndsWith("200 OK", StringComparison.Ordinal));

        var needles = new List<(string What, string Needle)> { ("the deleted secret", Secret), ("part of the deleted secret", "harbour warehouse") };
        foreach (var (name, id) in people)
        {
            needles.Add(($"the name {name}", name));
            needles.AddRange(name.Split(' ').Where(word => word.Length >= 6).Select(word => ($"part of the name {name}", word)));
            needles.Add(($"the user id of {name} (D)", id.ToString("D")));
            needles.Add(($"the user id of {name} (N)", id.ToString("N")));
        }

        return (new Capture(connections, received), needles);
    }

    private static async Task<ApiClient> Register(ApiClient client, ApiClient admin, Guid groupId, string role, string name, string organisation)
    {
        var token = await Cast.Invite(admin, groupId, role);
        var registered = await client.Ok(HttpMethod.Post, $"/api/invitations/{token}/register", new
        {
            email = $"{name.Split(' ')[0].ToLowerInvariant()}.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = name, organisation, country = "CO",
        });
        if ((string?)registered!["user"]!["organisationId"] is { } organisationId)
        {
            await Cast.Vouch(admin, Guid.Parse(organisationId), Guid.Parse((string)registered["user"]!["id"]!));
        }
        return client;
    }

    private static async Task<Guid> UserId(ApiClient client) => Guid.Parse((string)(await client.Ok(HttpMethod.Get, "/api/session"))!["user"]!["id"]!);

    /// <summary>Reads like the browser does; refusals (403, 404) are received too and searched like the rest.</summary>
    private static async Task Browse(ApiClient client, params string[] paths)
    {
        foreach (var path in paths)
        {
            using var response = await client.Get(path);
            await response.Content.ReadAsByteArrayAsync();
        }
    }

    /// <summary>A call the server may refuse (the refusal is received and searched like the rest).</summary>
    private static async Task Try(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HubException)
        {
        }
    }
}
