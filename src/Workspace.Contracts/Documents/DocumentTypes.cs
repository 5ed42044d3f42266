using Workspace.Collaboration;
using Workspace.Contracts.Groups;

namespace Workspace.Contracts.Documents;

/// <summary>Who may read a document besides its group's members and facilitators.</summary>
[GenerateSerializer, Alias("Workspace.DocumentVisibility")]
public enum DocumentVisibility
{
    /// <summary>Members and facilitators only; to observers it does not exist.</summary>
    Members = 0,

    /// <summary>Observers may follow it live (read-only).</summary>
    Observers = 1,
}

/// <summary>A document as its group lists it: the facts that decide who may read and edit it.</summary>
[GenerateSerializer, Alias("Workspace.DocumentSummary")]
public sealed record DocumentSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid GroupId,
    [property: Id(2)] string Title,
    [property: Id(3)] DocumentVisibility Visibility,
    [property: Id(4)] bool Locked,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string CreatedByName)
{
    /// <summary>The recommendation thread whose body this document is, if it is one (then the thread decides its title, visibility and lock).</summary>
    [Id(7)] public Guid? RecommendationId { get; init; }

    /// <summary>Nobody types into it: an adopted body changes only through accepted amendments.</summary>
    [Id(8)] public bool Frozen { get; init; }

    /// <summary>Whether someone with <paramref name="role"/> may read the document at all.</summary>
    public bool Readable(GroupRole role) => role > GroupRole.Observer || Visibility == DocumentVisibility.Observers;

    /// <summary>Whether someone with <paramref name="role"/> may change its text now.</summary>
    public bool Editable(GroupRole role) => !Frozen && (role == GroupRole.Facilitator || (role == GroupRole.Member && !Locked));
}

/// <summary>A facilitator's change to a document's title, visibility or lock; null leaves a field as it is.</summary>
[GenerateSerializer, Alias("Workspace.DocumentChange")]
public sealed record DocumentChange(
    [property: Id(0)] string? Title,
    [property: Id(1)] DocumentVisibility? Visibility,
    [property: Id(2)] bool? Locked);

/// <summary>Who someone is in one document: shown to everyone else in the presence list.</summary>
[GenerateSerializer, Alias("Workspace.Participant")]
public sealed record Participant(
    [property: Id(0)] string SessionId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Organisation,
    [property: Id(4)] GroupRole Role,
    [property: Id(5)] string Colour,
    [property: Id(6)] int Anchor,
    [property: Id(7)] int Head);

/// <summary>The request to open a document on one connection.</summary>
[GenerateSerializer, Alias("Workspace.OpenRequest")]
public sealed record OpenRequest(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string NodeKey,
    [property: Id(3)] IDocumentObserver Node,
    [property: Id(4)] int? SinceRevision);

/// <summary>
/// What an opened document gives its reader: the text at a revision, or — when the reader
/// asked to catch up from a revision still in the log — the operations since then.
/// </summary>
[GenerateSerializer, Alias("Workspace.OpenedDocument")]
public sealed record OpenedDocument(
    [property: Id(0)] DocumentSummary Summary,
    [property: Id(1)] string? Text,
    [property: Id(2)] int Revision,
    [property: Id(3)] IReadOnlyList<AppliedOperation>? Since,
    [property: Id(4)] GroupRole Role,
    [property: Id(5)] bool CanEdit,
    [property: Id(6)] string SessionId,
    [property: Id(7)] IReadOnlyList<Participant> Participants,
    [property: Id(8)] int MaxLength)
{
    /// <summary>
    /// Sessions that left in the last minute. A reader reopening is in no audience while a departure is
    /// published, and it replays the presence it received while opening (some of it older than this
    /// answer); session ids are never reused, so after the replay it drops every one listed here.
    /// </summary>
    [Id(9)]
    public IReadOnlyList<string> Departed { get; init; } = [];

    /// <summary>
    /// Which activation of the document answered. Sessions live only in an activation's memory: a new one
    /// (its node died) knows nobody of the old one and never says they left, so a reader keeps only the
    /// presence of broadcasts from the activation of its last answer (each broadcast says its epoch).
    /// </summary>
    [Id(10)]
    public string Epoch { get; init; } = string.Empty;
}

/// <summary>One edit as a client sends it: the operation and the revision it was made against.</summary>
[GenerateSerializer, Alias("Workspace.Submission")]
public sealed record Submission(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string ConnectionId,
    [property: Id(2)] string ClientId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] int BaseRevision,
    [property: Id(5)] TextOperation Operation);

/// <summary>An operation as the document applied it, with the revision it produced.</summary>
[GenerateSerializer, Alias("Workspace.AppliedOperation")]
public sealed record AppliedOperation(
    [property: Id(0)] int Revision,
    [property: Id(1)] TextOperation Operation,
    [property: Id(2)] string ClientId,
    [property: Id(3)] long Sequence,
    [property: Id(4)] Guid AuthorId,
    [property: Id(5)] DateTimeOffset At);

/// <summary>Why a reader's live view of a document was closed.</summary>
[GenerateSerializer, Alias("Workspace.ClosedReason")]
public enum ClosedReason
{
    /// <summary>They are no longer in the group.</summary>
    Removed = 0,

