using Workspace.Contracts.Accounts;
using Workspace.Contracts.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

/// <summary>A fresh group with an administrator, a facilitator, a member, an observer and a stranger.</summary>
public sealed record GroupScenario(
    IWorkingGroupGrain Group, UserProfile Admin, UserProfile Facilitator, UserProfile Member, UserProfile Observer, UserProfile Stranger)
{
    public static readonly GroupDetails Details = new(
        "Whistleblower protection", "UNCAC Art. 33", "Safe reporting channels.", ["MX", "BR"], ["es", "pt"]);

    public static async Task<GroupScenario> Create(ClusterFixture fixture)
    {
        var admin = await fixture.NewUser("Admin", admin: true);
        var facilitator = await fixture.NewUser("Fabiola");
        var member = await fixture.NewUser("Mateo");
        var observer = await fixture.NewUser("Olga");
        var stranger = await fixture.NewUser("Sergio");
        var group = fixture.Grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());
        await group.CreateWithFacilitator(admin.Id, Details, facilitator.Id);
        await Join(group, facilitator.Id, member.Id, GroupRole.Member);
        await Join(group, facilitator.Id, observer.Id, GroupRole.Observer);
        return new GroupScenario(group, admin, facilitator, member, observer, stranger);
    }

    public static async Task Join(IWorkingGroupGrain group, Guid inviter, Guid joiner, GroupRole role)
    {
        var invitation = await group.CreateInvitation(inviter, new InvitationRequest(role, 7, 1));
        await group.AcceptInvitation(invitation.Id, joiner);
    }
}
