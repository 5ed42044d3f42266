using System.Text.Json.Nodes;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>People with accounts on one host: the administrator and five others, each with a signed-in client.</summary>
public sealed class Cast
{
    private readonly Dictionary<string, Guid> _organisations;

    private Cast(Dictionary<string, (string Email, Guid Id, ApiClient Client)> people, Dictionary<string, Guid> organisations)
    {
        People = people;
        _organisations = organisations;
    }

    public IReadOnlyDictionary<string, (string Email, Guid Id, ApiClient Client)> People { get; }

    public ApiClient Admin => People["admin"].Client;

    /// <summary>The organisation a person of the cast registered with (verified, their tie confirmed).</summary>
    public Guid? OrganisationOf(string? email) => email is not null && _organisations.TryGetValue(email, out var id) ? id : null;

    public static Task<Cast> Create(WorkspaceHost host) => Create(host.NewClient);

    public static async Task<Cast> Create(Func<ApiClient> newClient)
    {
        var admin = newClient();
        await admin.SignIn(Personas.AdminEmail);
        var session = await admin.Ok(HttpMethod.Get, "/api/session");
        var adminId = Guid.Parse((string)session!["user"]!["id"]!);
        var people = new Dictionary<string, (string, Guid, ApiClient)> { ["admin"] = (Personas.AdminEmail, adminId, admin) };
        var organisations = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if ((string?)session["user"]!["organisationId"] is { } adminOrganisation)
        {
            organisations[Personas.AdminEmail] = Guid.Parse(adminOrganisation);
        }

        // Everyone registers through an invitation to a lobby group, then the lobby is irrelevant.
        var lobby = await CreateGroup(admin, "Lobby", null);
        foreach (var name in new[] { "facilitator", "member", "observer", "target", "stranger" })
        {
            var email = $"{name}.{Guid.NewGuid():N}@example.org";
            var link = await Invite(admin, lobby, "member");
            var client = newClient();
            var registered = await client.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
            {
                email, password = Personas.Password, displayName = char.ToUpperInvariant(name[0]) + name[1..], organisation = $"{name} CSO", country = "PE",
            });
            var userId = Guid.Parse((string)registered!["user"]!["id"]!);
            var organisationId = Guid.Parse((string)registered["user"]!["organisationId"]!);
            await Vouch(admin, organisationId, userId);
            people[name] = (email, userId, client);
            organisations[email] = organisationId;
        }

