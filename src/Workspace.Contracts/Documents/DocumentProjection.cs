using Workspace.Contracts.Groups;

namespace Workspace.Contracts.Documents;

/// <summary>
/// A document's live messages as one reader may see them — the <see cref="Disclosure"/> applied to
/// presence, operations, summaries, open answers and broadcasts. Pure: the grain projects its answers
/// with it, the node its broadcasts for the observers' audience.
/// </summary>
public static class DocumentProjection
{
    /// <summary>
    /// Someone present, as the reader sees them: without names, no name, a per-document pseudonym for
    /// the user id and the pseudonym's colour (the real colour, the same in every document, would help
    /// link a person across documents); organisation, role and cursor stay.
    /// </summary>
    public static Participant Participant(this Disclosure reader, Guid documentId, Participant participant)
    {
        if (reader.ShowsNames)
        {
            return participant;
        }

        var key = reader.Id(documentId, participant.UserId);
        return participant with { UserId = key, DisplayName = reader.Name(participant.DisplayName), Colour = AuthorColours.For(key) };
    }

    /// <summary>
    /// An applied operation, as the reader sees it: without names, the author is a per-document pseudonym
    /// and the client id is empty (only its own editor needs it, to recognise its acknowledgement, and
    /// observers never edit; a client id seen in two documents would link them).
    /// </summary>
    public static AppliedOperation Operation(this Disclosure reader, Guid documentId, AppliedOperation operation) =>
        reader.ShowsNames ? operation : operation with { AuthorId = reader.Id(documentId, operation.AuthorId), ClientId = string.Empty };

    /// <summary>A document's summary, as the reader sees it: without names, nobody created it.</summary>
    public static DocumentSummary Summary(this Disclosure reader, DocumentSummary summary) =>
        reader.ShowsNames ? summary : summary with { CreatedByName = reader.Name(summary.CreatedByName) };

    /// <summary>The answer to an open, as the reader sees it (the catch-up list is decided by the grain, see <see cref="CatchUpFrom"/>).</summary>
    public static OpenedDocument Opened(this Disclosure reader, OpenedDocument opened)
    {
        if (reader.ShowsNames)
        {
            return opened;
        }

        var documentId = opened.Summary.Id;
        return opened with
        {
            Summary = reader.Summary(opened.Summary),
            Since = opened.Since?.Select(o => reader.Operation(documentId, o)).ToArray(),
            Participants = opened.Participants.Select(p => reader.Participant(documentId, p)).ToArray(),
        };
    }

    /// <summary>
    /// Whether a reader asking to catch up from <paramref name="since"/> may get operations rather
    /// than the whole text: an observer only from the revision at which the document last became
    /// visible to observers (<paramref name="observersFrom"/>, null while it is members-only), so
    /// catch-up never reaches behind visibility.
    /// </summary>
    public static bool CatchUpFrom(this Disclosure reader, int since, int? observersFrom) =>
        reader.ReaderRole > GroupRole.Observer || (observersFrom is { } from && since >= from);

    /// <summary>
    /// A broadcast as the observers' audience receives it: only operations applied while the document
    /// was visible to observers (above <see cref="DocumentBroadcast.ObserversFrom"/> — the broadcast
    /// that carries a visibility change may still carry operations from before it), nothing at all while
    /// it is members-only, and people as the group's setting lets observers see them.
    /// Per-connection parts (access, closed, opened) are the node's, and stay as they are.
    /// </summary>
    public static DocumentBroadcast ForObservers(this DocumentBroadcast broadcast)
    {
        if (broadcast.ObserversFrom is not { } from)
        {
            return broadcast with { Operations = [], Presence = [], Left = [], Summary = null };
        }

        var reader = new Disclosure(GroupRole.Observer, broadcast.ObserversSeeNames);
        var documentId = broadcast.DocumentId;
        return broadcast with
        {
            Operations = broadcast.Operations.Where(o => o.Revision > from).Select(o => reader.Operation(documentId, o)).ToArray(),
            Presence = broadcast.Presence.Select(p => reader.Participant(documentId, p)).ToArray(),
            Summary = broadcast.Summary is { } summary ? reader.Summary(summary) : null,
        };
    }
}
