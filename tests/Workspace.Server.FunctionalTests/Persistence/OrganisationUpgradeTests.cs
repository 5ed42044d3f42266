using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Workspace.Contracts.Organisations;
using Workspace.Grains;
using Workspace.Grains.Accounts;
using Workspace.Grains.Groups;
using Workspace.Grains.Organisations;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Server;
using Workspace.Grains.Sessions;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Persistence;

/// <summary>
/// Acceptance 2: a database as the current main writes it (free-text organisations in profiles,
/// member records, stances and attendance; no organisations) is upgraded by <c>migrate</c> and by a
/// node starting, on SQLite and on PostgreSQL: one pending organisation per folded name, every
/// stance and attendance keeps its organisation, tallies, report, minutes and texts unchanged.
/// The old shape is made by building the data through the API and then writing every stored record
/// back as main stored it (ids removed, texts as typed, no organisation grains, no upgrade version).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class OrganisationUpgradeTests
{
    private const string Spelled = "Red Anticorrupción";
    private const string Variant = "RED ANTICORRUPCION";

    [Fact]
    public async Task Free_text_organisations_upgrade_on_sqlite()
    {
        var data = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));
        await Upgrade(new Dictionary<string, string?> { ["Workspace:DataDirectory"] = data });
    }

    [Fact]
    public async Task Free_text_organisations_upgrade_on_postgresql()
    {
        await using var database = await PostgresDatabase.Create();
        await Upgrade(new Dictionary<string, string?>
        {
            ["Workspace:Storage:Provider"] = "PostgreSql",
            ["Workspace:Storage:ConnectionString"] = database.ConnectionString,
            ["Workspace:DataDirectory"] = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N")),
        });
    }

    private static async Task Upgrade(Dictionary<string, string?> storage)
    {
        Before before;
        await using (var first = new WorkspaceHost(storage))
        {
            before = await Build(first);
            await RewriteAsMainStoredIt(first, before);
        }

        var migrated = await ServerProcess.Run(storage.ToDictionary(s => s.Key, s => s.Value!), "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Output);
        Assert.Contains("upgraded (organisations)", migrated.Output, StringComparison.Ordinal);

        await using var second = new WorkspaceHost(storage);
        var admin = second.NewClient();
        await admin.SignIn(Personas.AdminEmail);

        // One pending organisation per folded name, on the administrator's review list.
        var review = (await admin.Ok(HttpMethod.Get, "/api/admin/organisations"))!.AsArray();
        var folded = before.Texts.Values.Select(NameFold.Fold).Distinct().ToArray();
        Assert.Equal(folded.Order(), review.Select(o => NameFold.Fold((string)o!["name"]!)).Order());
        Assert.All(review, o => Assert.Equal("pending", (string)o!["status"]!));
        var idOf = review.ToDictionary(o => NameFold.Fold((string)o!["name"]!), o => Guid.Parse((string)o!["id"]!));

        // Every profile points at its organisation and keeps its text; member records keep theirs.
        var storageService = second.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grains = second.Services.GetRequiredService<IGrainFactory>();
        foreach (var (userId, text) in before.Texts)
        {
            var profile = (await grains.GetGrain<Contracts.Accounts.IUserGrain>(userId).GetProfile())!;
            Assert.Equal((idOf[NameFold.Fold(text)], text, TieStatus.Pending), (profile.OrganisationId!.Value, profile.Organisation, profile.Tie));
        }

        var group = await Read<GroupState>(second, storageService, grains.GetGrain<Contracts.Groups.IWorkingGroupGrain>(before.GroupId), "group");
        Assert.All(group.Members.Values, m => Assert.Equal((before.Texts[m.UserId], idOf[NameFold.Fold(before.Texts[m.UserId])]), (m.Organisation, m.OrganisationId!.Value)));

        // Every stance and every attendance maps to its organisation.
        var thread = await Read<RecommendationState>(second, storageService, grains.GetGrain<Contracts.Recommendations.IRecommendationGrain>(before.RecommendationId), "recommendation");
        Assert.NotEmpty(thread.Stances);
        Assert.All(thread.Stances, s => Assert.Equal((idOf[NameFold.Fold(before.Texts[s.By.Id])], true), (s.OrganisationId!.Value, s.Upgraded)));
        var session = await Read<SessionState>(second, storageService, grains.GetGrain<Contracts.Sessions.ISessionGrain>(before.SessionId), "session");
        Assert.Equal(2, session.Attendance.Count);
        Assert.All(session.Attendance, a => Assert.Equal(idOf[NameFold.Fold(before.Texts[a.Key])], a.Value.OrganisationId));

        // What people saw is what they see: the tally, the outcome report, the minutes.
        Assert.Equal(before.Tally, await Tally(admin, before.RecommendationId));
        Assert.Equal(before.Report, await Report(admin, before.GroupId));
        Assert.Equal(before.Minutes, await Minutes(admin, before.MinutesId));
    }

    private sealed record Before(
        Guid GroupId, Guid RecommendationId, Guid SessionId, Guid MinutesId, Dictionary<Guid, string> Texts, string Tally, string Report, string Minutes);

    /// <summary>A group, people of three organisations (one typed two ways), their stances on an adopted recommendation, a session with attendance and minutes.</summary>
    private static async Task<Before> Build(WorkspaceHost host)
    {
        var admin = host.NewClient();
        await admin.SignIn(Personas.AdminEmail);
        var adminId = Guid.Parse((string)(await admin.Ok(HttpMethod.Get, "/api/session"))!["user"]!["id"]!);
        var groupId = await Cast.CreateGroup(admin, "Asset declarations", null);
        var texts = new Dictionary<Guid, string> { [adminId] = "Roundtable Secretariat" };
        var people = new List<(Guid Id, ApiClient Client)>();
        foreach (var (name, text, role) in new[] { ("ana", Spelled, "facilitator"), ("beto", "Observatorio Fiscal", "member"), ("carla", Variant, "member") })
        {
            var link = await Cast.Invite(admin, groupId, role);
            var client = host.NewClient();
            var user = (await client.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
            {
                email = $"{name}.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = name, organisation = text, country = "MX",
            }))!["user"]!;
            var id = Guid.Parse((string)user["id"]!);
            await Cast.Vouch(admin, Guid.Parse((string)user["organisationId"]!), id);
            texts[id] = text;
            people.Add((id, client));
        }

        var (ana, beto) = (people[0].Client, people[1].Client);
        var created = await ana.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", Cast.Recommendation("Publish asset declarations"));
        var recommendationId = Guid.Parse((string)created!["recommendation"]!["id"]!);
        await ana.Ok(HttpMethod.Put, $"/api/recommendations/{recommendationId}/stance", new { stance = "support" });
        await beto.Ok(HttpMethod.Put, $"/api/recommendations/{recommendationId}/stance", new { stance = "support-with-reservations", note = "Add gifts" });
        foreach (var to in new[] { "under-discussion", "proposed-for-adoption", "adopted" })
        {
            await ana.Ok(HttpMethod.Post, $"/api/recommendations/{recommendationId}/transitions", new { to });
        }

        var sessionId = await Live.SessionSteps.Plan(ana, groupId, "Roundtable", ("Declarations", "recommendation", recommendationId.ToString()));
        await using (var facilitator = await Listener.Connect(ana))
        await using (var member = await Listener.Connect(people[2].Client))
        {
            await facilitator.Session("JoinSession", sessionId);
            await member.Session("JoinSession", sessionId);
            await facilitator.Session("StartSession", sessionId);
            await facilitator.Session("EndSession", sessionId);
        }

        var session = await ana.Ok(HttpMethod.Get, $"/api/sessions/{sessionId}");
        var minutesId = Guid.Parse((string)session!["minutesDocumentId"]!);
        return new Before(groupId, recommendationId, sessionId, minutesId, texts,
            await Tally(admin, recommendationId), await Report(admin, groupId), await Minutes(admin, minutesId));
    }

    /// <summary>Every record as main stored it: texts as typed, no organisation ids, no organisations, no upgrade version.</summary>
    private static async Task RewriteAsMainStoredIt(WorkspaceHost host, Before before)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var organisations = await grains.GetGrain<IOrganisationDirectoryGrain>(0).List();
        foreach (var (userId, text) in before.Texts)
        {
            await Rewrite<UserState>(host, storage, grains.GetGrain<Contracts.Accounts.IUserGrain>(userId), "user",
                s => s.Profile = s.Profile! with { Organisation = text, OrganisationId = null, Tie = TieStatus.Pending });
        }

        await Rewrite<GroupState>(host, storage, grains.GetGrain<Contracts.Groups.IWorkingGroupGrain>(before.GroupId), "group", s =>
        {
            foreach (var member in s.Members.Values.ToArray())
            {
                s.Members[member.UserId] = member with { Organisation = before.Texts[member.UserId], OrganisationId = null };
            }
        });
        await Rewrite<RecommendationState>(host, storage, grains.GetGrain<Contracts.Recommendations.IRecommendationGrain>(before.RecommendationId), "recommendation",
            s => s.Stances = s.Stances.Select(x => x with { Organisation = before.Texts[x.By.Id], OrganisationId = null, Upgraded = false }).ToList());
        await Rewrite<SessionState>(host, storage, grains.GetGrain<Contracts.Sessions.ISessionGrain>(before.SessionId), "session", s =>
        {
            foreach (var (userId, attendance) in s.Attendance.ToArray())
            {
                s.Attendance[userId] = attendance with { OrganisationId = null, Person = attendance.Person with { Organisation = before.Texts[userId] } };
            }
        });
        await Rewrite<ServerState>(host, storage, grains.GetGrain<Contracts.Server.IServerGrain>(0), "server", s => s.OrganisationsVersion = 0);
        foreach (var organisation in organisations)
        {
            await Clear<OrganisationState>(host, storage, grains.GetGrain<IOrganisationGrain>(organisation.Id), "organisation");
        }

        await Clear<OrganisationDirectoryState>(host, storage, grains.GetGrain<IOrganisationDirectoryGrain>(0), "organisations");
    }

    private static async Task Rewrite<TState>(WorkspaceHost host, IGrainStorage storage, IAddressable grain, string name, Action<TState> change)
        where TState : class, new()
    {
        await Deactivate(host, grain);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(name, grain.GetGrainId(), stored);
        change(stored.State!);
        await storage.WriteStateAsync(name, grain.GetGrainId(), stored);
    }

    private static async Task Clear<TState>(WorkspaceHost host, IGrainStorage storage, IAddressable grain, string name) where TState : class, new()
    {
        await Deactivate(host, grain);
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(name, grain.GetGrainId(), stored);
        await storage.ClearStateAsync(name, grain.GetGrainId(), stored);
    }

    private static async Task<TState> Read<TState>(WorkspaceHost host, IGrainStorage storage, IAddressable grain, string name) where TState : class, new()
    {
        var stored = new GrainState<TState>();
        await storage.ReadStateAsync(name, grain.GetGrainId(), stored);
        return stored.State!;
    }

    private static async Task Deactivate(WorkspaceHost host, IAddressable grain)
    {
        var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(grain.GetGrainId());
        for (var i = 0; i < 500 && await management.GetActivationAddress(grain) is not null; i++)
        {
            await Task.Delay(10);
        }
    }

    private static async Task<string> Tally(ApiClient admin, Guid recommendationId) =>
        (await admin.Ok(HttpMethod.Get, $"/api/recommendations/{recommendationId}"))!["stanceTally"]!.ToJsonString();

    private static async Task<string> Report(ApiClient admin, Guid groupId)
    {
        using var response = await admin.Get($"/api/groups/{groupId}/reports/outcome");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> Minutes(ApiClient admin, Guid minutesId) =>
        (string)(await admin.Ok(HttpMethod.Get, $"/api/documents/{minutesId}/preview"))!["html"]!;
}
