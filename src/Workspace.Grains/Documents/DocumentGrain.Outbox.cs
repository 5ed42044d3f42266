using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>What the document publishes next: gathered between broadcasts, drained into one message per node.</summary>
public sealed partial class DocumentGrain
{
    private sealed class Outbox(TimeProvider clock)
    {
        /// <summary>How long a departure is remembered for the answers to opens (longer than any broadcast stays in flight).</summary>
        private static readonly TimeSpan DepartureMemory = TimeSpan.FromSeconds(60);

        private const int MaxDepartures = 256;

        private readonly Queue<(string SessionId, DateTimeOffset At)> _departed = new();

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
            _departed.Enqueue((sessionId, clock.GetUtcNow()));
            while (_departed.Count > MaxDepartures)
            {
                _departed.Dequeue();
            }
        }

        /// <summary>
        /// The sessions that left in the last minute, not drained with a broadcast: an open's answer carries them,
        /// because a reopening reader is in no audience when a departure is published and may still replay an
        /// older broadcast that showed the session (see <see cref="OpenedDocument.Departed"/>).
        /// </summary>
        public IReadOnlyList<string> RecentlyDeparted()
        {
            var since = clock.GetUtcNow() - DepartureMemory;
            while (_departed.TryPeek(out var oldest) && oldest.At < since)
            {
                _departed.Dequeue();
            }

            return _departed.Select(d => d.SessionId).ToArray();
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
