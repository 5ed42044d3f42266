using Workspace.Contracts.Documents;
using Workspace.Contracts.Recommendations;
using Workspace.Server.Network;

namespace Workspace.Server.FunctionalTests.Api;

/// <summary>The grid's rule for a cell, without a host: worst and best on the scale, "no information" counted apart.</summary>
public sealed class CountryArticleGridTests
{
    [Fact]
    public void Worst_and_best_skip_no_information_unless_every_recommendation_has_none()
    {
        var adopted = new[]
        {
            Adopted(["Art. 33"], ("MX", FollowUpStatus.NoInformation), ("BR", FollowUpStatus.NoInformation)),
            Adopted(["Art. 33.2"], ("MX", FollowUpStatus.Implemented)),
            Adopted(["Art. 33", "Art. 8.4"], ("MX", FollowUpStatus.InProgress)),
            Adopted(["Art. 57"], ("BR", FollowUpStatus.PartiallyImplemented)),
        };

        var grid = CountryArticleGrid.Build(adopted, NetworkQuery.ForGrid(null, null, "en", null), partial: false);

        Assert.Equal(["BR", "MX"], grid.Rows.Select(r => r.Country));
        Assert.Equal([8, 33, 57], grid.Chapters.SelectMany(c => c.Articles).Select(a => a.Article));
        var mexico33 = grid.Rows[1].Cells[1];
        Assert.Equal((3, FollowUpStatus.InProgress, FollowUpStatus.Implemented, 1), (mexico33.Count, mexico33.Worst, mexico33.Best, mexico33.NoInformation));
        var brazil33 = grid.Rows[0].Cells[1];
        Assert.Equal((1, FollowUpStatus.NoInformation, FollowUpStatus.NoInformation, 1), (brazil33.Count, brazil33.Worst, brazil33.Best, brazil33.NoInformation));
        var brazil8 = grid.Rows[0].Cells[0];
        Assert.Equal((0, null, null, null), (brazil8.Count, brazil8.Worst, brazil8.Best, brazil8.Link));

        // Totals count recommendations once: Mexico's row has three, though one of them is in two cells.
        Assert.Equal(3, grid.Rows[1].Total);
        Assert.Equal(4, grid.Total);
        Assert.Equal([1, 3, 1], grid.Chapters.SelectMany(c => c.Articles).Select(a => a.Total));
        Assert.Equal([FollowUpStatus.NotStarted, FollowUpStatus.InProgress, FollowUpStatus.PartiallyImplemented, FollowUpStatus.Implemented], CountryArticleGrid.WorstToBest);
    }

    private static RecommendationSummary Adopted(string[] articles, params (string Country, FollowUpStatus Status)[] followUp) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        new RecommendationFacts("R", "Area", articles, ["Congress"], followUp.Select(f => f.Country).ToArray(), DocumentVisibility.Observers),
        RecommendationStatus.Adopted, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        followUp.ToDictionary(f => f.Country, f => f.Status), null, false);
}
