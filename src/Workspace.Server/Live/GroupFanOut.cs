using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Live;
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
    ILocalSiloDetails silo,
    IHubContext<LiveHub, ILiveClient> hub,
    ConnectionRegistry connections,
    IOptions<NodeOptions> options,
    ILogger<GroupFanOut> logger) : NodeFanOut<IGroupObserver, GroupFanOut.NodeObserver, Guid>(grains, silo, options, logger)
{
    public static string AudienceGroup(Guid groupId, GroupRole role) =>
        role == GroupRole.Observer ? $"grp:{groupId:N}:observers" : $"grp:{groupId:N}:members";

    protected override string Kind => "group";

    /// <summary>Starts (or repeats) watching a group on a connection; returns the watcher's role.</summary>
    public async Task<GroupRole> Watch(LiveConnection connection, Guid userId, Guid groupId)
    {
        Subscription subscription;
        bool joined;
        lock (Sync)
        {
            subscription = Attach(groupId);
            joined = subscription.Connections.TryAdd(connection.Context.ConnectionId, userId);
        }

        // One at a time with the group's role changes: one handled between the group's answer and
        // the connection joining its audience would otherwise not see this connection.
        var gate = subscription.Observer.Gate;
        await gate.WaitAsync();
        try
        {
            var access = await Group(groupId).Watch(userId, NodeKey, subscription.Reference);
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
                await Detach(groupId, connection.Context.ConnectionId);
            }

            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task Unwatch(LiveConnection connection, Guid groupId)
    {
        if (connection.Groups.TryRemove(groupId, out var role))
        {
            await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, role));
            await Detach(groupId, connection.Context.ConnectionId);
        }
    }

    /// <summary>A connection that went away stops watching everything.</summary>
    public async Task Disconnected(LiveConnection connection)
    {
        foreach (var groupId in connection.Groups.Keys.ToArray())
        {
            connection.Groups.TryRemove(groupId, out _);
            await Detach(groupId, connection.Context.ConnectionId);
        }
    }

    protected override NodeObserver CreateObserver(Guid groupId) => new(this);

    protected override Task Unsubscribe(Guid groupId, IGroupObserver reference) => Group(groupId).Unwatch(NodeKey, reference);

    /// <summary>The group knows nodes, not connections: if it forgot the node, every watcher here is unknown to it.</summary>
    protected override async Task<IReadOnlyCollection<string>> Renew(Guid groupId, IGroupObserver reference, IReadOnlyList<KeyValuePair<string, Guid>> watchers) =>
        await Group(groupId).RenewWatch(NodeKey, reference) ? [] : [.. watchers.Select(w => w.Key)];

    /// <summary>The group was reactivated and no longer knows this node: subscribe again, as one of the people watching here.</summary>
    protected override async Task Rejoin(Guid groupId, IGroupObserver reference, IReadOnlyCollection<string> connectionIds)
    {
        Guid? watcher;
        lock (Sync)
        {
            watcher = Find(groupId) is { } subscription
                ? connectionIds.Where(subscription.Connections.ContainsKey).Select(c => subscription.Connections[c]).Cast<Guid?>().FirstOrDefault()
                : null;
        }

        if (watcher is { } userId)
        {
            await Group(groupId).Watch(userId, NodeKey, reference);
        }
    }

    private IWorkingGroupGrain Group(Guid groupId) => Grains.GetGrain<IWorkingGroupGrain>(groupId);

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
        NodeObserver? node;
        lock (Sync)
        {
            node = Find(groupId)?.Observer;
        }

        if (node is null)
        {
            return; // nobody here watches the group
        }

        await node.Gate.WaitAsync();
        try
        {
            GroupRole? role;
            try
            {
                role = await Group(groupId).GetRole(userId);
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
            node.Gate.Release();
        }
    }

    private async Task Move(Guid groupId, Guid userId, GroupRole? role)
    {
        string[] watchers;
        lock (Sync)
        {
            watchers = Find(groupId) is { } subscription ? [.. subscription.Connections.Keys] : [];
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
                var profile = await Grains.GetGrain<Contracts.Accounts.IUserGrain>(userId).GetProfile();
                if (profile is { IsAdmin: true })
                {
                    connection.Groups[groupId] = GroupRole.Facilitator;
                    await hub.Groups.AddToGroupAsync(connection.Context.ConnectionId, AudienceGroup(groupId, GroupRole.Facilitator));
                    continue;
                }

                connection.Groups.TryRemove(groupId, out _);
                await Detach(groupId, connection.Context.ConnectionId);
                await hub.Clients.Client(connection.Context.ConnectionId).GroupClosed(groupId);
            }
        }
    }

    private void DeliveryFailed(Exception e, Guid groupId) => LogDeliveryFailed(logger, e, groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read a member's role in group {GroupId}; their live view follows the role notified.")]
    private static partial void LogRoleUnknown(ILogger logger, Exception exception, Guid groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a live event of group {GroupId} to this node's connections.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid groupId);

    /// <summary>The node's end of one group's live events.</summary>
    public sealed class NodeObserver : IGroupObserver
    {
        private readonly GroupFanOut _fanOut;

        internal NodeObserver(GroupFanOut fanOut) => _fanOut = fanOut;

        /// <summary>Taken by watches and role changes of the group, so that each sees the other's outcome.</summary>
        internal SemaphoreSlim Gate { get; } = new(1, 1);

        public async Task Recommendation(RecommendationEvent change)
        {
            try
            {
                await _fanOut.Deliver(change);
            }
            catch (Exception e)
            {
                _fanOut.DeliveryFailed(e, change.GroupId);
            }
        }

        public async Task Member(Guid groupId, Guid userId, GroupRole? role)
        {
            try
            {
                await _fanOut.MemberChanged(groupId, userId, role);
            }
            catch (Exception e)
            {
                _fanOut.DeliveryFailed(e, groupId);
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
