using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Server;
using Workspace.Server.Api;

namespace Workspace.Server.Network;

/// <summary>An adopted recommendation as the reader's group lists it, with the group's name.</summary>
public sealed record NetworkFound(RecommendationSummary Summary, SearchGroup Group);

/// <summary>
/// Reads the adopted recommendations of every group a person is in (an administrator: every group) as that person:
/// the group's own list of what the reader may see (<see cref="IWorkingGroupGrain.GetRecommendations"/>) and the thread
/// itself (<see cref="IRecommendationGrain.Get"/>), the calls the board and the thread make, so an observer never gets a
/// members-only recommendation. Bounded as search is: <see cref="MaxGroups"/> groups, <see cref="MaxPerGroup"/> adopted
/// recommendations of each; <see cref="Partial"/> says a bound left something unread.
/// </summary>
public sealed class NetworkReader(IGrainFactory grains, Guid readerId)
{
    /// <summary>Groups read at most (a person in more: those first in their list), as search.</summary>
    public const int MaxGroups = SearchApi.MaxGroups;

    /// <summary>Adopted recommendations of one group read at most (the most recently changed first).</summary>
    public const int MaxPerGroup = 200;

    /// <summary>Threads read at most for one answer (the follow-up updates come from them).</summary>
    public const int MaxThreads = 500;

    /// <summary>Grain calls in flight at once for one answer.</summary>
    public const int ConcurrentReads = SearchApi.ConcurrentReads;

    private readonly SemaphoreSlim _reads = new(ConcurrentReads);

    public bool Partial { get; private set; }

    /// <summary>Every adopted recommendation the reader may read, across their groups.</summary>
    public async Task<IReadOnlyList<NetworkFound>> Adopted()
    {
        var profile = await grains.GetGrain<IUserGrain>(readerId).GetProfile()
            ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        var ids = profile.IsAdmin ? await grains.GetGrain<IServerGrain>(0).GetGroups() : await grains.GetGrain<IUserGrain>(readerId).GetGroups();
        Partial |= ids.Count > MaxGroups;
        var groups = await Task.WhenAll(ids.Take(MaxGroups).Select(Group));
        return groups.SelectMany(g => g).ToArray();
    }

    /// <summary>The thread as the reader may see it; null when it refuses them (removed, no longer visible).</summary>
    public async Task<RecommendationView?> Thread(Guid recommendationId)
    {
        await _reads.WaitAsync();
        try
        {
            return await grains.GetGrain<IRecommendationGrain>(recommendationId).Get(readerId);
        }
        catch (WorkspaceException)
        {
            return null;
        }
        finally
        {
            _reads.Release();
        }
    }

    /// <summary>Marks the answer as cut short by a bound.</summary>
    public void Cut() => Partial = true;

    private async Task<IReadOnlyList<NetworkFound>> Group(Guid groupId)
    {
        await _reads.WaitAsync();
        try
        {
            var group = grains.GetGrain<IWorkingGroupGrain>(groupId);
            var view = await group.Get(readerId);
            var adopted = (await group.GetRecommendations(readerId)).Where(r => r.Status == RecommendationStatus.Adopted).ToArray();
            if (adopted.Length > MaxPerGroup)
            {
                Partial = true;
            }

            var named = new SearchGroup(view.Id, view.Details.Name);
            return adopted.Take(MaxPerGroup).Select(r => new NetworkFound(r, named)).ToArray();
        }
        catch (WorkspaceException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return []; // left or removed meanwhile
        }
        finally
        {
            _reads.Release();
        }
    }
}
