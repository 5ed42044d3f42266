using Workspace.Contracts.Sessions;
using Workspace.Grains.Tests.Recommendations;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>A session of a recommendation scenario's group, and the people of that group by role.</summary>
internal sealed record SessionRoom(RecommendationScenario S, ISessionGrain Session)
{
    public Guid Facilitator => S.Group.Facilitator.Id;

    public Guid Member => S.Group.Member.Id;

    public Guid Second => S.SecondMember.Id;

    public Guid Observer => S.Group.Observer.Id;

    /// <summary>Everyone but the observer: what an observer of a group that hides names must never receive.</summary>
    public (string Name, Guid Id)[] Members =>
        [(S.Group.Facilitator.DisplayName, Facilitator), (S.Group.Member.DisplayName, Member), (S.SecondMember.DisplayName, Second)];
}
