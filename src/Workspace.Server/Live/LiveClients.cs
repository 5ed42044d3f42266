using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;

namespace Workspace.Server.Live;

/// <summary>
/// Everything the live hub sends on one connection: its documents, the groups it watches and the
/// sessions it is in. Each feature sends through its own interface; method names are the wire names.
/// </summary>
public interface ILiveClient : IDocumentClient, IGroupWatchClient, ISessionClient, INetworkClient;

/// <summary>What the server sends to a connection about the documents open on it.</summary>
public interface IDocumentClient
{
    /// <summary>Operations (in revision order), presence moves and departures, and summary changes of one document.</summary>
    Task Changes(DocumentChanges changes);

    /// <summary>
    /// An operation sent one-way (<c>Send</c>) was refused: nothing of it was applied. (An accepted
    /// one is acknowledged by coming back in <see cref="Changes"/>.)
    /// </summary>
    Task Refused(Guid documentId, string clientId, long sequence, HubRefusal error);

    /// <summary>This connection's rights to a document changed (a role change, a lock).</summary>
    Task Access(Guid documentId, GroupRole role, bool canEdit);

    /// <summary>This connection may no longer follow the document.</summary>
    Task Closed(Guid documentId, ClosedReason reason);

    /// <summary>The document lost track of this node (it moved or restarted): open it again to catch up.</summary>
    Task Reopen(Guid documentId);
}

/// <summary>What the server sends to a connection about the working groups it watches.</summary>
public interface IGroupWatchClient
{
    /// <summary>A recommendation of a watched group changed (only those this connection's audience may see).</summary>
    Task RecommendationChanged(RecommendationChanged change);

    /// <summary>A recommendation of a watched group is no longer visible to this connection.</summary>
    Task RecommendationRemoved(RecommendationRemoved removed);

    /// <summary>This connection's person left (or was removed from) a watched group: it follows it no more.</summary>
    Task GroupClosed(Guid groupId);
}

/// <summary>What the server sends to a connection that watches the network.</summary>
public interface INetworkClient
{
    /// <summary>The library or the directory changed ("library", "directory"): an open page reads again.</summary>
    Task NetworkNews(string kind);
}

/// <summary>What the server sends to a connection about the sessions it is in.</summary>
public interface ISessionClient
{
    /// <summary>A session this connection is in changed: the reader's whole current view of it.</summary>
    Task Session(Contracts.Sessions.SessionView view);

    /// <summary>This connection is no longer in the session (removed by a facilitator, or gone from the group).</summary>
    Task SessionClosed(Guid sessionId, SessionClosedReason reason);
}

/// <summary>The part of a document broadcast every reader receives.</summary>
public sealed record DocumentChanges(
    Guid DocumentId,
    IReadOnlyList<AppliedOperation> Operations,
    IReadOnlyList<Participant> Presence,
    IReadOnlyList<string> Left,
    DocumentSummary? Summary,
    string Epoch);
