using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>What the document publishes next: gathered between broadcasts, drained into one message per node.</summary>
public sealed partial class DocumentGrain
{
    private sealed class Outbox
    {
        public List<AppliedOperation> Operations { get; } = [];

        public Dictionary<string, Participant> Presence { get; } = [];

        public List<string> Left { get; } = [];

        public List<AccessUpdate> Access { get; } = [];

        public List<ClosedSession> Closed { get; } = [];

        public List<AccessUpdate> Opened { get; } = [];

        public DocumentSummary? Summary { get; set; }

        /// <summary>
        /// A session leaves: it is dropped from the presence not yet sent, so one broadcast never
        /// both lists a session and says it left (a reader would keep it for good).
        /// </summary>
        public void Leave(string sessionId)
        {
            Presence.Remove(sessionId);
            Left.Add(sessionId);
        }

        public bool IsEmpty =>
            Operations.Count == 0 && Presence.Count == 0 && Left.Count == 0 && Access.Count == 0 && Closed.Count == 0 && Opened.Count == 0 && Summary is null;

        public DocumentBroadcast Drain(Guid documentId)
        {
            var broadcast = new DocumentBroadcast(
                documentId, Operations.ToArray(), Presence.Values.ToArray(), Left.ToArray(), Access.ToArray(), Closed.ToArray(), Summary)
            {
                Opened = Opened.ToArray(),
            };
            Operations.Clear();
            Opened.Clear();
            Presence.Clear();
            Left.Clear();
            Access.Clear();
            Closed.Clear();
            Summary = null;
            return broadcast;
        }
    }
}
