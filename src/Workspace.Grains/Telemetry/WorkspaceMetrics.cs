using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workspace.Grains.Telemetry;

/// <summary>
/// The instruments of the "Workspace" meter, one set per node (created through the host's
/// <see cref="IMeterFactory"/>, so two hosts in one process never mix their figures).
/// </summary>
public sealed class WorkspaceMetrics
{
    public const string MeterName = "Workspace";

    public const string StorageKindTag = "workspace.storage.kind";

    /// <summary>The stable error code of a live refusal (e.g. <c>request.rate-limited</c>).</summary>
    public const string RefusalCodeTag = "workspace.refusal.code";

    /// <summary>What became of the call: "refused" (a typed error, the connection stays) or "closed" (the connection was closed).</summary>
    public const string RefusalOutcomeTag = "workspace.refusal.outcome";

    private readonly Counter<long> _operations;
    private readonly UpDownCounter<long> _openDocuments;
    private readonly Histogram<double> _acknowledgement;
    private readonly Histogram<double> _storageWrite;
    private readonly Counter<long> _liveRefusals;

    /// <param name="meters">The host's meter factory.</param>
    /// <param name="liveConnections">This node's live connection count, read when the meter is observed.</param>
    public WorkspaceMetrics(IMeterFactory meters, Func<int> liveConnections)
    {
        Meter = meters.Create(MeterName);
        Meter.CreateObservableUpDownCounter("workspace.connections", liveConnections, "{connection}",
            "Live (SignalR) connections held by this node.");
        _openDocuments = Meter.CreateUpDownCounter<long>("workspace.documents.open", "{document}",
            "Document grains active on this node.");
        _operations = Meter.CreateCounter<long>("workspace.operations", "{operation}",
            "Edit operations applied by the document grains on this node (its rate is operations per second).");
        _acknowledgement = Meter.CreateHistogram<double>("workspace.operation.acknowledgement.duration", "ms",
            "From a document grain receiving a submission to acknowledging it after the write that makes it durable.");
        _storageWrite = Meter.CreateHistogram<double>("workspace.storage.write.duration", "ms",
            "One storage write of this node (a grain-state write or a journal commit), including its wait for the write gate.");
        _liveRefusals = Meter.CreateCounter<long>("workspace.live.refusals", "{refusal}",
            "Live (hub) calls refused with a typed error, and live connections closed for what they sent or for silence, by code.");
    }

    /// <summary>The meter itself, so that a listener can tell this node's instruments from another host's.</summary>
    public Meter Meter { get; }

    public void DocumentActivated() => _openDocuments.Add(1);

    public void DocumentDeactivated() => _openDocuments.Add(-1);

    public void OperationApplied() => _operations.Add(1);

    /// <summary>Counts one live refusal; <paramref name="outcome"/> is "refused" or "closed".</summary>
    public void LiveRefused(string code, string outcome) =>
        _liveRefusals.Add(1, new KeyValuePair<string, object?>(RefusalCodeTag, code), new KeyValuePair<string, object?>(RefusalOutcomeTag, outcome));

    /// <summary>Records the time since <paramref name="receivedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Acknowledged(long receivedAt) => _acknowledgement.Record(Stopwatch.GetElapsedTime(receivedAt).TotalMilliseconds);

    /// <summary>Records a storage write that began at <paramref name="startedAt"/>; <paramref name="kind"/> is "grain-state" or "journal".</summary>
    public void StorageWritten(long startedAt, string kind) =>
        _storageWrite.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>(StorageKindTag, kind));
}
