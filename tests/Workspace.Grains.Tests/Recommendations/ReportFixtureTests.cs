using Workspace.Contracts.Documents;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Tests.Infrastructure;
using Workspace.Markdown;
using Workspace.Reports;
using static Workspace.Contracts.Recommendations.RecommendationStatus;

namespace Workspace.Grains.Tests.Recommendations;

/// <summary>
/// A fixture group — four thematic areas, a dozen recommendations in every status, several
/// countries — built through the grains, and its reports compared with the checked-in files in
/// tests/fixtures/reports. Set WORKSPACE_UPDATE_FIXTURES=1 to rewrite them after a deliberate change.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReportFixtureTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    [Fact]
    public async Task The_fixture_group_produces_the_expected_reports_for_members_and_for_observers()
    {
        fixture.Clock.Set(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
        var s = await RecommendationScenario.Create(fixture);
        var f = s.Group.Facilitator.Id;

        async Task<IRecommendationGrain> Make(string title, string area, string[] articles, string[] addressees, string[] countries,
            RecommendationStatus status, string body, DocumentVisibility visibility = DocumentVisibility.Observers)
        {
            var summary = await s.G.CreateRecommendation(s.Group.Member.Id, new RecommendationFacts(title, area, articles, addressees, countries, visibility), body);
            var r = fixture.Grains.GetGrain<IRecommendationGrain>(summary.Id);
            foreach (var step in RecommendationScenario.PathTo(status))
            {
                await r.Transition(f, step);
            }

            fixture.Clock.Advance(TimeSpan.FromDays(1));
            return r;
        }

        var shield = await Make("Protect reporting persons from retaliation", "Whistleblower protection", ["Art. 33"], ["Congress"], ["MX", "BR", "PE"], Adopted,
            "Adopt a law that protects **reporting persons** in the public and private sectors.\n\nIt covers reports made in good faith.");
        var channels = await Make("Create anonymous reporting channels", "Whistleblower protection", ["Art. 33", "Art. 8.4"], ["Ministry of Public Administration"], ["MX", "CO"], Adopted,
            "Every ministry runs a channel that accepts anonymous reports.");
        var beneficial = await Make("Publish beneficial ownership of companies", "Corporate liability", ["Art. 12.2", "Art. 14"], ["Congress", "Registry of Companies"], ["BR", "CO", "PE"], Adopted,
            "A public register of the natural persons who own or control companies.");
        var declarations = await Make("Verify asset declarations", "Integrity systems", ["Art. 8.5", "Art. 52.5"], ["Comptroller General"], ["MX", "PE"], Adopted,
            "Asset declarations of senior officials are published and verified every year.");
        var mla = await Make("Answer mutual legal assistance requests within 90 days", "International judicial cooperation", ["Art. 46"], ["Ministry of Justice"], ["BR", "CO"], Adopted,
            "Central authorities answer requests within 90 days and report delays.");
        await Make("Protect the identity of witnesses", "Whistleblower protection", ["Art. 32"], ["Prosecutor's Office"], ["MX", "CO"], Adopted,
            "Members-only: identity protection measures under negotiation.", DocumentVisibility.Members);
        await Make("Debar companies convicted of bribery", "Corporate liability", ["Art. 26"], ["Public Procurement Agency"], ["BR"], ProposedForAdoption, "Debarment for five years.");
        await Make("Train judges on asset recovery", "International judicial cooperation", ["Art. 57"], ["Judicial School"], ["PE"], ProposedForAdoption, "Yearly training.");
        await Make("Regulate lobbying", "Integrity systems", ["Art. 7.4"], ["Congress"], ["MX"], UnderDiscussion, "A lobbying register.");
        await Make("Protect journalists who report corruption", "Whistleblower protection", ["Art. 13.1"], ["Congress"], ["CO"], UnderDiscussion, "Journalists are reporting persons.");
        await Make("Open procurement data", "Integrity systems", ["Art. 9.1"], ["Public Procurement Agency"], ["BR", "MX"], Draft, "Open contracting data standard.");
        await Make("Create a new anti-corruption court", "Integrity systems", ["Art. 11"], ["Congress"], ["PE"], Withdrawn, "Withdrawn in favour of strengthening existing courts.");

        // Endorsements: one stance per organisation, the latest counts; an opposing one is not an endorsement.
        await shield.SetStance(s.Group.Member.Id, Stance.Oppose, "Too narrow");
        await shield.SetStance(s.Group.Member.Id, Stance.Support, null);
        await shield.SetStance(s.SecondMember.Id, Stance.SupportWithReservations, "Add the private sector");
        await channels.SetStance(s.SecondMember.Id, Stance.Oppose, "Costly");
        await beneficial.SetStance(s.Group.Facilitator.Id, Stance.Support, null);

        // Follow-up: several updates for some countries, none for others.
        fixture.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await shield.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("MX", FollowUpStatus.InProgress, new DateOnly(2026, 4, 2), "Bill tabled in the Senate", []));
        await shield.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("MX", FollowUpStatus.PartiallyImplemented, new DateOnly(2026, 5, 20), "Senate passed the bill; Chamber pending", ["https://example.org/senate"]));
        await shield.ReportFollowUp(s.SecondMember.Id, new FollowUpReport("BR", FollowUpStatus.Implemented, new DateOnly(2026, 5, 1), "Law 14.100 in force", []));
        await channels.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("CO", FollowUpStatus.NoInformation, new DateOnly(2026, 4, 15), "No answer to our information request", []));
        await beneficial.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("PE", FollowUpStatus.InProgress, new DateOnly(2026, 3, 30), "Registry drafting regulations", []));
        await beneficial.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("BR", FollowUpStatus.NotStarted, new DateOnly(2026, 4, 30), "No plan announced", []));
        await declarations.ReportFollowUp(s.Group.Member.Id, new FollowUpReport("PE", FollowUpStatus.Implemented, new DateOnly(2026, 5, 5), "Verification published", []));
        await mla.ReportFollowUp(s.SecondMember.Id, new FollowUpReport("BR", FollowUpStatus.PartiallyImplemented, new DateOnly(2026, 5, 12), "Average answer time 120 days", []));

        var renderer = new MarkdownRenderer();
        foreach (var (reader, suffix) in new[] { (s.Group.Member.Id, string.Empty), (s.Group.Observer.Id, "-observer") })
        {
            var (header, adopted) = await ReportSource.Gather(fixture.Grains, s.G.GetPrimaryKey(), reader, Today);
            var outcome = Reports.Reports.Outcome(header, adopted);
            var followUp = Reports.Reports.FollowUp(header, adopted);
            Expect($"outcome{suffix}.md", outcome);
            Expect($"follow-up{suffix}.md", followUp);
            Expect($"outcome{suffix}.html", Reports.Reports.Html("Outcome document", outcome, renderer));
            Expect($"follow-up{suffix}.html", Reports.Reports.Html("Follow-up report", followUp, renderer));
        }

        var observerOutcome = Reports.Reports.Outcome(
            new ReportHeader("x", Today), (await ReportSource.Gather(fixture.Grains, s.G.GetPrimaryKey(), s.Group.Observer.Id, Today)).Adopted);
        Assert.DoesNotContain("witnesses", observerOutcome, StringComparison.Ordinal);
        Assert.DoesNotContain("Members-only", observerOutcome, StringComparison.Ordinal);
    }

    private static void Expect(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "fixtures", "reports", name);
        if (Environment.GetEnvironmentVariable("WORKSPACE_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with WORKSPACE_UPDATE_FIXTURES=1 once and review it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workspace.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Workspace.slnx not found above the test's folder.");
    }
}
