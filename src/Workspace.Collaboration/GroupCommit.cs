namespace Workspace.Collaboration;

/// <summary>
/// Durability without a write per edit: one write in flight at a time; what is applied while it
/// runs waits for the next, which carries it all; a caller waiting for its edit is released only
/// after the write that carries it completes. <typeparamref name="T"/> is what a write carries
/// (applied operations). Not thread-safe: one caller at a time (a grain's turn).
/// </summary>
/// <param name="write">Writes <c>items</c> and everything up to <c>revision</c>; called with the items applied since the last write began.</param>
/// <param name="failed">Told of a failed write; returns the exception every waiting caller gets. After it, every commit fails the same way.</param>
/// <param name="durableRevision">The revision already durable (the stored state's).</param>
public sealed class GroupCommit<T>(Func<IReadOnlyList<T>, int, Task> write, Func<Exception, Exception> failed, int durableRevision = 0)
{
    private readonly List<T> _pending = [];
    private TaskCompletionSource? _next;
    private (int Revision, Task Task) _inflight = (durableRevision, Task.CompletedTask);
    private bool _running;
    private Exception? _failure;

    /// <summary>The revision up to which everything is durable.</summary>
    public int DurableRevision { get; private set; } = durableRevision;

    /// <summary>The revision the latest <see cref="Add"/> reached: what the next write carries up to.</summary>
    public int AppliedRevision { get; private set; } = durableRevision;

    /// <summary>Items applied and not yet handed to a write.</summary>
    public int Pending => _pending.Count;

    /// <summary>True once a write failed: nothing more is written.</summary>
    public bool Failed => _failure is not null;

    /// <summary>An item applied at <paramref name="revision"/>: the next write carries it.</summary>
    public void Add(T item, int revision)
    {
        _pending.Add(item);
        AppliedRevision = Math.Max(AppliedRevision, revision);
    }

    /// <summary>Records that the state reached <paramref name="revision"/> without an item (a deletion, a summary change).</summary>
    public void Advance(int revision) => AppliedRevision = Math.Max(AppliedRevision, revision);

    /// <summary>Completes once a write that began after this call (carrying everything applied so far) is durable.</summary>
    public Task Commit()
    {
        if (_failure is not null)
        {
            return Task.FromException(_failure);
        }

        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _next.Task;
        if (!_running)
        {
            _running = true;
            _ = Loop();
        }

        return task;
    }

    /// <summary>Completes once everything up to <paramref name="revision"/> is durable (at once if it already is).</summary>
    public Task CommitThrough(int revision) =>
        revision <= DurableRevision ? Task.CompletedTask
        : revision <= _inflight.Revision ? _inflight.Task
        : Commit();

    private async Task Loop()
    {
        try
        {
            while (_next is { } batch)
            {
                _next = null;
                var items = _pending.ToArray();
                _pending.Clear();
                var revision = AppliedRevision;
                _inflight = (revision, batch.Task);
                try
                {
                    await write(items, revision);
                }
                catch (Exception e)
                {
                    _failure = failed(e);
                    batch.TrySetException(_failure);
                    _next?.TrySetException(_failure);
                    _next = null;
                    return;
                }

                DurableRevision = Math.Max(DurableRevision, revision);
                batch.TrySetResult();
            }
        }
        finally
        {
            _running = false;
        }
    }
}
