using Workspace.Contracts.Errors;

namespace Workspace.Server.Search;

/// <summary>Grain reads made as a reader, a few at a time per request, where a refusal only leaves the item out.</summary>
public static class BoundedReads
{
    /// <summary>One grain call under <paramref name="reads"/>; a refusal (not in the group, not visible, gone) answers null.</summary>
    public static async Task<T?> Quietly<T>(SemaphoreSlim reads, Func<Task<T>> call)
        where T : class
    {
        await reads.WaitAsync();
        try
        {
            return await call();
        }
        catch (WorkspaceException)
        {
            return null;
        }
        finally
        {
            reads.Release();
        }
    }
}
