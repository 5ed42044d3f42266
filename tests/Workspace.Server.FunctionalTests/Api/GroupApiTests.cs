using System.Net;
using System.Text;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

public sealed class GroupApiTests : HostedTest
{
    private Cast _cast = null!;

    public override async Task InitializeAsync() => _cast = await Cast.Create(Host);

    [Fact]
    public async Task A_person_opens_an_invitation_creates_an_account_and_sees_the_group()
    {
        var world = await _cast.NewWorld();
        var link = await Cast.Invite(_cast.People["facilitator"].Client, world.GroupId, "observer");
        using var guest = Host.NewClient();

        var preview = await guest.Ok(HttpMethod.Get, $"/api/invitations/{link}");
        var joined = await guest.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = "embassy.guest@example.org", password = Personas.Password, displayName = "Greta", organisation = "Embassy", country = "SE",
        });
        var groups = await guest.Ok(HttpMethod.Get, "/api/groups");
        var members = await guest.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/members");
        var detail = await guest.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}");

        Assert.Equal(("Integrity systems", "observer", "active"), ((string?)preview!["groupName"], (string?)preview["role"], (string?)preview["status"]));
        Assert.Equal("observer", (string?)joined!["group"]!["myRole"]);
        Assert.Equal([world.GroupId.ToString()], groups.Strings("id"));
        // An observer of a group that hides names (the default): organisations, countries and roles, no names or user
        // ids — but for her own row.
        var others = members!.AsArray().Where(m => (string?)m!["organisation"] != "Embassy").ToArray();
        Assert.NotEmpty(others);
        Assert.All(others, m => Assert.Equal((null, null), ((string?)m!["displayName"], (string?)m["userId"])));
        Assert.Contains(members.AsArray(), m => (string?)m!["displayName"] == "Greta" && (string?)m["organisation"] == "Embassy" && (string?)m["country"] == "SE" && (string?)m["role"] == "observer");
        Assert.False((bool)detail!["canManage"]!);
    }

    [Fact]
    public async Task Used_up_and_revoked_links_are_refused_and_store_nothing()
    {
        var world = await _cast.NewWorld();
        var facilitator = _cast.People["facilitator"].Client;
        var single = await Cast.Invite(facilitator, world.GroupId, "member", maxUses: 1);
        await _cast.People["stranger"].Client.Ok(HttpMethod.Post, $"/api/invitations/{single}/accept");
        var revoked = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/invitations", new { role = "member", expiresInDays = 1, maxUses = 5 });
        await facilitator.Ok(HttpMethod.Delete, $"/api/groups/{world.GroupId}/invitations/{revoked!["id"]}");
        var revokedToken = ((string)revoked["url"]!).Split('/').Last();
        using var late = Host.NewClient();

        using var usedUp = await late.Post($"/api/invitations/{single}/register", NewPerson("late@example.org"));
        using var wasRevoked = await late.Post($"/api/invitations/{revokedToken}/register", NewPerson("late@example.org"));
        using var unknown = await late.Get("/api/invitations/not-a-real-token");
        using var signIn = await late.Post("/api/auth/sign-in", new { email = "late@example.org", password = Personas.Password });
        var invitations = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/invitations");

        await Problem.Assert(usedUp, HttpStatusCode.Gone, "invitation.used-up");
        await Problem.Assert(wasRevoked, HttpStatusCode.Gone, "invitation.revoked");
        await Problem.Assert(unknown, HttpStatusCode.NotFound, "invitation.not-found");
        await Problem.Assert(signIn, HttpStatusCode.Unauthorized, "auth.invalid-credentials");
        Assert.Contains("used-up", invitations.Strings("status"));
        Assert.Contains("revoked", invitations.Strings("status"));
        Assert.All(invitations!.AsArray(), i => Assert.Null((string?)i!["url"]));
    }

    [Fact]
    public async Task Registering_a_confirmed_email_is_a_conflict_and_does_not_use_the_link()
    {
        var world = await _cast.NewWorld();
        var facilitator = _cast.People["facilitator"].Client;
        var link = await Cast.Invite(facilitator, world.GroupId, "member", maxUses: 1);
        using var someone = Host.NewClient();

        using var duplicate = await someone.Post($"/api/invitations/{link}/register", NewPerson(Personas.AdminEmail.ToUpperInvariant())); // confirmed at setup
        var preview = await someone.Ok(HttpMethod.Get, $"/api/invitations/{link}");

        var problem = await Problem.Assert(duplicate, HttpStatusCode.Conflict, "account.email-taken");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.Equal("active", (string?)preview!["status"]);
    }

    [Fact]
    public async Task Bad_group_input_gets_field_errors_and_nothing_is_created()
    {
        var admin = _cast.Admin;
        var before = (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count;

        using var missing = await admin.Post("/api/groups", new { description = "no name" });
        using var tooLong = await admin.Post("/api/groups", new { name = new string('n', 121), thematicArea = "T", countries = new[] { "Mexico" }, languages = new[] { "klingon" } });
        using var wrongTypes = await admin.Send(HttpMethod.Post, "/api/groups", content: new StringContent("{\"name\": 42, \"countries\": \"MX\"}", Encoding.UTF8, "application/json"));
        using var notJson = await admin.Send(HttpMethod.Post, "/api/groups", content: new StringContent("name=x", Encoding.UTF8, "application/json"));
        using var unknownFacilitator = await admin.Post("/api/groups", new { name = "X", thematicArea = "T", facilitatorEmail = "ghost@example.org" });
        var after = (await admin.Ok(HttpMethod.Get, "/api/groups"))!.AsArray().Count;

        var missingProblem = await Problem.Assert(missing, HttpStatusCode.BadRequest, "validation.failed");
        var longProblem = await Problem.Assert(tooLong, HttpStatusCode.BadRequest, "validation.failed");
        await Problem.Assert(wrongTypes, HttpStatusCode.BadRequest, "request.malformed");
        await Problem.Assert(notJson, HttpStatusCode.BadRequest, "request.malformed");
        await Problem.Assert(unknownFacilitator, HttpStatusCode.BadRequest, "account.no-confirmed-account");
        Assert.Equal(["name", "thematicArea"], missingProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Equal(["countries", "languages", "name"], longProblem["errors"]!.AsObject().Select(p => p.Key).Order().ToArray());
        Assert.Equal("This is too long (at most 120).", (string?)longProblem["errors"]!["name"]![0]);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        var world = await _cast.NewWorld();
        var facilitator = _cast.People["facilitator"].Client;

        using var group = await _cast.Admin.Get($"/api/groups/{Guid.NewGuid()}");
        using var member = await facilitator.Delete($"/api/groups/{world.GroupId}/members/{Guid.NewGuid()}");
        using var invitation = await facilitator.Delete($"/api/groups/{world.GroupId}/invitations/{Guid.NewGuid()}");
        using var notAGuid = await facilitator.Get("/api/groups/not-a-guid");

        await Problem.Assert(group, HttpStatusCode.NotFound, "group.not-found");
        await Problem.Assert(member, HttpStatusCode.NotFound, "group.member-not-found");
        await Problem.Assert(invitation, HttpStatusCode.NotFound, "invitation.not-found");
        await Problem.Assert(notAGuid, HttpStatusCode.NotFound, "request.not-found");
    }

    [Fact]
    public async Task Facilitator_manages_roles_and_the_audit_log_says_who_did_it()
    {
        var world = await _cast.NewWorld();
        var facilitator = _cast.People["facilitator"].Client;

        await facilitator.Ok(HttpMethod.Put, $"/api/groups/{world.GroupId}/members/{world.TargetUserId}/role", new { role = "facilitator" });
        using var badRole = await facilitator.Put($"/api/groups/{world.GroupId}/members/{world.TargetUserId}/role", new { role = "boss" });
        await facilitator.Ok(HttpMethod.Delete, $"/api/groups/{world.GroupId}/members/{_cast.People["member"].Id}");
        await _cast.People["observer"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/leave");
        var audit = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/audit");
        var members = await facilitator.Ok(HttpMethod.Get, $"/api/groups/{world.GroupId}/members");
        using var removedLooks = await _cast.People["member"].Client.Get($"/api/groups/{world.GroupId}");

        await Problem.Assert(badRole, HttpStatusCode.BadRequest, "request.malformed");
        Assert.Equal(["member.left", "member.removed", "member.role-changed"], audit.Strings("action").Take(3).ToArray());
        Assert.Equal(["Facilitator", "Facilitator"], audit!.AsArray().Skip(1).Take(2).Select(a => (string)a!["actorName"]!).ToArray());
        Assert.Equal(["facilitator", "facilitator"], members.Strings("role"));
        await Problem.Assert(removedLooks, HttpStatusCode.NotFound, "group.not-found");
    }

    private static object NewPerson(string email) =>
        new { email, password = Personas.Password, displayName = "Late", organisation = "CSO", country = "AR" };
}
