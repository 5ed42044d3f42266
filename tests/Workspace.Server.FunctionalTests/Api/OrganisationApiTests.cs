using System.Net;
using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>Organisations over HTTP: the stance of an organisation cannot be taken over, and its administration.</summary>
public sealed class OrganisationApiTests : HostedTest
{
    [Fact]
    public async Task A_newcomer_typing_an_existing_name_differently_joins_it_pending_and_cannot_change_its_stance()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var adopted = world.AdoptedRecommendationId;

        // "Órgano Ciudadano" is verified; its confirmed person records its support.
        var lucia = await Join(cast, world, "lucia", "Órgano Ciudadano");
        await Cast.Vouch(cast.Admin, lucia.OrganisationId, lucia.Id);
        await lucia.Client.Ok(HttpMethod.Put, $"/api/recommendations/{adopted}/stance", new { stance = "support" });
        var tallyBefore = await Tally(cast, adopted);
        var reportBefore = await Report(cast, world);
        Assert.Contains("Órgano Ciudadano", reportBefore, StringComparison.Ordinal);

        // A newcomer searching under their invitation link is offered it, in other capitals and without accents.
        var link = await Cast.Invite(cast.Admin, world.GroupId, "member");
        var offered = (await Host.NewClient().Ok(HttpMethod.Get, $"/api/invitations/{link}/organisations?q=ORGANO%20CIUDADANO"))!.AsArray();
        Assert.Equal(lucia.OrganisationId, Guid.Parse((string)offered[0]!["id"]!));
        Assert.Equal("verified", (string)offered[0]!["status"]!);