        return new Cast(people, organisations);
    }

    /// <summary>The administrator verifies the organisation and confirms the person's tie, so that they may record its stances.</summary>
    public static async Task Vouch(ApiClient admin, Guid organisationId, Guid userId)
    {
        await admin.Ok(HttpMethod.Post, $"/api/admin/organisations/{organisationId}/verify");
        await admin.Ok(HttpMethod.Post, $"/api/organisations/{organisationId}/people/{userId}/confirm");
    }

    /// <summary>A fresh group in which facilitator, member, observer and target hold their roles.</summary>
    public async Task<World> NewWorld()
    {
        var groupId = await CreateGroup(Admin, "Integrity systems", People["facilitator"].Id);
        foreach (var (name, role) in new[] { ("member", "member"), ("observer", "observer"), ("target", "member") })
        {
            var link = await Invite(Admin, groupId, role);
            await People[name].Client.Ok(HttpMethod.Post, $"/api/invitations/{link}/accept");
        }

        var invitation = await Admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/invitations", new { role = "member", expiresInDays = 7, maxUses = 50 });
        var token = ((string)invitation!["url"]!).Split('/').Last();
        var document = await Admin.Ok(HttpMethod.Post, $"/api/groups/{groupId}/documents", new { title = "Draft recommendations", visibility = "members" });

        // A members-only draft recommendation with a member's comment and amendment and an open poll, and an adopted one.
        var member = People["member"].Client;
        var facilitator = People["facilitator"].Client;
        var draft = await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", Recommendation("Protect reporting persons"));
        var draftId = Guid.Parse((string)draft!["recommendation"]!["id"]!);
        var commented = await member.Ok(HttpMethod.Post, $"/api/recommendations/{draftId}/comments", new { markdown = "Cite Art. 33?" });
        var amended = await member.Ok(HttpMethod.Post, $"/api/recommendations/{draftId}/amendments", new { revision = 1, from = 0, to = 3, replacement = "Each", reason = "Clearer" });
        var polled = await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{draftId}/polls", new { question = "Ready?" });
        var adopted = await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", Recommendation("Publish asset declarations"));
        var adoptedId = Guid.Parse((string)adopted!["recommendation"]!["id"]!);
        foreach (var to in new[] { "under-discussion", "proposed-for-adoption", "adopted" })
        {
            await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{adoptedId}/transitions", new { to });
        }

        var session = await facilitator.Ok(HttpMethod.Post, $"/api/groups/{groupId}/sessions", new
        {
            title = "Roundtable day 1", scheduledStart = DateTimeOffset.UtcNow.AddDays(1),
            agenda = new[] { new { title = "Protect reporting persons", target = "recommendation", targetId = draftId, minutes = 20 } },
        });
        // Two organisations of the world's own (to edit, merge, remove): the target is tied to the first, pending.
        var organisation = await NewOrganisation(Admin, "Integrity Network");
        var second = await NewOrganisation(Admin, "Integrity Alliance");
        await People["target"].Client.Ok(HttpMethod.Put, "/api/me/organisation", new { organisationId = organisation });

        // A library entry for the group only (issue 21), shared by the member, with a file, cited by the adopted recommendation.
        var entry = await member.Ok(HttpMethod.Post, "/api/library", new
        {
            title = "Parallel report", summary = "Findings.", kind = "parallel-report", countries = new[] { "MX" }, articles = new[] { "Art. 33" }, language = "en", groupId,
        });
        var entryId = Guid.Parse((string)entry!["id"]!);
        using var upload = await member.Send(HttpMethod.Post, $"/api/library/{entryId}/files", content: new MultipartFormDataContent
        {
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "report.pdf" },
        });
        var file = JsonNode.Parse(await upload.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
        var citation = await member.Ok(HttpMethod.Post, $"/api/library/{entryId}/citations", new { kind = "recommendation", groupId, targetId = adoptedId });
        return new World(groupId, People["target"].Id, Guid.Parse((string)invitation["id"]!), token, Guid.Parse((string)document!["id"]!))
        {
            OrganisationId = organisation,
            SecondOrganisationId = second,
            SessionId = Guid.Parse((string)session!["id"]!),
            RecommendationId = draftId,
            CommentId = Guid.Parse((string)commented!["comments"]![0]!["id"]!),
            AmendmentId = Guid.Parse((string)amended!["amendments"]![0]!["id"]!),
            PollId = Guid.Parse((string)polled!["polls"]![0]!["id"]!),
            AdoptedRecommendationId = adoptedId,
            LibraryEntryId = entryId,
            LibraryFileId = Guid.Parse((string)file["id"]!),
            LibraryCitationId = Guid.Parse((string)citation!["id"]!),
        };
    }

    public static async Task<Guid> NewOrganisation(ApiClient admin, string name)
    {
        var created = await admin.Ok(HttpMethod.Post, "/api/admin/organisations", new { name = $"{name} {Guid.NewGuid():N}", country = "PE", kind = "network-or-coalition" });
        return Guid.Parse((string)created!["id"]!);
    }

    public static object Recommendation(string title, string visibility = "members") => new
    {
        title, thematicArea = "Whistleblower protection", articles = new[] { "Art. 33" }, addressees = new[] { "Congress" },
        countries = new[] { "MX", "CO" }, visibility, body = "The State shall protect reporting persons.",
    };

    /// <summary>A group, with a facilitator chosen by person (the cast's addresses are unconfirmed: no mail server).</summary>
    public static async Task<Guid> CreateGroup(ApiClient admin, string name, Guid? facilitatorId)
    {
        var group = await admin.Ok(HttpMethod.Post, "/api/groups", new
        {
            name, thematicArea = "UNCAC Art. 8.4", description = "A working group.", countries = new[] { "MX", "CO" }, languages = new[] { "es" }, facilitatorId,
        });
        return Guid.Parse((string)group!["id"]!);
    }

    public static async Task<string> Invite(ApiClient inviter, Guid groupId, string role, int maxUses = 1)
    {
        var invitation = await inviter.Ok(HttpMethod.Post, $"/api/groups/{groupId}/invitations", new { role, expiresInDays = 7, maxUses });
        return ((string)invitation!["url"]!).Split('/').Last();
    }
}

/// <summary>One group's ids, for filling in route parameters.</summary>
public sealed record World(Guid GroupId, Guid TargetUserId, Guid InvitationId, string InvitationToken, Guid DocumentId)
{
    public Guid RecommendationId { get; init; }

    public Guid CommentId { get; init; }

    public Guid AmendmentId { get; init; }

    public Guid PollId { get; init; }

    public Guid AdoptedRecommendationId { get; init; }

    public Guid SessionId { get; init; }

    public Guid OrganisationId { get; init; }

    public Guid SecondOrganisationId { get; init; }

    public Guid LibraryEntryId { get; init; }

    public Guid LibraryFileId { get; init; }

    public Guid LibraryCitationId { get; init; }
}

public static class JsonNodeExtensions
{
    public static string[] Strings(this JsonNode? node, string property) =>
        node!.AsArray().Select(n => (string)n![property]!).ToArray();
}
