using Workspace.Contracts.Groups;

namespace Workspace.Server.Live;

/// <summary>
/// Group watches: a connection follows a working group's board and recommendation threads, receiving
/// what its audience may see through <see cref="GroupFanOut"/> (<see cref="IGroupWatchClient"/>).
/// </summary>
public sealed partial class LiveHub
{
    /// <summary>Follows a working group's live events (its board and recommendation threads) on this connection; returns the caller's role in it.</summary>
    public Task<GroupRole> WatchGroup(Guid groupId) => groupFanOut.Watch(Connection(), UserId, groupId);

    /// <summary>Stops following a working group's live events.</summary>
    public Task UnwatchGroup(Guid groupId) => groupFanOut.Unwatch(Connection(), groupId);
}