        // Proposing the name anyway (rather than picking it) joins the existing organisation, pending.
        var newcomer = Host.NewClient();
        var registered = await newcomer.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = $"newcomer.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "Newcomer",
            organisation = "ORGANO CIUDADANO", country = "PE",
        });
        Assert.Equal(lucia.OrganisationId, Guid.Parse((string)registered!["user"]!["organisationId"]!));
        Assert.Equal("pending", (string)registered["user"]!["organisationTie"]!);

        newcomer.Language = "es";
        using var refused = await newcomer.Put($"/api/recommendations/{adopted}/stance", new { stance = "oppose" });
        var problem = await Problem.Assert(refused, HttpStatusCode.Forbidden, "stance.tie-not-confirmed");
        Assert.Contains("vínculo", (string)problem["title"]!, StringComparison.Ordinal);

        Assert.Equal(tallyBefore, await Tally(cast, adopted));
        Assert.Equal(reportBefore, await Report(cast, world));
        var mine = await newcomer.Ok(HttpMethod.Get, "/api/me/organisation");
        Assert.Equal((false, "stance.tie-not-confirmed"), ((bool)mine!["mayTakeStances"]!, (string?)mine["reason"]));
    }

    [Fact]
    public async Task Refusals_say_why_no_organisation_not_verified_not_confirmed()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var independent = await Join(cast, world, "ines", null);
        var unverified = await Join(cast, world, "pablo", $"Nueva Red {Guid.NewGuid():N}");
        await cast.Admin.Ok(HttpMethod.Post, $"/api/organisations/{unverified.OrganisationId}/people/{unverified.Id}/confirm");

        async Task Refused(ApiClient client, string code)
        {
            using var response = await client.Put($"/api/recommendations/{world.RecommendationId}/stance", new { stance = "support" });
            await Problem.Assert(response, HttpStatusCode.Forbidden, code);
        }

        await Refused(independent.Client, "stance.no-organisation");
        await Refused(unverified.Client, "stance.organisation-not-verified");
        Assert.Empty((await cast.Admin.Ok(HttpMethod.Get, $"/api/recommendations/{world.RecommendationId}"))!["stances"]!.AsArray());
    }

    [Fact]
    public async Task A_contact_of_a_verified_organisation_confirms_its_people_only()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var contact = await Join(cast, world, "rosa", $"Transparencia Sur {Guid.NewGuid():N}");
        var colleague = await Join(cast, world, "tomas", null);
        await colleague.Client.Ok(HttpMethod.Put, "/api/me/organisation", new { organisationId = contact.OrganisationId });
        var stranger = cast.People["member"];

        // Not yet a contact, then a contact of an unverified organisation: refused.
        using var notContact = await contact.Client.Post($"/api/organisations/{contact.OrganisationId}/people/{colleague.Id}/confirm");
        await Problem.Assert(notContact, HttpStatusCode.Forbidden, "organisation.contacts-only");
        await cast.Admin.Ok(HttpMethod.Post, $"/api/organisations/{contact.OrganisationId}/people/{contact.Id}/confirm");
        await cast.Admin.Ok(HttpMethod.Put, $"/api/admin/organisations/{contact.OrganisationId}/contacts/{contact.Id}", new { contact = true });
        using var unverified = await contact.Client.Post($"/api/organisations/{contact.OrganisationId}/people/{colleague.Id}/confirm");
        await Problem.Assert(unverified, HttpStatusCode.Forbidden, "organisation.contacts-only");

        await cast.Admin.Ok(HttpMethod.Post, $"/api/admin/organisations/{contact.OrganisationId}/verify");
        var confirmed = await contact.Client.Ok(HttpMethod.Post, $"/api/organisations/{contact.OrganisationId}/people/{colleague.Id}/confirm");
        Assert.Contains(confirmed!["people"]!.AsArray(), p => (Guid)p!["userId"]! == colleague.Id && (string)p["tie"]! == "confirmed");

        // Someone of another organisation: refused, and their tie is untouched.
        var otherOrganisation = cast.OrganisationOf(stranger.Email)!.Value;
        using var other = await contact.Client.Post($"/api/organisations/{otherOrganisation}/people/{stranger.Id}/decline");
        await Problem.Assert(other, HttpStatusCode.Forbidden, "organisation.contacts-only");
        Assert.Equal("confirmed", (string)(await stranger.Client.Ok(HttpMethod.Get, "/api/me/organisation"))!["tie"]!);

        // The confirmed colleague now speaks for it; changing organisation makes the tie pending again.
        await colleague.Client.Ok(HttpMethod.Put, $"/api/recommendations/{world.RecommendationId}/stance", new { stance = "support" });
        var moved = await colleague.Client.Ok(HttpMethod.Put, "/api/me/organisation", new { organisation = $"Otra Red {Guid.NewGuid():N}", organisationKind = "academia" });
        Assert.Equal(("pending", "stance.organisation-not-verified"), ((string)moved!["tie"]!, (string)moved["reason"]!));
    }

    [Fact]
    public async Task Merge_moves_people_and_stances_remove_makes_people_independent()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var first = await Join(cast, world, "ana", $"Observatorio {Guid.NewGuid():N}");
        await Cast.Vouch(cast.Admin, first.OrganisationId, first.Id);
        await first.Client.Ok(HttpMethod.Put, $"/api/recommendations/{world.RecommendationId}/stance", new { stance = "oppose" });
        var survivorName = $"Observatorio Nacional {Guid.NewGuid():N}";
        var survivor = await Join(cast, world, "bea", survivorName);
        await Cast.Vouch(cast.Admin, survivor.OrganisationId, survivor.Id);

        await cast.Admin.Ok(HttpMethod.Post, $"/api/admin/organisations/{first.OrganisationId}/merge", new { survivorId = survivor.OrganisationId });

        var stance = (await cast.Admin.Ok(HttpMethod.Get, $"/api/recommendations/{world.RecommendationId}"))!["stances"]!.AsArray()
            .Single(s => (Guid?)s!["organisationId"] == survivor.OrganisationId);
        Assert.Equal((survivorName, "oppose"), ((string)stance!["organisation"]!, (string)stance["stance"]!));
        var mine = await first.Client.Ok(HttpMethod.Get, "/api/me/organisation");
        Assert.Equal((survivor.OrganisationId, "confirmed"), (Guid.Parse((string)mine!["organisation"]!["id"]!), (string)mine["tie"]!));
        Assert.Equal("organisation.merged", (string)(await cast.Admin.Ok(HttpMethod.Get, "/api/admin/organisations/audit"))![0]!["action"]!);

        using var removed = await cast.Admin.Delete($"/api/admin/organisations/{survivor.OrganisationId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null((await first.Client.Ok(HttpMethod.Get, "/api/me/organisation"))!["organisation"]);
        Assert.Null((await survivor.Client.Ok(HttpMethod.Get, "/api/session"))!["user"]!["organisationId"]);
        Assert.DoesNotContain((await cast.Admin.Ok(HttpMethod.Get, $"/api/recommendations/{world.RecommendationId}"))!["stances"]!.AsArray(),
            s => (string)s!["organisation"]! == survivorName);
    }

    [Fact]
    public async Task Bad_details_are_refused_and_change_nothing()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var path = $"/api/admin/organisations/{world.OrganisationId}";
        var before = (await cast.Admin.Ok(HttpMethod.Get, path))!.ToJsonString();

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { name = "Renamed", country = "XX", kind = "media" }, "country"),
            (new { name = "Renamed", country = "MX", kind = "media", website = "javascript:alert(1)" }, "website"),
            (new { name = "Renamed", country = "MX", kind = "media", articles = new[] { "Art. 99" } }, "articles"),
            (new { name = "Re\u0007named", country = "MX", kind = "media" }, "name"),
            (new { name = new string('x', 151), country = "MX", kind = "media" }, "name"),
            (new { name = "Renamed", country = "MX", kind = "media", description = new string('x', 4001) }, "description"),
        })
        {
            using var response = await cast.Admin.Put(path, body);
            var problem = await Problem.Assert(response, HttpStatusCode.BadRequest, "validation.failed");
            Assert.Contains(field, problem["fieldErrors"]!.AsArray().Select(e => (string)e!["field"]!));
        }

        using var kind = await cast.Admin.Put(path, new { name = "Renamed", country = "MX", kind = "embassy" });
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Equal(before, (await cast.Admin.Ok(HttpMethod.Get, path))!.ToJsonString());
    }

    private sealed record Person(Guid Id, Guid OrganisationId, ApiClient Client);

    /// <summary>A new person, registered through an invitation to the world's group as a member, with the organisation they type.</summary>
    private async Task<Person> Join(Cast cast, World world, string name, string? organisation)
    {
        var link = await Cast.Invite(cast.Admin, world.GroupId, "member");
        var client = Host.NewClient();
        var registered = await client.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = $"{name}.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = name, organisation, country = "CO",
        });
        var user = registered!["user"]!;
        return new Person(Guid.Parse((string)user["id"]!), user["organisationId"] is JsonNode id ? Guid.Parse((string)id!) : Guid.Empty, client);
    }

    private static async Task<string> Tally(Cast cast, Guid recommendationId) =>
        (await cast.Admin.Ok(HttpMethod.Get, $"/api/recommendations/{recommendationId}"))!["stanceTally"]!.ToJsonString();

    private static async Task<string> Report(Cast cast, World world)
    {
        using var response = await cast.Admin.Get($"/api/groups/{world.GroupId}/reports/outcome");
        return await response.Content.ReadAsStringAsync();
    }
}
