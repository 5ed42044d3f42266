using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Organisations;

/// <summary>Registration finds near-duplicates; merge and removal move people; bad details change nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OrganisationGrainTests(ClusterFixture fixture)
{
    private IOrganisationDirectoryGrain Directory => fixture.Grains.GetGrain<IOrganisationDirectoryGrain>(0);

    [Fact]
    public async Task A_name_in_other_capitals_or_without_accents_joins_the_existing_organisation_as_pending()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var first = await Register($"Fundación Ñandú {unique}");
        var second = await Register($"FUNDACION NANDU {unique}");

        Assert.NotNull(first.OrganisationId);
        Assert.Equal(first.OrganisationId, second.OrganisationId);
        Assert.Equal(TieStatus.Pending, second.Tie);
        var found = await Directory.Search($"fundacion nandu {unique}", 10);
        Assert.Equal(first.OrganisationId, found.Single().Id);
        var view = (await fixture.Grains.GetGrain<IOrganisationGrain>(first.OrganisationId!.Value).Get())!;
        Assert.Equal((OrganisationStatus.Pending, 2), (view.Status, view.People.Count));
        Assert.Equal($"Fundación Ñandú {unique}", view.Details.Name);
    }

    [Fact]
    public async Task Merge_moves_people_and_leaves_an_alias_removal_makes_people_independent()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var a = await Register($"Alpha {unique}");
        var b = await Register($"Alpha Initiative {unique}");
        var loser = a.OrganisationId!.Value;
        var survivor = b.OrganisationId!.Value;

        await fixture.Grains.GetGrain<IOrganisationGrain>(loser).MergeInto(survivor);

        Assert.Equal(survivor, (await Profile(a.Id)).OrganisationId);
        Assert.Equal(survivor, (await Directory.Resolve([loser]))[loser].Id);
        Assert.Equal(2, (await fixture.Grains.GetGrain<IOrganisationGrain>(survivor).Get())!.People.Count);

        await fixture.Grains.GetGrain<IOrganisationGrain>(survivor).Remove();

        Assert.Null((await Profile(a.Id)).OrganisationId);
        Assert.Null((await Profile(b.Id)).OrganisationId);
        Assert.Empty(await Directory.Resolve([loser, survivor]));
    }

    [Theory]
    [InlineData("XX", null, "Art. 33", "country")]
    [InlineData("MX", "javascript:alert(1)", "Art. 33", "website")]
    [InlineData("MX", "ftp://example.org", "Art. 33", "website")]
    [InlineData("MX", null, "Art. 99", "articles")]
    public async Task Bad_details_are_refused_and_change_nothing(string country, string? website, string article, string field)
    {
        var id = (await Register($"Beta {Guid.NewGuid():N}")).OrganisationId!.Value;
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(id);
        var before = (await organisation.Get())!;

        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => organisation.Update(new OrganisationDetails(
            "Renamed", null, country, OrganisationKind.Media, website, null, [], [], [article])));

        Assert.Contains(field, refused.FieldErrors.Select(e => e.Field));
        Assert.Equal(before.Details, (await organisation.Get())!.Details);
    }

    private async Task<UserProfile> Register(string organisation)
    {
        var email = $"p.{Guid.NewGuid():N}@example.org";
        return await fixture.Grains.GetGrain<IAccountGrain>(email).Register(new NewAccount(email, "correct horse battery", "P", organisation, "MX"), false);
    }

    private async Task<UserProfile> Profile(Guid id) => (await fixture.Grains.GetGrain<IUserGrain>(id).GetProfile())!;
}
