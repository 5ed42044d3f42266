using System.Net;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Library;

/// <summary>
/// Who reads what, enumerated: a network entry is for every signed-in person (observers of any group and people
/// with no group included); a group entry for that group's members and facilitators (and the administrator) —
/// not its observers, not members of other groups, not strangers — on the list, the entry, its files and its citations.
/// Looked for as a unique marker in the raw answers, not only in parsed results.
/// </summary>
public sealed class LibraryVisibilityTests : HostedTest
{
    private const string NetworkMarker = "Qzvnetworkentry";
    private const string GroupMarker = "Qzvgrouponlyentry";
    private static readonly string[] Everyone = ["member", "facilitator", "observer", "outsider", "stranger", "admin"];
    private static readonly string[] GroupReaders = ["member", "facilitator", "admin"];

    [Fact]
    public async Task Network_entries_reach_everyone_signed_in_and_group_entries_only_that_groups_members_and_facilitators()
    {
        var scene = await LibraryScene.Create(Host);
        var member = scene.Client("member");
        var network = await LibraryScene.Share(member, LibraryScene.Entry($"Whistleblower guide {NetworkMarker}"));
        var group = await LibraryScene.Share(member, LibraryScene.Entry($"Draft lessons {GroupMarker}", scene.World.GroupId));
        var networkFile = await LibraryScene.UploadOk(member, network, LibraryFiles.Pdf(), "guide.pdf");
        var groupFile = await LibraryScene.UploadOk(member, group, LibraryFiles.Pdf(), "lessons.pdf");

        // The group entry is cited from the group's adopted recommendation: readers outside see neither entry nor citation.
        await member.Ok(HttpMethod.Post, $"/api/library/{group}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId });

        foreach (var person in Everyone)
        {
            var client = scene.Client(person);
            var readsGroup = GroupReaders.Contains(person);

            var list = await (await client.Get("/api/library?limit=50")).Content.ReadAsStringAsync();
            Assert.True(list.Contains(NetworkMarker, StringComparison.Ordinal), $"{person} should find the network entry");
            Assert.True(list.Contains(GroupMarker, StringComparison.Ordinal) == readsGroup, $"{person}: group entry in the list: {list}");
            var searched = await (await client.Get($"/api/library?q={GroupMarker}")).Content.ReadAsStringAsync();
            Assert.True(searched.Contains(GroupMarker, StringComparison.Ordinal) == readsGroup, $"{person}: group entry by its text");
            var byGroup = await (await client.Get($"/api/library?group={scene.World.GroupId}")).Content.ReadAsStringAsync();
            Assert.True(byGroup.Contains(GroupMarker, StringComparison.Ordinal) == readsGroup, $"{person}: group entry by its group");

            using (var read = await client.Get($"/api/library/{network}"))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }

            using (var download = await client.Get($"/api/library/{network}/files/{networkFile}"))
            {
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            }

            using (var read = await client.Get($"/api/library/{group}"))
            {
                var text = await read.Content.ReadAsStringAsync();
                if (readsGroup)
                {
                    Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                    Assert.Contains("Publish asset declarations", text, StringComparison.Ordinal); // the citation's title
                }
                else
                {
                    await Problem.Assert(read, HttpStatusCode.NotFound, ErrorCodes.LibraryEntryNotFound);
                    Assert.DoesNotContain(GroupMarker, text, StringComparison.Ordinal);
                }
            }

            using (var download = await client.Get($"/api/library/{group}/files/{groupFile}"))
            {
                Assert.Equal(readsGroup ? HttpStatusCode.OK : HttpStatusCode.NotFound, download.StatusCode);
            }

            using (var cite = await client.Post($"/api/library/{group}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId }))
            {
                Assert.Equal(readsGroup ? HttpStatusCode.Created : HttpStatusCode.NotFound, cite.StatusCode);
            }

            using (var cited = await client.Get($"/api/recommendations/{scene.World.AdoptedRecommendationId}/library"))
            {
                var text = await cited.Content.ReadAsStringAsync();
                Assert.DoesNotContain(GroupMarker, readsGroup ? string.Empty : text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Citations_a_reader_may_not_open_are_only_counted_and_observers_may_not_cite()
    {
        var scene = await LibraryScene.Create(Host);
        var member = scene.Client("member");
        var network = await LibraryScene.Share(scene.Outsider, LibraryScene.Entry("Asset recovery toolkit", kind: "toolkit"));
        await member.Ok(HttpMethod.Post, $"/api/library/{network}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId });
        await member.Ok(HttpMethod.Post, $"/api/library/{network}/citations", new { kind = "followUp", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId, country = "mx" });
        await member.Ok(HttpMethod.Post, $"/api/library/{network}/citations", new { kind = "document", groupId = scene.World.GroupId, targetId = scene.World.DocumentId });

        var seenByMember = await member.Ok(HttpMethod.Get, $"/api/library/{network}");
        Assert.Equal(3, seenByMember!["citations"]!.AsArray().Count);
        Assert.Equal(0, (int)seenByMember["hiddenCitations"]!);
        Assert.Equal(3, (int)seenByMember["uses"]!);

        // The outsider shared it, but the group's recommendation and document are not theirs to read: counted, never named.
        using var outsiderView = await scene.Outsider.Get($"/api/library/{network}");
        var raw = await outsiderView.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Publish asset declarations", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft recommendations", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(scene.World.GroupId.ToString(), raw, StringComparison.Ordinal);
        var outsider = System.Text.Json.Nodes.JsonNode.Parse(raw)!;
        Assert.Empty(outsider["citations"]!.AsArray());
        Assert.Equal(3, (int)outsider["hiddenCitations"]!);

        // The observer reads the entry and the adopted recommendation but may not cite from the group; the draft may not cite at all.
        using var byObserver = await scene.Client("observer").Post($"/api/library/{network}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId });
        await Problem.Assert(byObserver, HttpStatusCode.Forbidden, ErrorCodes.LibraryCiteMembersOnly);
        using var fromDraft = await member.Post($"/api/library/{network}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.RecommendationId });
        await Problem.Assert(fromDraft, HttpStatusCode.Conflict, ErrorCodes.LibraryCiteAdoptedOnly);
        using var byOutsider = await scene.Outsider.Post($"/api/library/{network}/citations", new { kind = "recommendation", groupId = scene.World.GroupId, targetId = scene.World.AdoptedRecommendationId });
        await Problem.Assert(byOutsider, HttpStatusCode.NotFound, ErrorCodes.GroupNotFound);

        // The recommendation's thread lists what it cites (the world's own group entry too); removing a citation takes it off.
        var cited = await member.Ok(HttpMethod.Get, $"/api/recommendations/{scene.World.AdoptedRecommendationId}/library");
        Assert.Equal(["Asset recovery toolkit", "Asset recovery toolkit", "Parallel report"], cited!.AsArray().Select(c => (string)c!["title"]!).Order().ToArray());
        var citedByOutsider = await scene.Outsider.Get($"/api/recommendations/{scene.World.AdoptedRecommendationId}/library");
        Assert.Equal(HttpStatusCode.NotFound, citedByOutsider.StatusCode);

        // The document's page lists what it cites; the members-only document does not exist for its observer nor outsiders.
        var citedByDocument = await member.Ok(HttpMethod.Get, $"/api/documents/{scene.World.DocumentId}/library");
        Assert.Equal(["Asset recovery toolkit"], citedByDocument!.AsArray().Select(c => (string)c!["title"]!).ToArray());
        Assert.Equal("document", (string)citedByDocument.AsArray()[0]!["kind"]!);
        foreach (var stranger in new[] { scene.Client("observer"), scene.Outsider })
        {
            using var refused = await stranger.Get($"/api/documents/{scene.World.DocumentId}/library");
            await Problem.Assert(refused, HttpStatusCode.NotFound, ErrorCodes.DocumentNotFound);
        }
        var citationId = (string)seenByMember["citations"]![0]!["id"]!;
        using var removedByObserver = await scene.Client("observer").Delete($"/api/library/{network}/citations/{citationId}");
        Assert.Equal(HttpStatusCode.NotFound, removedByObserver.StatusCode); // the members-only recommendation does not exist for them
        using var removed = await member.Delete($"/api/library/{network}/citations/{citationId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(2, (int)(await member.Ok(HttpMethod.Get, $"/api/library/{network}"))!["uses"]!);
    }

    [Fact]
    public async Task Only_the_sharer_a_contact_of_its_organisation_or_the_administrator_edit_and_withdraw_and_withdrawn_entries_leave_searches()
    {
        var scene = await LibraryScene.Create(Host);
        var member = scene.Client("member");
        var entry = await LibraryScene.Share(member, LibraryScene.Entry("Lessons from Peru", kind: "lesson-learned"));
        var change = LibraryScene.Entry("Lessons from Peru, revised", kind: "lesson-learned", countries: ["PE"]);

        using var byFacilitator = await scene.Client("facilitator").Put($"/api/library/{entry}", change);
        await Problem.Assert(byFacilitator, HttpStatusCode.Forbidden, ErrorCodes.LibraryEditorsOnly);
        using var withdrawnByStranger = await scene.Client("stranger").Post($"/api/library/{entry}/withdraw");
        await Problem.Assert(withdrawnByStranger, HttpStatusCode.Forbidden, ErrorCodes.LibraryEditorsOnly);
        Assert.Equal("Lessons from Peru, revised", (string?)(await scene.Cast.Admin.Ok(HttpMethod.Put, $"/api/library/{entry}", change))!["title"]);
        Assert.Equal(["Lessons from Peru, revised"], await LibraryScene.Titles(member, "?country=PE"));

        await member.Ok(HttpMethod.Post, $"/api/library/{entry}/withdraw");
        Assert.Empty(await LibraryScene.Titles(member, "?country=PE"));
        using var gone = await scene.Client("observer").Get($"/api/library/{entry}");
        await Problem.Assert(gone, HttpStatusCode.Gone, ErrorCodes.LibraryEntryWithdrawn);
    }

    [Fact]
    public async Task Sharing_needs_a_confirmed_organisation_and_a_group_of_ones_own()
    {
        var scene = await LibraryScene.Create(Host);

        // Someone whose organisation is still pending (not verified) cannot share; told why.
        var pending = Host.NewClient();
        await pending.Ok(HttpMethod.Post, $"/api/invitations/{await Cast.Invite(scene.Cast.Admin, scene.World.GroupId, "member")}/register", new
        {
            email = $"pending.{Guid.NewGuid():N}@example.org", password = Personas.Password, displayName = "Pending", organisation = $"Pending CSO {Guid.NewGuid():N}", country = "MX",
        });
        using var refused = await pending.Post("/api/library", LibraryScene.Entry("Not yet"));
        await Problem.Assert(refused, HttpStatusCode.Forbidden, ErrorCodes.LibraryNeedsOrganisation);

        // Observers may share with the network but not with the group they only observe; nobody with a group not theirs.
        var observer = scene.Client("observer");
        await LibraryScene.Share(observer, LibraryScene.Entry("Observer's note"));
        using var toObserved = await observer.Post("/api/library", LibraryScene.Entry("Into the group", scene.World.GroupId));
        var problem = await Problem.Assert(toObserved, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(ErrorCodes.LibraryGroupNotYours, (string?)problem["fieldErrors"]![0]!["code"]);

        // Links are web addresses only; articles and kinds are the Convention's and the library's.
        using var bad = await scene.Client("member").Post("/api/library", new
        {
            title = "Bad", summary = "x", kind = "novel", countries = new[] { "XX" }, articles = new[] { "Art. 99" }, language = "en", links = new[] { "javascript:alert(1)" },
        });
        var fields = (await Problem.Assert(bad, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed))["fieldErrors"]!.AsArray().Select(f => ((string)f!["field"]!, (string)f["code"]!)).ToArray();
        Assert.Contains(("kind", ErrorCodes.LibraryKindUnknown), fields);
        Assert.Contains(("countries", ErrorCodes.InvalidCountry), fields);
        Assert.Contains(("articles", ErrorCodes.ArticleUnknown), fields);
        Assert.Contains(("links", ErrorCodes.LibraryLinkInvalid), fields);
    }
}
