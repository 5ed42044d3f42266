using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Workspace.Contracts.Organisations;
using Workspace.Grains.Organisations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Organisations;

/// <summary>
/// Issue 21: organisations and directory entries stored before the listing choice and the directory's new
/// fields load unchanged (Default listing, not yet indexed), and the start-up fill indexes each such entry
/// once from its organisation, keeping what the entry had.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredDirectoryTests(ClusterFixture fixture)
{
    /// <summary>
    /// An OrganisationDirectoryState as the Orleans serializer wrote it at 9409348 (before Ids 9–14 of
    /// OrganisationSummary): one verified civil-society entry "Fundación Transparencia" (FT, MX, 3 people,
    /// 1 pending, created 2026-12-01 09:30Z) and one merge alias.
    /// </summary>
    private const string StoredDirectory = "2020010341211111111122223333444455555555555520E8402111111111222233334444555555555555413146756E64616369C3B36E205472616E73706172656E6369614105465441054D5801010105010D01052180005CBAAB8D4FDF08810000000000000000E0E0E0210103412166666666777788889999000000000000402111111111222233334444555555555555E021E021E0E0";

    /// <summary>An OrganisationState as written at 9409348 (before Id 7, the listing): verified, with every detail filled.</summary>
    private const string StoredOrganisation = "20000321E8403146756E64616369C3B36E205472616E73706172656E6369614105465441054D580101412D68747470733A2F2F66742E6578616D706C652E6F726741115761746368646F673101C3D96E3E4D526561644F6E6C794C697374496E74657266616365436F64656360315B5B737472696E675D5D000341056573E039030003411D57686973746C65626C6F77696E67E039030003410F4172742E203333E0E0010521E02180005CBAAB8D4FDF08810000000000000000E0C1010101E0";

    private static readonly Guid Id = Guid.Parse("11111111-2222-3333-4444-555555555555");

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(OrganisationState).Assembly).AddAssembly(typeof(OrganisationSummary).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_directory_stored_before_issue_21_loads_with_entries_to_index()
    {
        var state = Serializer.Deserialize<OrganisationDirectoryState>(Convert.FromHexString(StoredDirectory))!;

        var entry = state.Entries[Id];
        Assert.Equal(("Fundación Transparencia", "FT", "MX", OrganisationKind.CivilSociety, OrganisationStatus.Verified, 3, 1),
            (entry.Name, entry.ShortName, entry.Country, entry.Kind, entry.Status, entry.People, entry.PendingPeople));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), entry.CreatedAt);
        Assert.Equal((false, OrganisationListing.Default, true), (entry.Indexed, entry.Listing, entry.Listed));
        Assert.Null(entry.Articles);
        Assert.Equal(Id, state.Aliases[Guid.Parse("66666666-7777-8888-9999-000000000000")]);

        // Written again by the new code and read back: nothing lost.
        var again = Serializer.Deserialize<OrganisationDirectoryState>(Serializer.SerializeToArray(state))!;
        Assert.Equal(entry, again.Entries[Id]);
    }

    [Fact]
    public void An_organisation_stored_before_issue_21_loads_with_the_default_listing()
    {
        var state = Serializer.Deserialize<OrganisationState>(Convert.FromHexString(StoredOrganisation))!;

        Assert.Equal(OrganisationListing.Default, state.Listing);
        Assert.Equal(("Fundación Transparencia", "https://ft.example.org", "Watchdog", OrganisationStatus.Verified),
            (state.Details.Name, state.Details.Website, state.Details.Description, state.Status));
        Assert.Equal(["es"], state.Details.Languages);
        Assert.Equal(["Whistleblowing"], state.Details.ThematicAreas);
        Assert.Equal(["Art. 33"], state.Details.Articles);
    }

    [Fact]
    public async Task The_fill_indexes_an_old_entry_once_from_its_organisation()
    {
        var directory = fixture.Grains.GetGrain<IOrganisationDirectoryGrain>(0);
        var name = $"Observatorio {Guid.NewGuid():N}";
        var id = Guid.NewGuid();
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(id);
        await organisation.Create(new OrganisationDetails(name, null, "GT", OrganisationKind.CivilSociety, "https://o.example.org", null, ["es"], ["Budgets"], ["Art. 10", "Art. 33"]), OrganisationStatus.Pending);
        await organisation.Verify();

        // The entry as the directory stored it before: no articles, languages, areas, listing or website.
        await fixture.RewriteStored<OrganisationDirectoryState>(directory, "organisations", s =>
            s.Entries[id] = new OrganisationSummary(id, name, null, "GT", OrganisationKind.CivilSociety, OrganisationStatus.Verified, 0, 0, s.Entries[id].CreatedAt));
        Assert.DoesNotContain(id, (await directory.Browse(new DirectoryQuery(name, null, null, null, [33], null, 10, 0))).Items.Select(i => i.Id));

        Assert.True(await DirectoryIndex.Fill(fixture.Grains, NullLogger.Instance) >= 1);

        var filled = (await directory.Resolve([id]))[id];
        Assert.Equal((true, "https://o.example.org"), (filled.Indexed, filled.Website));
        Assert.Equal(["Art. 10", "Art. 33"], filled.Articles!);
        Assert.Equal(["es"], filled.Languages!);
        Assert.Equal(["Budgets"], filled.ThematicAreas!);
        Assert.Contains(id, (await directory.Browse(new DirectoryQuery(name, null, null, null, [33], null, 10, 0))).Items.Select(i => i.Id));
        Assert.DoesNotContain(id, await directory.Unindexed());
    }
}
