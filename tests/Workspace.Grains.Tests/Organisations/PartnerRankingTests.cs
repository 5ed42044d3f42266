using Workspace.Contracts.Organisations;
using Workspace.Grains.Partners;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Tests.Organisations;

/// <summary>The checked-in geography (every country in one M49 region, borders between known countries) and the partner score as documented.</summary>
public sealed class PartnerRankingTests
{
    private static readonly string[] Americas =
        "AR BO BR CL CO EC GY PY PE SR UY VE GF BZ CR SV GT HN MX NI PA CA US".Split(' ');

    [Fact]
    public void Every_country_has_one_region_and_every_border_joins_two_known_countries()
    {
        Assert.All(Geography.Countries, c => Assert.True(IsoCodes.IsCountry(c), c));
        Assert.Equal(249, Geography.Countries.Count);
        Assert.Equal("013", Geography.RegionOf("MX"));
        Assert.Equal("039", Geography.RegionOf("ES"));
        Assert.All(Americas, c => Assert.NotEmpty(Geography.NeighboursOf(c)));
        Assert.Equal(["BZ", "GT", "US"], Geography.NeighboursOf("MX").Order());
        Assert.Equal(["AR", "BO", "CO", "GF", "GY", "PE", "PY", "SR", "UY", "VE"], Geography.NeighboursOf("BR").Order());
        Assert.Equal(["ES"], Geography.NeighboursOf("PT"));
        Assert.True(Geography.AreNeighbours("PT", "ES") && Geography.AreNeighbours("ES", "PT"));
        Assert.False(Geography.AreNeighbours("MX", "CO"));
    }

    [Fact]
    public void Shared_articles_weigh_most_then_place_then_chapter()
    {
        OrganisationSummary Org(string name, string country, params string[] articles) => new(
            Guid.NewGuid(), name, null, country, OrganisationKind.CivilSociety, OrganisationStatus.Verified, 1, 0, default, articles, ["es"], [], OrganisationListing.Default, null, true);
        var organisations = new[]
        {
            Org("Neighbour sharing two", "GT", "Art. 33", "Art. 13"),
            Org("Same country sharing one", "MX", "Art. 33.2"),
            Org("Region sharing one", "HN", "Art. 33"),
            Org("Same chapter only", "MX", "Art. 32"),
            Org("Far away sharing two", "AR", "Art. 33", "Art. 13"),
            Org("Same country nothing shared", "MX", "Art. 60"),
            Org("Pending", "MX", "Art. 33") with { Status = OrganisationStatus.Pending },
        };

        var ranked = PartnerRanking.Rank(organisations, new PartnerQuery([13, 33], "MX", null, 20));

        Assert.Equal(
            [("Neighbour sharing two", 24), ("Same country sharing one", 16), ("Region sharing one", 12), ("Same chapter only", 7)],
            ranked.Select(r => (r.Organisation.Name, r.Score)));
        Assert.Equal(["article:Art. 13", "article:Art. 33", "neighbour:GT"], ranked[0].Reasons.Select(r => $"{r.Code}:{r.Value}"));
        Assert.Equal(["chapter:III", "same-country:MX"], ranked[3].Reasons.Select(r => $"{r.Code}:{r.Value}"));
    }
}
