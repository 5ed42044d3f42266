using Microsoft.AspNetCore.SignalR;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Groups;
using Workspace.Server.Api;
using Workspace.Server.Web;

namespace Workspace.Server.Live;

/// <summary>
/// This node's subscriptions to working groups' live events (boards and recommendation
/// threads): one observer per group however many local connections watch it, renewed before
/// the group forgets the node. Each connection sits in the SignalR group of its audience —
/// members (members and facilitators) or observers — so members-only events never reach an
/// observer's socket; role changes and removals move or drop the connection at once.
/// </summary>
public sealed partial class GroupFanOut(
    IGrainFactory grains,
    IHubContext<DocumentHub, IDocumentClient> hub,
    ConnectionRegistry connections,
    ILogger<GroupFanOut> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Subscription> _subscriptions = [];

    public string NodeKey { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public static string AudienceGroup(Guid groupId, GroupRole role) =>
        role == GroupRole.Observer ? $"grp:{groupId:N}:observers" : $"grp:{groupId:N}:members";

    /// <summary>Starts (or repeats) watching a group on a connection; returns the watcher's role.</summary>
    public async Task<GroupRole> Watch(LiveConnection connection, Guid userId, Guid groupId)
    {
        var (subscription, joined) = Join(groupId, connection.Context.ConnectionId);

        // One at a time with the group's role changes: one handled between the group's answer and
        // the connection joining its audience would otherwise not see this connection.
        await subscription.Gate.WaitAsync();
        try
        {
            var access = await grains.GetGrain<IWorkingGroupGrain>(groupId).Watch(userId, NodeKey, subscription.Reference);
            if (connection.Groups.TryGetValue(groupId, out var previous) && previous != access.Role)
            {
                await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, previous));
            }

            connection.Groups[groupId] = access.Role;
            await hub.Groups.AddToGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, access.Role));
            if (connection.IsClosed)
            {
                await Unwatch(connection, groupId); // gone while watching began: its goodbye did not see this group
            }

            return access.Role;
        }
        catch
        {
            if (joined)
            {
                await Leave(groupId, connection.Context.ConnectionId);
            }

            throw;
        }
        finally
        {
            subscription.Gate.Release();
        }
    }

    public async Task Unwatch(LiveConnection connection, Guid groupId)
    {
        if (connection.Groups.TryRemove(groupId, out var role))
        {
            await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, role));
            await Leave(groupId, connection.Context.ConnectionId);
        }
    }

    /// <summary>A connection that went away stops watching everything.</summary>
    public async Task Disconnected(LiveConnection connection)
    {
        foreach (var groupId in connection.Groups.Keys.ToArray())
        {
            connection.Groups.TryRemove(groupId, out _);
            await Leave(groupId, connection.Context.ConnectionId);
        }
    }

    private (Subscription Subscription, bool Joined) Join(Guid groupId, string connectionId)
    {
        lock (_lock)
        {
            if (!_subscriptions.TryGetValue(groupId, out var subscription))
            {
                var observer = new NodeObserver(this);
                subscription = new Subscription(observer, grains.CreateObjectReference<IGroupObserver>(observer));
                _subscriptions[groupId] = subscription;
            }

            return (subscription, subscription.Watchers.Add(connectionId));
        }
    }

    private async Task Leave(Guid groupId, string connectionId)
    {
        Subscription? ended = null;
        lock (_lock)
        {
            if (_subscriptions.TryGetValue(groupId, out var subscription) && subscription.Watchers.Remove(connectionId) && subscription.Watchers.Count == 0)
            {
                _subscriptions.Remove(groupId);
                ended = subscription;
            }
        }

        if (ended is null)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IWorkingGroupGrain>(groupId).Unwatch(NodeKey);
        }
        catch (Exception e)
        {
            LogUnwatchFailed(logger, e, groupId);
        }
        finally
        {
            grains.DeleteObjectReference<IGroupObserver>(ended.Reference);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WorkingGroupGrain.WatchExpiry / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            KeyValuePair<Guid, Subscription>[] current;
            lock (_lock)
            {
                current = [.. _subscriptions];
            }

            foreach (var (groupId, subscription) in current)
            {
                try
                {
                    if (!await grains.GetGrain<IWorkingGroupGrain>(groupId).RenewWatch(NodeKey, subscription.Reference))
                    {
                        // The group was reactivated and no longer knows this node: subscribe again through any watcher.
                        var watcher = subscription.Watchers.Select(connections.Get).FirstOrDefault(c => c is not null);
                        if (watcher?.Context.User is { } user)
                        {
                            await grains.GetGrain<IWorkingGroupGrain>(groupId).Watch(user.UserId(), NodeKey, subscription.Reference);
                        }
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRenewFailed(logger, e, groupId);
                }
            }
        }
    }

    private async Task Deliver(RecommendationEvent change)
    {
        var message = new RecommendationChanged(change.GroupId, change.Summary.Id, change.Change, RecommendationItem.From(change.Summary));
        await hub.Clients.Group(AudienceGroup(change.GroupId, GroupRole.Member)).RecommendationChanged(message);
        if (change.VisibleToObservers)
        {
            await hub.Clients.Group(AudienceGroup(change.GroupId, GroupRole.Observer)).RecommendationChanged(message);
        }
        else if (change.WasVisibleToObservers)
        {
            await hub.Clients.Group(AudienceGroup(change.GroupId, GroupRole.Observer))
                .RecommendationRemoved(new RecommendationRemoved(change.GroupId, change.Summary.Id, change.Summary.UpdatedAt));
        }
    }

    /// <summary>
    /// Moves the person's local watching connections to the audience of their current role, or out
    /// of the group. Notifications may overtake each other on their way (a demotion right after a
    /// promotion), so the role notified is only a fallback: the group is asked, one change (or watch)
    /// of the group at a time, and the last one handled leaves everyone where the group says they are.
    /// </summary>
    internal async Task MemberChanged(Guid groupId, Guid userId, GroupRole? notified)
    {
        Subscription? subscription;
        lock (_lock)
        {
            _subscriptions.TryGetValue(groupId, out subscription);
        }

        if (subscription is null)
        {
            return; // nobody here watches the group
        }

        await subscription.Gate.WaitAsync();
        try
        {
            GroupRole? role;
            try
            {
                role = await grains.GetGrain<IWorkingGroupGrain>(groupId).GetRole(userId);
            }
            catch (Exception e)
            {
                LogRoleUnknown(logger, e, groupId);
                role = notified;
            }

            await Move(groupId, userId, role);
        }
        finally
        {
            subscription.Gate.Release();
        }
    }

    private async Task Move(Guid groupId, Guid userId, GroupRole? role)
    {
        string[] watchers;
        lock (_lock)
        {
            watchers = _subscriptions.TryGetValue(groupId, out var subscription) ? [.. subscription.Watchers] : [];
        }

        foreach (var connection in watchers.Select(connections.Get))
        {
            if (connection?.Context.User?.UserId() != userId || !connection.Groups.TryGetValue(groupId, out var previous))
            {
                continue;
            }

            await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, previous));
            if (role is { } now)
            {
                connection.Groups[groupId] = now;
                await hub.Groups.AddToGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, now));
            }
            else
            {
                // An administrator keeps watching without membership (the group itself still answers them).
                var profile = await grains.GetGrain<Contracts.Accounts.IUserGrain>(userId).GetProfile();
                if (profile is { IsAdmin: true })
                {
                    connection.Groups[groupId] = GroupRole.Facilitator;
                    await hub.Groups.AddToGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, GroupRole.Facilitator));
                    continue;
                }

                connection.Groups.TryRemove(groupId, out _);
                await Leave(groupId, connection.Context.ConnectionId);
                await hub.Clients.Client(connection.Context.ConnectionId).GroupClosed(groupId);
            }
        }
    }

    private void DeliveryFailed(Exception e, Guid groupId) => LogDeliveryFailed(logger, e, groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end this node's subscription to group {GroupId}; it expires on its own.")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception, Guid groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's subscription to group {GroupId}.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a member's role in group {GroupId}; their live view follows the role notified.")]
    private static partial void LogRoleUnknown(ILogger logger, Exception exception, Guid groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a live event of group {GroupId} to this node's connections.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid groupId);

    private sealed class Subscription(NodeObserver observer, IGroupObserver reference)
    {
        // Held strongly: Orleans keeps only a weak reference to observer objects.
        public NodeObserver Observer { get; } = observer;

        public IGroupObserver Reference { get; } = reference;

        public HashSet<string> Watchers { get; } = new(StringComparer.Ordinal);

        /// <summary>Taken by watches and role changes of the group, so that each sees the other's outcome.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }

    private sealed class NodeObserver(GroupFanOut fanOut) : IGroupObserver
    {
        public async Task Recommendation(RecommendationEvent change)
        {
            try
            {
                await fanOut.Deliver(change);
            }
            catch (Exception e)
            {
                fanOut.DeliveryFailed(e, change.GroupId);
            }
        }

        public async Task Member(Guid groupId, Guid userId, GroupRole? role)
        {
            try
            {
                await fanOut.MemberChanged(groupId, userId, role);
            }
            catch (Exception e)
            {
                fanOut.DeliveryFailed(e, groupId);
            }
        }
    }
}

/// <summary>A recommendation the reader may see changed: refresh the board row, or the thread shown.</summary>
public sealed record RecommendationChanged(Guid GroupId, Guid RecommendationId, RecommendationChange Change, RecommendationItem Recommendation);

/// <summary>
/// A recommendation the reader may no longer see, as of the change that hid it (<paramref name="At"/>,
/// its <c>updatedAt</c>): events may overtake each other, and a board must not let an older change bring
/// the row back, nor an older removal take away a row shown again since.
/// </summary>
public sealed record RecommendationRemoved(Guid GroupId, Guid RecommendationId, DateTimeOffset At);
