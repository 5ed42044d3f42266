using Workspace.Contracts.Documents;

namespace Workspace.Grains.Documents;

/// <summary>One closed chunk of a document's history, keyed "{documentId:N}/{index}".</summary>
public sealed class DocumentHistoryGrain(
    [PersistentState("history", StorageNames.Default)] IPersistentState<HistoryState> state) : Grain, IDocumentHistoryGrain
{
    public static string Key(Guid documentId, int index) => $"{documentId:N}/{index}";

    public async Task Store(HistoryChunk chunk)
    {
        state.State.Chunk = chunk;
        await state.WriteStateAsync();
    }

    public Task<HistoryChunk?> Load() => Task.FromResult(state.State.Chunk);

    public async Task Clear()
    {
        state.State.Chunk = null;
        await state.ClearStateAsync();
    }
}
