using Orleans.Storage;
using Workspace.Grains.Telemetry;

namespace Workspace.Server.Hosting;

/// <summary>
/// SQLite takes one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping
/// 150 ms before it retries: concurrent writers on one node turn a 1 ms commit into 150 ms stalls.
/// On SQLite every write of this node (grain state and the document journal) passes this gate, so
/// writers queue in memory instead. On PostgreSQL the gate is open.
/// </summary>
public sealed class StorageWriteGate(bool serialise)
{
    private readonly SemaphoreSlim? _semaphore = serialise ? new SemaphoreSlim(1, 1) : null;

    public Task WaitAsync() => _semaphore?.WaitAsync() ?? Task.CompletedTask;

    public void Release() => _semaphore?.Release();
}

/// <summary>Grain storage whose writes pass the node's <see cref="StorageWriteGate"/>; reads go straight through.</summary>
public sealed class GatedGrainStorage(IGrainStorage inner, StorageWriteGate gate, WorkspaceMetrics? metrics = null) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await gate.WaitAsync();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            gate.Release();
            metrics?.StorageWritten(startedAt, "grain-state");
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await gate.WaitAsync();
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            gate.Release();
        }
    }
}
