using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Tests.Documents;

/// <summary>The projection of a document's live messages for one reader: pure, no cluster.</summary>
public sealed class DocumentProjectionTests
{
    private static readonly Guid DocumentId = Guid.NewGuid();
    private static readonly Guid OtherDocument = Guid.NewGuid();
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Disclosure Hidden = new(GroupRole.Observer, false);
    private static readonly Disclosure Shown = new(GroupRole.Observer, true);

    private static readonly DocumentSummary Summary =
        new(DocumentId, Guid.NewGuid(), "Draft", DocumentVisibility.Observers, false, DateTimeOffset.UnixEpoch, "Fabiola Drafter");

    private static readonly Participant Present =
        new("s1", Author, "Mateo Member", "Transparency International", GroupRole.Member, AuthorColours.For(Author), 3, 5);

    private static AppliedOperation Op(int revision, string text = "x") =>
        new(revision, TextOperation.Builder().Insert(text).Build(), "client-of-mateo", revision, Author, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Without_names_a_participant_keeps_organisation_role_and_cursor_and_loses_name_and_id()
    {
        var seen = Hidden.Participant(DocumentId, Present);

        Assert.Equal("", seen.DisplayName);
        Assert.NotEqual(Author, seen.UserId);
        Assert.Equal(Disclosure.Pseudonym(DocumentId, Author), seen.UserId);
        Assert.Equal(AuthorColours.For(seen.UserId), seen.Colour);
        Assert.Equal(("s1", "Transparency International", GroupRole.Member, 3, 5), (seen.SessionId, seen.Organisation, seen.Role, seen.Anchor, seen.Head));

        // Stable within the document, unlinkable across documents.
        Assert.Equal(seen.UserId, Hidden.Participant(DocumentId, Present).UserId);
        Assert.NotEqual(seen.UserId, Hidden.Participant(OtherDocument, Present).UserId);
    }

    [Theory]
    [InlineData(GroupRole.Member, false)]
    [InlineData(GroupRole.Facilitator, false)]
    [InlineData(GroupRole.Observer, true)]
    public void Readers_who_see_names_get_everything_as_it_is(GroupRole role, bool observersSeeNames)
    {
        var reader = new Disclosure(role, observersSeeNames);

        Assert.Same(Present, reader.Participant(DocumentId, Present));
        var op = Op(4);
        Assert.Same(op, reader.Operation(DocumentId, op));
        Assert.Same(Summary, reader.Summary(Summary));
    }

    [Fact]
    public void Without_names_an_operation_has_a_pseudonymous_author_and_no_client_id()
    {
        var seen = Hidden.Operation(DocumentId, Op(7, "secret"));

        Assert.Equal(Disclosure.Pseudonym(DocumentId, Author), seen.AuthorId);
        Assert.Equal("", seen.ClientId);
        Assert.Equal((7, 7L, "secret"), (seen.Revision, seen.Sequence, seen.Operation.Apply("")));
        Assert.Equal("", Hidden.Summary(Summary).CreatedByName);
    }

    [Fact]
    public void An_open_answer_is_projected_whole()
    {
        var opened = new OpenedDocument(Summary, null, 9, [Op(8), Op(9)], GroupRole.Observer, false, "s2", [Present], 1000);

        var seen = Hidden.Opened(opened);

        Assert.Equal("", seen.Summary.CreatedByName);
        Assert.All(seen.Since!, o => Assert.Equal(("", Disclosure.Pseudonym(DocumentId, Author)), (o.ClientId, o.AuthorId)));
        Assert.Equal("", Assert.Single(seen.Participants).DisplayName);
        Assert.Same(opened, Shown.Opened(opened));
    }

    [Theory]
    [InlineData(GroupRole.Observer, 5, 5, true)]
    [InlineData(GroupRole.Observer, 4, 5, false)]
    [InlineData(GroupRole.Observer, 0, 5, false)]
    [InlineData(GroupRole.Observer, 9, null, false)]
    [InlineData(GroupRole.Member, 0, 5, true)]
    [InlineData(GroupRole.Member, 0, null, true)]
    public void Observers_catch_up_only_from_when_the_document_became_visible_to_them(GroupRole role, int since, int? observersFrom, bool operations) =>
        Assert.Equal(operations, new Disclosure(role, true).CatchUpFrom(since, observersFrom));

    [Fact]
    public void The_broadcast_that_carries_a_visibility_change_reaches_observers_without_what_came_before_it()
    {
        var broadcast = new DocumentBroadcast(DocumentId, [Op(4, "typed while members-only"), Op(5, "at the switch"), Op(6, "after")], [Present], ["gone"],
            [new AccessUpdate("c1", GroupRole.Observer, false)], [], Summary)
        {
            ObserversFrom = 5,
        };

        var seen = broadcast.ForObservers();

        Assert.Equal(6, Assert.Single(seen.Operations).Revision);
        Assert.Equal("", seen.Operations[0].ClientId);
        Assert.NotEqual(Author, seen.Operations[0].AuthorId);
        Assert.Equal("", Assert.Single(seen.Presence).DisplayName);
        Assert.Equal("", seen.Summary!.CreatedByName);
        Assert.Equal(["gone"], seen.Left);
        Assert.Same(broadcast.Access, seen.Access); // per connection: the node's, not the audience's

        // With the group's setting on, names and ids stay; the boundary still holds.
        var named = (broadcast with { ObserversSeeNames = true }).ForObservers();
        Assert.Equal(Author, Assert.Single(named.Operations).AuthorId);
        Assert.Equal("client-of-mateo", named.Operations[0].ClientId);
        Assert.Equal("Mateo Member", Assert.Single(named.Presence).DisplayName);
    }

    [Fact]
    public void While_a_document_is_members_only_observers_receive_nothing_of_it()
    {
        var broadcast = new DocumentBroadcast(DocumentId, [Op(4)], [Present], ["gone"], [], [], Summary) { ObserversSeeNames = true };

        var seen = broadcast.ForObservers();

        Assert.Empty(seen.Operations);
        Assert.Empty(seen.Presence);
        Assert.Empty(seen.Left);
        Assert.Null(seen.Summary);
    }
}