    /// <summary>The document is no longer visible to their role.</summary>
    NoLongerVisible = 1,

    /// <summary>The document was deleted.</summary>
    Deleted = 2,
}

/// <summary>A change of one reader's rights while the document is open.</summary>
[GenerateSerializer, Alias("Workspace.AccessUpdate")]
public sealed record AccessUpdate(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] bool CanEdit);

/// <summary>A reader whose view was closed, so the node holding the connection can drop it.</summary>
[GenerateSerializer, Alias("Workspace.ClosedSession")]
public sealed record ClosedSession(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] ClosedReason Reason);

/// <summary>
/// Everything a document publishes in one short window: applied operations (in revision
/// order), presence changes, access changes and closed sessions. One message per node per
/// window, however many editors — N editors do not cost N² messages.
/// <para>
/// Numbered per node: <see cref="Sequence"/> counts from 1 within a <see cref="Stream"/> (one
/// activation's subscription of one node), so the node hands them to its connections in the
/// order they were sent — presence is not versioned like operations, and a "left" overtaken by
/// the "present" it cancels would leave a ghost in everyone's list.
/// </para>
/// </summary>
[GenerateSerializer, Alias("Workspace.DocumentBroadcast")]
public sealed record DocumentBroadcast(
    [property: Id(0)] Guid DocumentId,
    [property: Id(1)] IReadOnlyList<AppliedOperation> Operations,
    [property: Id(2)] IReadOnlyList<Participant> Presence,
    [property: Id(3)] IReadOnlyList<string> Left,
    [property: Id(4)] IReadOnlyList<AccessUpdate> Access,
    [property: Id(5)] IReadOnlyList<ClosedSession> Closed,
    [property: Id(6)] DocumentSummary? Summary,
    [property: Id(7)] Guid Stream = default,
    [property: Id(8)] long Sequence = 0)
{
    /// <summary>
    /// Connections that opened the document since the last broadcast, with the role it answered them
    /// with: from this broadcast on, the node delivers to each in the audience of that role (before it,
    /// a connection that is opening receives nothing — the answer to its open holds all of that).
    /// </summary>
    [Id(9)] public IReadOnlyList<AccessUpdate> Opened { get; init; } = [];

    /// <summary>
    /// Operations with a revision above this may reach observers: the revision at which the document
    /// last became visible to them. Null: it is members-only now, and nothing of it reaches observers.
    /// </summary>
    [Id(10)] public int? ObserversFrom { get; init; }

    /// <summary>Whether the group lets observers see people's names (see <see cref="Disclosure"/>).</summary>
    [Id(11)] public bool ObserversSeeNames { get; init; }

    /// <summary>The activation that sent it (see <see cref="OpenedDocument.Epoch"/>).</summary>
    [Id(12)] public string Epoch { get; init; } = string.Empty;
}

/// <summary>One entry of a document's revision list.</summary>
[GenerateSerializer, Alias("Workspace.RevisionEntry")]
public sealed record RevisionEntry(
    [property: Id(0)] int Revision,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid AuthorId);

/// <summary>A run of consecutive text written by one author.</summary>
[GenerateSerializer, Alias("Workspace.AuthorRun")]
public sealed record AuthorRun(
    [property: Id(0)] int Length,
    [property: Id(1)] Guid AuthorId);

/// <summary>The text of a document at one revision.</summary>
[GenerateSerializer, Alias("Workspace.RevisionText")]
public sealed record RevisionText(
    [property: Id(0)] int Revision,
    [property: Id(1)] string Text)
{
    /// <summary>When the revision was applied, where the document still holds it in memory (search orders by it); null otherwise.</summary>
    [Id(2)] public DateTimeOffset? ChangedAt { get; init; }
}

/// <summary>One person's standing towards one document, as the group decides it.</summary>
[GenerateSerializer, Alias("Workspace.DocumentAccess")]
public sealed record DocumentAccess(
    [property: Id(0)] DocumentSummary Summary,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Organisation)
{
    /// <summary>Whether the group lets observers see people's names.</summary>
    [Id(4)] public bool ObserversSeeNames { get; init; }

    /// <summary>How the group's people appear to this person.</summary>
    public Disclosure Disclosure => new(Role, ObserversSeeNames);
}

/// <summary>A range of a document's text as it was at <see cref="Revision"/>.</summary>
[GenerateSerializer, Alias("Workspace.RangeAt")]
public sealed record RangeAt(
    [property: Id(0)] int Revision,
    [property: Id(1)] int From,
    [property: Id(2)] int To);

/// <summary>
/// A range's text at a revision with up to a given number of UTF-16 code units on either side of it
/// (never a half of a surrogate pair), as an amendment shows the sentence it was made in.
/// </summary>
[GenerateSerializer, Alias("Workspace.RangeText")]
public sealed record RangeText(
    [property: Id(0)] string Before,
    [property: Id(1)] string Text,
    [property: Id(2)] string After);

/// <summary>Where a range lies in the current text, and whether any edit since changed text inside it.</summary>
[GenerateSerializer, Alias("Workspace.MappedRange")]
public sealed record MappedRange(
    [property: Id(0)] int From,
    [property: Id(1)] int To,
    [property: Id(2)] bool Touched);
