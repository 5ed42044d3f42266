namespace Workspace.Collaboration.UnitTests;

/// <summary>Group commit alone: one write in flight, the next carries everything applied meanwhile, and nobody is released before the write carrying them.</summary>
public sealed class GroupCommitTests
{
    private readonly List<(int[] Items, int Revision, TaskCompletionSource Done)> _writes = [];

    private GroupCommit<int> NewCommit(int durable = 0) => new(
        (items, revision) =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _writes.Add((items.ToArray(), revision, done));
            return done.Task;
        },
        e => new InvalidOperationException("unavailable", e),
        durable);

    [Fact]
    public async Task Edits_applied_during_a_write_ride_in_the_next_and_each_waits_for_the_write_carrying_it()
    {
        var commit = NewCommit();
        commit.Add(1, 1);
        var first = commit.Commit();
        commit.Add(2, 2);
        var second = commit.Commit();
        commit.Add(3, 3);
        var third = commit.Commit();

        Assert.Single(_writes); // one write in flight
        Assert.Equal([1], _writes[0].Items);
        Assert.Equal(1, _writes[0].Revision);
        Assert.False(first.IsCompleted);

        _writes[0].Done.SetResult();
        await first;
        await WaitFor(() => _writes.Count == 2);
        Assert.False(second.IsCompleted);
        Assert.Equal([2, 3], _writes[1].Items); // both applied meanwhile, in one write
        Assert.Equal(3, _writes[1].Revision);
        Assert.Equal(1, commit.DurableRevision);

        _writes[1].Done.SetResult();
        await Task.WhenAll(second, third);
        Assert.Equal(3, commit.DurableRevision);
        Assert.Equal(2, _writes.Count);
    }

    [Fact]
    public async Task Waiting_for_a_revision_already_durable_or_in_flight_starts_no_write()
    {
        var commit = NewCommit(durable: 5);
        Assert.True(commit.CommitThrough(5).IsCompletedSuccessfully);

        commit.Add(6, 6);
        var write = commit.Commit();
        var through = commit.CommitThrough(6);
        Assert.Single(_writes);
        Assert.False(through.IsCompleted);

        _writes[0].Done.SetResult();
        await Task.WhenAll(write, through);
        Assert.Single(_writes);
        Assert.True(commit.CommitThrough(6).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failed_write_fails_everyone_waiting_and_every_later_commit()
    {
        var commit = NewCommit();
        commit.Add(1, 1);
        var first = commit.Commit();
        commit.Add(2, 2);
        var second = commit.Commit();

        _writes[0].Done.SetException(new IOException("disk"));

        Assert.IsType<IOException>((await Assert.ThrowsAsync<InvalidOperationException>(() => first)).InnerException);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        Assert.True(commit.Failed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => commit.Commit());
        Assert.Equal(0, commit.DurableRevision);
        Assert.Single(_writes);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
