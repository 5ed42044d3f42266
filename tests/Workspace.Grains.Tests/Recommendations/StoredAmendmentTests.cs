using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Recommendations;

/// <summary>An amendment keeps the text around its range as it was when proposed; amendments stored before that still load.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredAmendmentTests(ClusterFixture fixture)
{
    /// <summary>
    /// An accepted amendment as the Orleans serializer wrote it before Ids 14–15 existed (written by the
    /// code at d437da9: "30 days" → "15 days", proposed by Beatriz, applied at revision 9).
    /// </summary>
    private const string StoredBeforeContext = "20E840211111111122223333444455555555555521E8402166666666777788889999000000000000410F4265617472697A41114D696E6973747279E02180005CBAAB8D4FDF08810000000000000000E0011D0151016D410F33302064617973410F31352064617973410F53686F727465720105C101C101C1010125E0";

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AmendmentRecord).Assembly).AddAssembly(typeof(AmendmentStatus).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void An_amendment_stored_before_it_kept_its_context_loads_without_one()
    {
        var record = Serializer.Deserialize<AmendmentRecord>(Convert.FromHexString(StoredBeforeContext))!;

        Assert.Equal(Guid.Parse("11111111-2222-3333-4444-555555555555"), record.Id);
        Assert.Equal(("Beatriz", "Ministry"), (record.ProposedBy.Name, record.ProposedBy.Organisation));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), record.At);
        Assert.Equal((7, 20, 27, "30 days", "15 days", "Shorter"), (record.Revision, record.From, record.To, record.Original, record.Replacement, record.Reason));
        Assert.Equal((AmendmentStatus.Accepted, (int?)9), (record.Status, record.AppliedRevision));
        Assert.Equal(((string?)null, (string?)null), (record.ContextBefore, record.ContextAfter));
    }

    [Fact]
    public async Task A_proposal_keeps_the_text_around_its_range_as_it_was_then()
    {
        var s = await RecommendationScenario.Create(fixture);
        var r = await s.Start();
        var revision = await s.BodyRevision(r);
        var from = RecommendationScenario.Body.IndexOf("may be anonymous", StringComparison.Ordinal);

        var proposed = await r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, from, from + "may be anonymous".Length, "may be made anonymously", "Clearer"));
        var start = await r.ProposeAmendment(s.Group.Member.Id, new AmendmentProposal(revision, 0, 3, "Each", "Wording"));

        var amendment = proposed.Amendments.Single(a => a.Original == "may be anonymous");
        Assert.Equal("The State shall protect reporting persons. Reports ", amendment.ContextBefore);
        Assert.Equal(". Retaliation is an offence.", amendment.ContextAfter);
        Assert.Equal(("", " State shall protect reporting persons. Reports may be anonymous. Retaliation is an offence."),
            (start.Amendments[^1].ContextBefore, start.Amendments[^1].ContextAfter));
        var observerView = await r.Get(s.Group.Observer.Id);
        Assert.Equal(amendment.ContextBefore, observerView.Amendments.Single(a => a.Id == amendment.Id).ContextBefore);
    }

    [Fact]
    public async Task The_text_around_a_range_never_holds_half_of_a_character()
    {
        var s = await RecommendationScenario.Create(fixture);
        const string body = "\U0001F30D Water for all \U0001F30E";
        var r = await s.Start(body: body);
        var revision = await s.BodyRevision(r);
        var bodyId = (await r.Get(s.Group.Member.Id)).Summary.BodyId;
        var from = body.IndexOf("for", StringComparison.Ordinal);

        // A reach that would end inside either globe (each two UTF-16 code units) stops short of it.
        var document = fixture.Grains.GetGrain<IDocumentGrain>(bodyId);
        var startSplit = await document.ReadAround(new RangeAt(revision, from, from + 3), 8);
        var endSplit = await document.ReadAround(new RangeAt(revision, from, from + 3), 6);

        Assert.Equal((" Water ", "for", " all \U0001F30E"), (startSplit.Before, startSplit.Text, startSplit.After));
        Assert.Equal(("Water ", " all "), (endSplit.Before, endSplit.After));
    }
}
