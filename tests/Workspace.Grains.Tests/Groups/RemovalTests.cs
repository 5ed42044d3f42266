using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

/// <summary>A person a facilitator removed comes back only through an invitation created after the removal.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RemovalTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_removed_member_cannot_rejoin_through_a_link_from_before_the_removal_only_through_a_newer_one()
    {
        var s = await GroupScenario.Create(fixture);
        var person = await fixture.NewUser("Quique");
        var kept = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 30, 50));
        await s.Group.AcceptInvitation(kept.Id, person.Id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        await s.Group.RemoveMember(s.Facilitator.Id, person.Id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(kept.Id, person.Id));
        var other = await fixture.NewUser("Otra");
        await s.Group.AcceptInvitation(kept.Id, other.Id); // the link itself still works for others

        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.InvitationPredatesRemoval), (refused.Kind, refused.Code));
        Assert.Null(await s.Group.GetRole(person.Id));

        var fresh = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Observer, 7, 1));
        await s.Group.AcceptInvitation(fresh.Id, person.Id);
        Assert.Equal(GroupRole.Observer, await s.Group.GetRole(person.Id));
    }

    [Fact]
    public async Task Someone_who_left_on_their_own_may_come_back_through_the_link_they_used()
    {
        var s = await GroupScenario.Create(fixture);
        var person = await fixture.NewUser("Vuelve");
        var link = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 30, 50));
        await s.Group.AcceptInvitation(link.Id, person.Id);

        await s.Group.Leave(person.Id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await s.Group.AcceptInvitation(link.Id, person.Id);

        Assert.Equal(GroupRole.Member, await s.Group.GetRole(person.Id));
    }
}
