using Workspace.Contracts.Errors;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Recommendations;

[Collection(ClusterCollection.Name)]
public sealed class FollowUpTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task Follow_up_is_recorded_per_country_and_the_latest_dated_update_counts()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.StartIn(RecommendationStatus.Adopted);

        await r.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("mx", FollowUpStatus.PartiallyImplemented, Today, "Bill passed the Senate", ["https://example.org/senate"]));
        await r.ReportFollowUp(s.SecondMember.Id, new FollowUpReport("MX", FollowUpStatus.InProgress, Today.AddDays(-30), "Bill tabled", []));
        var view = await r.ReportFollowUp(s.Group.Facilitator.Id, new FollowUpReport("BR", FollowUpStatus.NoInformation, Today, "No answer to our request", []));

        Assert.Equal(FollowUpStatus.PartiallyImplemented, view.Summary.FollowUp["MX"]);
        Assert.Equal(FollowUpStatus.NoInformation, view.Summary.FollowUp["BR"]);
        var mexico = view.FollowUp.Single(f => f.Country == "MX");
        Assert.Equal(["Bill passed the Senate", "Bill tabled"], mexico.Updates.Select(u => u.Note).ToArray());
        Assert.Equal("Mateo", mexico.Updates[0].ReportedBy.Name);
        Assert.Equal(["https://example.org/senate"], mexico.Updates[0].Evidence);
        var listed = await s.G.GetRecommendations(s.Group.Observer.Id);
        Assert.Equal(FollowUpStatus.PartiallyImplemented, listed.Single().FollowUp["MX"]);
    }

    [Fact]
    public async Task Bad_follow_up_is_refused_and_nothing_is_stored()
    {
        var s = await RecommendationScenario.Create(fixture);
        var draft = await s.Start();
        var notAdopted = await Assert.ThrowsAsync<WorkspaceException>(() =>
            draft.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("MX", FollowUpStatus.InProgress, Today, "Early", [])));
        var r = await s.StartIn(RecommendationStatus.Adopted);

        var bad = await Assert.ThrowsAsync<WorkspaceException>(() => r.ReportFollowUp(s.Group.Member.Id,
            new FollowUpReport("AR", (FollowUpStatus)9, Today.AddDays(3), "", ["javascript:alert(1)", "ftp://example.org/x"])));
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => r.ReportFollowUp(s.Group.Observer.Id,
            new FollowUpReport("MX", FollowUpStatus.InProgress, Today, "Seen in the press", [])));

        Assert.Equal(ErrorCodes.FollowUpNotAdopted, notAdopted.Code);
        Assert.Equal(
            [("country", ErrorCodes.FollowUpCountry), ("date", ErrorCodes.FollowUpFutureDate), ("evidence", ErrorCodes.InvalidUrl),
             ("note", ErrorCodes.Required), ("status", ErrorCodes.InvalidStatus)],
            bad.FieldErrors.Select(e => (e.Field, e.Code)).Order().ToArray());
        Assert.Equal(ErrorCodes.MembersOnly, observer.Code);
        Assert.All((await r.Get(s.Group.Member.Id)).FollowUp, f => Assert.Empty(f.Updates));
    }

    [Fact]
    public async Task A_review_date_that_passes_reminds_the_facilitators_once()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.StartIn(RecommendationStatus.Adopted);
        await r.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("BR", FollowUpStatus.Implemented, Today, "Law in force", []));
        var byMember = await Assert.ThrowsAsync<WorkspaceException>(() => r.SetReviewDate(s.Group.Member.Id, Today.AddDays(2)));
        await r.SetReviewDate(s.Group.Facilitator.Id, Today.AddDays(2));

        // The reminder checks every second (in tests); before the date nothing happens.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Empty((await r.Get(s.Group.Facilitator.Id)).Reminders);
        Assert.Equal(ErrorCodes.FacilitatorOnly, byMember.Code);

        fixture.Clock.Advance(TimeSpan.FromDays(3));
        var reminded = await Eventually(async () => (await r.Get(s.Group.Facilitator.Id)).Reminders, list => list.Count > 0);

        // Brazil reported "implemented": only Mexico is due.
        var reminder = Assert.Single(reminded);
        Assert.Equal(Today.AddDays(-1), reminder.ReviewDate);
        Assert.Equal(["MX"], reminder.Countries);
        var board = await s.G.GetRecommendations(s.Group.Facilitator.Id);
        Assert.True(board.Single(b => b.Id == r.GetPrimaryKey()).FollowUpDue);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single((await r.Get(s.Group.Facilitator.Id)).Reminders);

        // An update for the due country clears the flag on the board.
        await r.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("MX", FollowUpStatus.InProgress, Today, "Regulation drafted", []));
        Assert.False((await s.G.GetRecommendations(s.Group.Facilitator.Id)).Single(b => b.Id == r.GetPrimaryKey()).FollowUpDue);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
