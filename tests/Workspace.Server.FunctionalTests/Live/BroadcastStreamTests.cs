using Workspace.Contracts.Documents;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Live;

/// <summary>
/// A node hands a document's broadcasts to its connections in the order the document numbered
/// them, whatever order they arrive in: a "left" overtaken by the "present" it cancels would
/// otherwise leave a ghost in every reader's list on that node.
/// </summary>
public sealed class BroadcastStreamTests
{
    private static readonly Guid Document = Guid.NewGuid();

    private readonly List<string> _delivered = [];
    private readonly List<(long, long)> _skipped = [];

    [Fact]
    public async Task Broadcasts_that_overtake_each_other_are_delivered_in_the_document_s_order_and_once()
    {
        var stream = Stream(TimeSpan.FromSeconds(30));
        var id = Guid.NewGuid();

        await stream.Add(Left(id, 2, "rosa-old"));   // overtook the broadcast that shows Rosa
        Assert.Empty(_delivered);
        await stream.Add(Present(id, 1, "rosa-old"));
        await stream.Add(Present(id, 1, "rosa-old")); // a duplicate changes nothing
        await stream.Add(Present(id, 3, "rosa-new"));

        Assert.Equal(["1 present rosa-old", "2 left rosa-old", "3 present rosa-new"], _delivered);
        Assert.Empty(_skipped);
    }

    [Fact]
    public async Task A_new_activation_numbers_afresh_and_what_the_old_one_still_sends_is_not_mixed_in()
    {
        var stream = Stream(TimeSpan.FromSeconds(30));
        var old = Guid.NewGuid();
        var renewed = Guid.NewGuid();

        await stream.Add(Present(old, 1, "a"));
        await stream.Add(Present(old, 2, "b"));
        await stream.Add(Present(renewed, 1, "c"));
        await stream.Add(Present(renewed, 2, "d"));

        Assert.Equal(["1 present a", "2 present b", "1 present c", "2 present d"], _delivered);
    }

    [Fact]
    public async Task A_gap_that_never_fills_is_skipped_and_the_readers_are_told_to_reopen_after_what_followed_it()
    {
        var stream = Stream(TimeSpan.FromMilliseconds(200));
        var id = Guid.NewGuid();

        await stream.Add(Present(id, 1, "a"));
        await stream.Add(Present(id, 3, "c")); // 2 was lost with a failing node
        await stream.Add(Present(id, 4, "d"));
        Assert.Equal(["1 present a"], _delivered);

        await Eventually.True(() => Snapshot().Length == 4, "the gap is skipped", seconds: 5);
        Assert.Equal(["1 present a", "3 present c", "4 present d", "reopen"], Snapshot());
        Assert.Equal([(2L, 2L)], _skipped);

        await stream.Add(Present(id, 2, "b")); // arriving after all: too late, not delivered out of order
        await stream.Add(Present(id, 5, "e"));
        Assert.Equal(["1 present a", "3 present c", "4 present d", "reopen", "5 present e"], Snapshot());
    }

    private BroadcastStream Stream(TimeSpan gapTimeout) => new(
        broadcast =>
        {
            lock (_delivered)
            {
                _delivered.Add(broadcast is null ? "reopen"
                    : $"{broadcast.Sequence} {(broadcast.Left.Count > 0 ? "left " + broadcast.Left[0] : "present " + broadcast.Presence[0].SessionId)}");
            }

            return Task.CompletedTask;
        },
        (first, last) => _skipped.Add((first, last)),
        e => throw e,
        gapTimeout);

    private string[] Snapshot()
    {
        lock (_delivered)
        {
            return [.. _delivered];
        }
    }

    private static DocumentBroadcast Present(Guid stream, long sequence, string sessionId) =>
        new(Document, [], [new Participant(sessionId, Guid.NewGuid(), "Rosa", "Fundar", Contracts.Groups.GroupRole.Member, "#000", 0, 0)], [], [], [], null, stream, sequence);

    private static DocumentBroadcast Left(Guid stream, long sequence, string sessionId) =>
        new(Document, [], [], [sessionId], [], [], null, stream, sequence);
}
