using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Recommendations;
using Workspace.Grains.Sessions;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>The speaker queue's rules without a cluster, over a session state written by hand.</summary>
public sealed class SpeakerQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SessionState _session = new() { Exists = true };

    private SpeakerQueue Queue => new(_session);

    [Fact]
    public void Hands_queue_in_the_order_they_are_raised()
    {
        var (a, b, c) = (Hand("a"), Hand("b"), Hand("c"));
        Queue.Raise(a);
        Queue.Raise(b);
        Queue.Raise(c);
        Assert.Equal(["a", "b", "c"], Names());
    }

    [Fact]
    public void A_point_of_order_goes_before_every_ordinary_hand_and_after_earlier_points_of_order()
    {
        Queue.Raise(Hand("a"));
        Queue.Raise(Hand("b"));
        Queue.Raise(Hand("order1", pointOfOrder: true));
        Queue.Raise(Hand("c"));
        Queue.Raise(Hand("order2", pointOfOrder: true));
        Assert.Equal(["order1", "order2", "a", "b", "c"], Names());
    }

    [Fact]
    public void A_point_of_order_in_an_empty_queue_or_a_queue_of_points_of_order_goes_last()
    {
        Queue.Raise(Hand("order1", pointOfOrder: true));
        Queue.Raise(Hand("order2", pointOfOrder: true));
        Assert.Equal(["order1", "order2"], Names());
    }

    [Fact]
    public void One_hand_per_person_even_as_a_point_of_order()
    {
        var a = Hand("a");
        Queue.Raise(a);
        Refused(ErrorKind.Conflict, ErrorCodes.HandAlreadyRaised, () => Queue.Raise(a with { PointOfOrder = true }));
        Assert.Equal(["a"], Names());
        Assert.False(_session.Queue.Single().PointOfOrder);
    }

    [Fact]
    public void Observers_queue_only_while_allowed_and_stopping_takes_their_hands_down()
    {
        var watcher = Hand("watcher", GroupRole.Observer);
        Refused(ErrorKind.Forbidden, ErrorCodes.ObserversMayNotQueue, () => Queue.Raise(watcher));
        Assert.Empty(_session.Queue);

        Queue.AllowObservers(true);
        Queue.Raise(Hand("a"));
        Queue.Raise(watcher);
        Queue.Raise(Hand("b"));
        Assert.Equal(["a", "watcher", "b"], Names());

        Queue.AllowObservers(false);
        Assert.False(_session.ObserversMayQueue);
        Assert.Equal(["a", "b"], Names());
        Refused(ErrorKind.Forbidden, ErrorCodes.ObserversMayNotQueue, () => Queue.Raise(watcher));
    }

    [Fact]
    public void An_observer_with_the_floor_keeps_it_when_observers_stop_queueing()
    {
        Queue.AllowObservers(true);
        var watcher = Hand("watcher", GroupRole.Observer);
        Queue.Raise(watcher);
        Queue.Give(Queue.Next());
        Queue.AllowObservers(false);
        Assert.Equal(watcher, _session.Floor);
    }

    [Fact]
    public void Lowering_a_hand_that_is_not_raised_is_refused()
    {
        var a = Hand("a");
        Refused(ErrorKind.Conflict, ErrorCodes.HandNotRaised, () => Queue.Lower(a.Person.Id));
        Queue.Raise(a);
        Queue.Raise(Hand("b"));
        Queue.Lower(a.Person.Id);
        Assert.Equal(["b"], Names());
        Refused(ErrorKind.Conflict, ErrorCodes.HandNotRaised, () => Queue.Lower(a.Person.Id));
    }

    [Fact]
    public void The_floor_goes_to_the_first_hand_and_that_hand_leaves_the_queue()
    {
        Refused(ErrorKind.Conflict, ErrorCodes.QueueEmpty, () => Queue.Next());
        Queue.Raise(Hand("a"));
        Queue.Raise(Hand("b"));
        Queue.Raise(Hand("order", pointOfOrder: true));

        Queue.Give(Queue.Next());
        Assert.Equal("order", _session.Floor!.Person.Name);
        Assert.Equal(["a", "b"], Names());

        Queue.Give(Queue.Next());
        Assert.Equal("a", _session.Floor!.Person.Name);
        Assert.Equal(["b"], Names());
    }

    [Fact]
    public void A_facilitator_may_give_the_floor_out_of_turn_to_a_hand_or_to_someone_without_one()
    {
        var (a, b) = (Hand("a"), Hand("b"));
        Queue.Raise(a);
        Queue.Raise(b);
        Assert.Equal(b, Queue.HandOf(b.Person.Id));
        Queue.Give(Queue.HandOf(b.Person.Id)!);
        Assert.Equal(b, _session.Floor);
        Assert.Equal(["a"], Names());

        var quiet = Hand("quiet");
        Assert.Null(Queue.HandOf(quiet.Person.Id));
        Queue.Give(quiet);
        Assert.Equal(quiet, _session.Floor);
        Assert.Equal(["a"], Names());
    }

    [Fact]
    public void The_speaker_yields_the_floor_or_a_facilitator_clears_it_and_nobody_else_may()
    {
        var speaker = Hand("speaker");
        var other = Hand("other");
        Refused(ErrorKind.Forbidden, ErrorCodes.NotSpeaking, () => Queue.ClearFloor(speaker.Person.Id, GroupRole.Facilitator));

        Queue.Give(speaker);
        Refused(ErrorKind.Forbidden, ErrorCodes.NotSpeaking, () => Queue.ClearFloor(other.Person.Id, GroupRole.Member));
        Refused(ErrorKind.Forbidden, ErrorCodes.NotSpeaking, () => Queue.ClearFloor(other.Person.Id, GroupRole.Observer));
        Assert.Equal(speaker, _session.Floor);

        Queue.ClearFloor(speaker.Person.Id, GroupRole.Member);
        Assert.Null(_session.Floor);

        Queue.Give(speaker);
        Queue.ClearFloor(other.Person.Id, GroupRole.Facilitator);
        Assert.Null(_session.Floor);
    }

    [Fact]
    public void Someone_removed_loses_their_hand_and_the_floor_and_nobody_else_does()
    {
        var (a, b, c) = (Hand("a"), Hand("b"), Hand("c"));
        Queue.Raise(a);
        Queue.Raise(b);
        Queue.Give(c);

        Queue.Remove(a.Person.Id);
        Assert.Equal(["b"], Names());
        Assert.Equal(c, _session.Floor);

        Queue.Remove(c.Person.Id);
        Assert.Null(_session.Floor);
        Assert.Equal(["b"], Names());
    }

    [Fact]
    public void A_speaker_who_leaves_keeps_the_floor_while_absent_hands_go_down()
    {
        var (a, b, speaker) = (Hand("a"), Hand("b"), Hand("speaker"));
        Queue.Raise(a);
        Queue.Raise(b);
        Queue.Give(speaker);

        Assert.False(Queue.DropAbsent(new HashSet<Guid> { a.Person.Id, b.Person.Id }));
        Assert.True(Queue.DropAbsent(new HashSet<Guid> { b.Person.Id }));
        Assert.Equal(["b"], Names());
        Assert.Equal(speaker, _session.Floor);
    }

    [Fact]
    public void An_ended_session_has_neither_queue_nor_speaker()
    {
        Queue.Raise(Hand("a"));
        Queue.Give(Hand("speaker"));
        Queue.Close();
        Assert.Empty(_session.Queue);
        Assert.Null(_session.Floor);
    }

    private static HandRecord Hand(string name, GroupRole role = GroupRole.Member, bool pointOfOrder = false) =>
        new(new Person(Guid.NewGuid(), name, $"{name} org"), role, pointOfOrder, Now);

    private string[] Names() => _session.Queue.Select(h => h.Person.Name).ToArray();

    private static void Refused(ErrorKind kind, string code, Action act)
    {
        var e = Assert.Throws<WorkspaceException>(act);
        Assert.Equal((kind, code), (e.Kind, e.Code));
    }
}
