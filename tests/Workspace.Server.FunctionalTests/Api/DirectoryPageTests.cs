using System.Text.Json.Nodes;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>
/// Issue 21, acceptance 2: an organisation's page shows the working groups it takes part in only among the
/// reader's own, and the adopted recommendations it endorsed only as far as the reader may read them —
/// enumerated for a member of the group, an observer of it (the members-only recommendation hidden), a
/// member of another group, a stranger in no group, a person who shares another group with it, and the
/// administrator. Never anyone's name or address.
/// </summary>
public sealed class DirectoryPageTests : HostedTest
{
    [Fact]
    public async Task Each_reader_sees_only_the_groups_and_endorsements_they_may_read()
    {
        var cast = await Cast.Create(Host);
        var world = await cast.NewWorld();
        var member = cast.People["member"];
        var facilitator = cast.People["facilitator"].Client;
        var organisation = cast.OrganisationOf(member.Email)!.Value;

        // The member's organisation endorses a members-only and an observers' recommendation, both adopted, and a draft.
        var membersOnly = await Recommendation(member.Client, world.GroupId, "Members-only endorsed reform", "members", "support");
        var open = await Recommendation(member.Client, world.GroupId, "Open endorsed reform", "observers", "support-with-reservations");
        var draft = await Recommendation(member.Client, world.GroupId, "Draft endorsed reform", "observers", "support");
        foreach (var id in new[] { membersOnly, open })
        {
            foreach (var to in new[] { "under-discussion", "proposed-for-adoption", "adopted" })
            {
                await facilitator.Ok(HttpMethod.Post, $"/api/recommendations/{id}/transitions", new { to });
            }
        }

        var otherGroup = await DirectoryApiTests.Person(cast.Admin, null, "MX", "Public procurement watch");
        var (loner, lonerGroup) = await Registered(cast.Admin);
        await loner.Ok(HttpMethod.Post, $"/api/groups/{lonerGroup}/leave");

        var readers = new (string Reader, ApiClient Client, string[] Groups, string[] Endorsed)[]
        {
            ("member of the group", cast.People["target"].Client, ["Integrity systems", "Lobby"], ["Members-only endorsed reform", "Open endorsed reform"]),
            ("observer of the group", cast.People["observer"].Client, ["Integrity systems", "Lobby"], ["Open endorsed reform"]),
            ("in the lobby only", cast.People["stranger"].Client, ["Lobby"], []),
            ("member of another group", otherGroup, [], []),
            ("stranger in no group", loner, [], []),
            ("administrator", cast.Admin, ["Integrity systems", "Lobby"], ["Members-only endorsed reform", "Open endorsed reform"]),
        };
        foreach (var (reader, client, groups, endorsed) in readers)
        {
            var page = (await client.Ok(HttpMethod.Get, $"/api/directory/{organisation}"))!;
            var raw = page.ToJsonString();
            Assert.True(groups.SequenceEqual(page["groups"]!.AsArray().Select(g => (string)g!["name"]!)), $"{reader}: {raw}");
            Assert.True(endorsed.Order(StringComparer.Ordinal).SequenceEqual(page["endorsed"]!.AsArray().Select(e => (string)e!["title"]!).Order(StringComparer.Ordinal)), $"{reader}: {raw}");

            // What they may not read is not in the answer at all, not even its id; nor is anyone's name or address.
            if (!endorsed.Contains("Members-only endorsed reform"))
            {
                Assert.DoesNotContain(membersOnly.ToString(), raw, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(draft.ToString(), raw, StringComparison.Ordinal);
            Assert.DoesNotContain("Public procurement watch", raw, StringComparison.Ordinal);
            Assert.DoesNotContain(member.Email, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(member.Id.ToString(), raw, StringComparison.Ordinal);
            Assert.Equal("member CSO", (string?)page["organisation"]!["name"]);
        }

        var adopted = (await cast.Admin.Ok(HttpMethod.Get, $"/api/directory/{organisation}"))!["endorsed"]!.AsArray().Single(e => (string)e!["title"]! == "Open endorsed reform")!;
        Assert.Equal(("support-with-reservations", world.GroupId.ToString(), open.ToString()), ((string?)adopted["stance"], (string?)adopted["group"]!["id"], (string?)adopted["id"]));
    }

    private static async Task<Guid> Recommendation(ApiClient member, Guid groupId, string title, string visibility, string stance)
    {
        var created = await member.Ok(HttpMethod.Post, $"/api/groups/{groupId}/recommendations", Cast.Recommendation(title, visibility));
        var id = Guid.Parse((string)created!["recommendation"]!["id"]!);
        await member.Ok(HttpMethod.Put, $"/api/recommendations/{id}/stance", new { stance });
        return id;
    }

    private static async Task<(ApiClient Client, Guid GroupId)> Registered(ApiClient admin)
    {
        var groupId = await Cast.CreateGroup(admin, $"Passing through {Guid.NewGuid():N}", null);
        var link = await Cast.Invite(admin, groupId, "member");
        var client = new ApiClient(admin.BaseAddress);
        await client.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email = $"loner.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "Loner", country = "CO",
        });
        return (client, groupId);
    }
}
