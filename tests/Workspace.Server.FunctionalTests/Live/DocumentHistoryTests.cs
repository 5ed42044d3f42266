using System.Net;
using Workspace.Contracts.Errors;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>GET /api/documents/{id}/history: revisions as editing sessions, paged by session, for the document's writers only.</summary>
public sealed class DocumentHistoryTests : HostedTest
{
    [Fact]
    public async Task Two_people_typing_together_are_one_session_naming_both_and_a_restore_is_a_session_of_its_own()
    {
        await using var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        var facilitator = await live.Open("facilitator");
        member.Insert(0, "Protect reporting persons.");
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        await Eventually.True(() => facilitator.Text == "Protect reporting persons.", "the facilitator catches up");
        facilitator.Delete(0, 8);
        await facilitator.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var api = live.Cast.People["member"].Client;
        var path = $"/api/documents/{live.DocumentId}/history";

        var typed = facilitator.Revision;
        var before = (await api.Ok(HttpMethod.Get, path))!;
        await api.Ok(HttpMethod.Post, $"/api/documents/{live.DocumentId}/revisions/1/restore");
        var after = (await api.Ok(HttpMethod.Get, path))!;
        var firstPage = (await api.Ok(HttpMethod.Get, $"{path}?count=1"))!;
        var secondPage = (await api.Ok(HttpMethod.Get, $"{path}?count=1&before={(int)firstPage["before"]!}"))!;

        var typing = before["groups"]!.AsArray().Single()!;
        Assert.Equal(1, (int)typing["firstRevision"]!);
        Assert.Equal(typed, (int)typing["lastRevision"]!);
        Assert.Equal(["Member", "Facilitator"], typing["authors"]!.AsArray().Select(a => (string)a!["name"]!));
        Assert.Equal("Protect reporting persons.".Length, (int)typing["added"]!);
        Assert.Equal(8, (int)typing["removed"]!);
        Assert.True(DateTimeOffset.Parse((string)typing["start"]!) <= DateTimeOffset.Parse((string)typing["end"]!));
        Assert.Null(before["before"]);

        var groups = after["groups"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal(1, (int)groups[0]!["restoredFrom"]!);
        Assert.Equal(typed + 1, (int)groups[0]!["lastRevision"]!);
        Assert.Equal(["Member"], groups[0]!["authors"]!.AsArray().Select(a => (string)a!["name"]!));
        Assert.Equal(8, (int)groups[0]!["added"]!);
        Assert.Equal(typing.ToJsonString(), groups[1]!.ToJsonString());

        Assert.Equal(groups[0]!.ToJsonString(), firstPage["groups"]!.AsArray().Single()!.ToJsonString());
        Assert.Equal(groups[1]!.ToJsonString(), secondPage["groups"]!.AsArray().Single()!.ToJsonString());
        Assert.Null(secondPage["before"]);
    }

    [Fact]
    public async Task An_observer_of_a_document_open_to_observers_is_refused_without_a_name_and_a_stranger_finds_nothing()
    {
        await using var live = await LiveWorld.Create(Host, visibility: "observers");
        var member = await live.Open("member");
        member.Insert(0, "Text an observer may read.");
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));
        var path = $"/api/documents/{live.DocumentId}/history";

        var observer = await live.Cast.People["observer"].Client.Get(path);
        var observerBody = await observer.Content.ReadAsStringAsync();
        var stranger = await live.Cast.People["stranger"].Client.Get(path);
        var preview = await live.Cast.People["observer"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/preview");

        await Problem.Assert(observer, HttpStatusCode.Forbidden, ErrorCodes.DocumentReadOnly);
        Assert.DoesNotContain("Member", observerBody, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Cast.People["member"].Id.ToString(), observerBody, StringComparison.OrdinalIgnoreCase);
        await Problem.Assert(stranger, HttpStatusCode.NotFound, ErrorCodes.DocumentNotFound);
        Assert.Contains("Text an observer may read.", (string)preview!["html"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?count=0", 1)]
    [InlineData("?count=100000", 1)]
    [InlineData("?before=-5", 0)]
    [InlineData("?before=1", 0)]
    public async Task Out_of_range_paging_is_clamped_not_refused(string query, int groups)
    {
        await using var live = await LiveWorld.Create(Host);
        var member = await live.Open("member");
        member.Insert(0, "One.");
        await member.WhenSynchronizedAsync(TimeSpan.FromSeconds(10));

        var page = await live.Cast.People["member"].Client.Ok(HttpMethod.Get, $"/api/documents/{live.DocumentId}/history{query}");

        Assert.Equal(groups, page!["groups"]!.AsArray().Count);
    }
}
