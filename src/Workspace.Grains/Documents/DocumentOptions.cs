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
    /// The shortest time between two broadcasts of a document: what is applied meanwhile goes out
    /// together, so that N editors cost each reader one message per window, not N.
    /// </summary>
    public TimeSpan PublishWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Readers per <see cref="PublishWindow"/>: a document read by more people waits that much
    /// longer between broadcasts (up to <see cref="MaxPublishWindow"/>), because each broadcast
    /// costs one message per reader — with hundreds present, fewer and fuller messages keep every
    /// reader's delay lower than many small ones would.
    /// </summary>
    public int ReadersPerPublishWindow { get; set; } = 25;

    /// <summary>The longest time between two broadcasts of a document, however many read it (never shorter than <see cref="PublishWindow"/>).</summary>
    public TimeSpan MaxPublishWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long presence changes are gathered before they are published in one message.</summary>
    public TimeSpan PresenceWindow { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>A node that has not renewed its subscription for this long is gone, and so are its readers.</summary>
    public TimeSpan NodeExpiry { get; set; } = TimeSpan.FromSeconds(90);

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

    /// <summary>The time between two broadcasts of a document that <paramref name="readers"/> people have open.</summary>
    public TimeSpan PublishWindowFor(int readers)
    {
        var steps = Math.Max(1, (readers + ReadersPerPublishWindow - 1) / ReadersPerPublishWindow);
        return TimeSpan.FromTicks(Math.Min(Math.Max(MaxPublishWindow.Ticks, PublishWindow.Ticks), PublishWindow.Ticks * steps));
    }

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

        if (PublishWindow < TimeSpan.Zero || MaxPublishWindow < TimeSpan.Zero || ReadersPerPublishWindow < 1)
        {
            yield return "PublishWindow and MaxPublishWindow must not be negative, and ReadersPerPublishWindow must be at least 1.";
        }

        if (SubmitsPerSecond < 1 || PresencePerSecond < 1 || ActionsPerSecond < 1 || MaxMessageBytes < 1024)
        {
            yield return "SubmitsPerSecond, PresencePerSecond and ActionsPerSecond must be at least 1, MaxMessageBytes at least 1024.";
        }
    }
}
