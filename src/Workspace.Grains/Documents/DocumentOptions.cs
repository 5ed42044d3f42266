namespace Workspace.Grains.Documents;

/// <summary>Limits and tuning of live documents (configuration section <c>Workspace:Documents</c>).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Workspace:Documents";

    /// <summary>The longest a document may become, in UTF-16 code units (as the editor counts).</summary>
    public int MaxLength { get; set; } = 1_000_000;

    /// <summary>Operations kept in memory for transforming late edits and catching readers up (older ones are read from history chunks).</summary>
    public int KeepOperations { get; set; } = 1_024;

    /// <summary>Operations per stored history chunk (each with the text before it, as a snapshot).</summary>
    public int ChunkSize { get; set; } = 256;

    /// <summary>How far behind (in revisions) an edit or a reconnecting reader may be and still be merged.</summary>
    public int MaxCatchUp { get; set; } = 50_000;

    /// <summary>
    /// The shortest time between two broadcasts of a document, even while its nodes keep up: what is
    /// applied meanwhile goes out together. Zero (the default) lets each broadcast go at once unless
    /// the previous one is still being delivered (see <see cref="FollowLoad"/>).
    /// </summary>
    public TimeSpan PublishWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Load-following batching (default on): while a document's last broadcast is still being
    /// delivered, what arrives waits for it (up to <see cref="MaxPublishWindow"/>) and then goes in
    /// one message, so broadcasts grow fuller only when deliveries back up. Off: only the fixed
    /// windows pace broadcasts (the behaviour before issue 19, with <c>PublishWindow</c> 10 ms and
    /// <c>ReadersPerPublishWindow</c> 25).
    /// </summary>
    public bool FollowLoad { get; set; } = true;

    /// <summary>
    /// Readers per <see cref="PublishWindow"/>: a document read by more people waits that much
    /// longer between broadcasts (up to <see cref="MaxPublishWindow"/>). Zero (the default) turns this
    /// off: the window follows load (<see cref="FollowLoad"/>), not the audience's size.
    /// </summary>
    public int ReadersPerPublishWindow { get; set; }

    /// <summary>
    /// The longest a broadcast waits for the previous one's delivery, and the longest audience-scaled
    /// window (never shorter than <see cref="PublishWindow"/>).
    /// </summary>
    public TimeSpan MaxPublishWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long presence changes are gathered before they are published in one message.</summary>
    public TimeSpan PresenceWindow { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How long a write keeps trying to store a completed history chunk whose grain is on a node that
    /// went away (the cluster declares such a node dead within about ten seconds) before the write fails.
    /// </summary>
    public TimeSpan HistoryRetryFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Client ids remembered for idempotent resubmission.</summary>
    public int RememberedClients { get; set; } = 5_000;

    /// <summary>
    /// Client ids remembered per person: beyond it, that person's oldest is forgotten. So nobody can
    /// push another's clientId out of the remembered ones (and then claim it) by using thousands.
    /// </summary>
    public int RememberedClientsPerPerson { get; set; } = 100;

    /// <summary>The largest message a live connection may send, in bytes (a whole 1 MB document fits).</summary>
    public long MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Edits one person may submit per second on one node, all their connections together, sustained (twice that in a burst).</summary>
    public int SubmitsPerSecond { get; set; } = 40;

    /// <summary>Cursor moves one person may send per second on one node, all their connections together, sustained (twice that in a burst).</summary>
    public int PresencePerSecond { get; set; } = 20;

    /// <summary>Session actions (hands, votes, questions…) one person may send per second on one node, all their connections together, sustained (twice that in a burst).</summary>
    public int ActionsPerSecond { get; set; } = 10;

    /// <summary>The fixed part of the time between two broadcasts of a document that <paramref name="readers"/> people have open.</summary>
    public TimeSpan PublishWindowFor(int readers)
    {
        if (ReadersPerPublishWindow == 0)
        {
            return PublishWindow;
        }

        var steps = Math.Max(1, (readers + ReadersPerPublishWindow - 1) / ReadersPerPublishWindow);
        return TimeSpan.FromTicks(Math.Min(Math.Max(MaxPublishWindow.Ticks, PublishWindow.Ticks), PublishWindow.Ticks * steps));
    }

    /// <summary>The limits the document engine keeps.</summary>
    public Collaboration.EngineLimits EngineLimits() => new()
    {
        MaxLength = MaxLength,
        KeepOperations = KeepOperations,
        ChunkSize = ChunkSize,
        MaxCatchUp = MaxCatchUp,
        RememberedClients = RememberedClients,
        RememberedClientsPerPerson = RememberedClientsPerPerson,
    };

    /// <summary>The problems with these settings, if any.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxLength < 1)
        {
            yield return "MaxLength must be at least 1.";
        }

        if (ChunkSize < 16 || KeepOperations < ChunkSize)
        {
            yield return "ChunkSize must be at least 16, and KeepOperations at least ChunkSize.";
        }

        if (MaxCatchUp < KeepOperations)
        {
            yield return "MaxCatchUp must be at least KeepOperations.";
        }

        if (PublishWindow < TimeSpan.Zero || MaxPublishWindow < TimeSpan.Zero || ReadersPerPublishWindow < 0)
        {
            yield return "PublishWindow, MaxPublishWindow and ReadersPerPublishWindow must not be negative.";
        }

        if (HistoryRetryFor < TimeSpan.Zero)
        {
            yield return "HistoryRetryFor must not be negative.";
        }

        if (SubmitsPerSecond < 1 || PresencePerSecond < 1 || ActionsPerSecond < 1 || MaxMessageBytes < 1024)
        {
            yield return "SubmitsPerSecond, PresencePerSecond and ActionsPerSecond must be at least 1, MaxMessageBytes at least 1024.";
        }
    }
}
