using Workspace.Contracts.Groups;

namespace Workspace.Contracts.Documents;

/// <summary>
/// The single authority for one document's text: transforms, applies, logs and makes every
/// operation durable before acknowledging it, and publishes it to the nodes whose
/// connections have the document open. Readers' rights are checked here, from the group.
/// </summary>
[Alias("Workspace.IDocumentGrain")]
public interface IDocumentGrain : IGrainWithGuidKey
{
    /// <summary>Called by the group when it creates the document.</summary>
    [Alias("Initialise")] Task Initialise(DocumentSummary summary);

    /// <summary>Called by the group when the title, visibility or lock changes, or (null) when the document is deleted.</summary>
    [Alias("SummaryChanged")] Task SummaryChanged(DocumentSummary? summary);

    /// <summary>Called by the group when someone's role changes (or, null, they leave): their open sessions are re-checked. Never calls the group back.</summary>
    [Alias("MemberChanged")] Task MemberChanged(Guid userId, GroupRole? role);

    /// <summary>
    /// Called by the group when its <c>ObserversSeeNames</c> setting changes: what observers receive
    /// from now on follows it, and everyone present is published again as observers may now see them.
    /// </summary>
    [Alias("ObserversSeeNamesChanged")] Task ObserversSeeNamesChanged(bool observersSeeNames);

    /// <summary>
    /// Opens the document for a reader: the answer is projected for them (<see cref="DocumentProjection"/>),
    /// and an observer catches up with operations only from the revision at which the document last
    /// became visible to observers — from further back, they get the whole current text.
    /// </summary>
    [Alias("Open")] Task<OpenedDocument> Open(OpenRequest request);

    [Alias("Submit")] Task<int> Submit(Submission submission);

    [Alias("MovePresence")] Task MovePresence(string connectionId, int revision, int anchor, int head);

    [Alias("Close")] Task Close(string connectionId);

    /// <summary>
    /// A node keeps its subscription alive and lists the connections that have the document open
    /// there; returns those the document does not know (it was reactivated meanwhile): they must reopen.
    /// </summary>
    [Alias("Renew")] Task<IReadOnlyList<string>> Renew(string nodeKey, IDocumentObserver node, IReadOnlyList<string> connectionIds);

    /// <summary>
    /// The node's last reader left: the node's subscription through <paramref name="node"/> ends — unless
    /// the node has already subscribed again through another observer (a reader opened meanwhile).
    /// </summary>
    [Alias("Unsubscribe")] Task Unsubscribe(string nodeKey, IDocumentObserver node);

    [Alias("GetSummary")] Task<DocumentSummary> GetSummary(Guid userId);

    [Alias("GetText")] Task<RevisionText> GetText(Guid userId);

    [Alias("GetRevisions")] Task<IReadOnlyList<RevisionEntry>> GetRevisions(Guid userId, int? before, int count);

    [Alias("GetRevision")] Task<RevisionText> GetRevision(Guid userId, int revision);

    /// <summary>The history as editing sessions, newest first: up to <paramref name="count"/> sessions of revisions before <paramref name="before"/>.</summary>
    [Alias("GetHistory")] Task<HistoryPage> GetHistory(Guid userId, int? before, int count);

    /// <summary>Brings back the text of an earlier revision as a new operation by <paramref name="userId"/>.</summary>
    [Alias("Restore")] Task<int> Restore(Guid userId, int revision);

    [Alias("GetAuthorship")] Task<IReadOnlyList<AuthorRun>> GetAuthorship(Guid userId);

    /// <summary>For the recommendation whose body this is: the text of a range at an earlier revision (refused if the range is not in it).</summary>
    [Alias("ReadRange")] Task<string> ReadRange(RangeAt range);

    /// <summary>As <see cref="ReadRange"/>, with up to <paramref name="reach"/> code units of the text on either side.</summary>
    [Alias("ReadAround")] Task<RangeText> ReadAround(RangeAt range, int reach);

    /// <summary>For the recommendation whose body this is: where ranges proposed at earlier revisions lie now, and whether they were edited since.</summary>
    [Alias("MapRanges")] Task<IReadOnlyList<MappedRange>> MapRanges(IReadOnlyList<RangeAt> ranges);

    /// <summary>
    /// For the recommendation whose body this is, once a facilitator accepted an amendment:
    /// replaces the range (carried to the current text) with <paramref name="replacement"/> as an
    /// operation by <paramref name="authorId"/>, even when the body is frozen. Refused, changing
    /// nothing, when the range was edited since. Returns the revision it produced, once durable.
    /// </summary>
    [Alias("ApplyAmendment")] Task<int> ApplyAmendment(Guid amendmentId, Guid authorId, RangeAt range, string replacement);

    /// <summary>For the recommendation creating its body: the first text, by its author.</summary>
    [Alias("Seed")] Task Seed(Guid authorId, string text);
}

/// <summary>A closed chunk of a document's history: the text at its first revision and the operations after it.</summary>
[Alias("Workspace.IDocumentHistoryGrain")]
public interface IDocumentHistoryGrain : IGrainWithStringKey
{
    [Alias("Store")] Task Store(HistoryChunk chunk);

    [Alias("Load")] Task<HistoryChunk?> Load();

    [Alias("Clear")] Task Clear();
}

/// <summary>Operations <c>StartRevision+1 … StartRevision+Operations.Count</c> and the text before them.</summary>
[GenerateSerializer, Alias("Workspace.HistoryChunk")]
public sealed record HistoryChunk(
    [property: Id(0)] int StartRevision,
    [property: Id(1)] string StartText,
    [property: Id(2)] IReadOnlyList<AppliedOperation> Operations);
