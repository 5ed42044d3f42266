using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

/// <summary>A registration holds the invitation's use before its account exists, so a one-use link admits one registration.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InvitationReservationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_held_use_refuses_other_registrations_and_joins_until_it_is_used_or_given_back()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 7, 1));
        var newcomer = await fixture.NewUser("Nueva");
        var other = await fixture.NewUser("Otra");

        var held = await s.Group.ReserveInvitation(invitation.Id);
        var secondHold = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.ReserveInvitation(invitation.Id));
        var join = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(invitation.Id, other.Id));
        await s.Group.ReleaseInvitation(held);
        var again = await s.Group.ReserveInvitation(invitation.Id);
        await s.Group.AcceptReservedInvitation(invitation.Id, again, newcomer.Id);
        var afterUse = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.ReserveInvitation(invitation.Id));

        Assert.Equal((ErrorKind.Gone, ErrorCodes.InvitationUsedUp), (secondHold.Kind, secondHold.Code));
        Assert.Equal(ErrorCodes.InvitationUsedUp, join.Code);
        Assert.Equal(ErrorCodes.InvitationUsedUp, afterUse.Code);
        Assert.Equal(GroupRole.Member, await s.Group.GetRole(newcomer.Id));
        Assert.Null(await s.Group.GetRole(other.Id));
    }

    [Fact]
    public async Task A_held_use_lapses_after_a_minute()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 7, 1));

        await s.Group.ReserveInvitation(invitation.Id);
        fixture.Clock.Advance(WorkingGroupGrain.ReservationLifetime + TimeSpan.FromSeconds(1));

        await s.Group.ReserveInvitation(invitation.Id); // no longer refused
    }
}
