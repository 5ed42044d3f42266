using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

[Collection(ClusterCollection.Name)]
public sealed class InvitationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Link_grants_its_role_until_its_uses_run_out()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 7, 2));
        var first = await fixture.NewUser("Uno");
        var second = await fixture.NewUser("Dos");
        var third = await fixture.NewUser("Tres");

        await s.Group.AcceptInvitation(invitation.Id, first.Id);
        await s.Group.AcceptInvitation(invitation.Id, first.Id); // joining twice costs no use
        await s.Group.AcceptInvitation(invitation.Id, second.Id);
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(invitation.Id, third.Id));

        Assert.Equal((ErrorKind.Gone, ErrorCodes.InvitationUsedUp), (error.Kind, error.Code));
        Assert.Equal(GroupRole.Member, await s.Group.GetRole(second.Id));
        Assert.Null(await s.Group.GetRole(third.Id));
        var listed = Assert.Single(await s.Group.GetInvitations(s.Facilitator.Id), i => i.Id == invitation.Id);
        Assert.Equal((2, InvitationStatus.UsedUp), (listed.Uses, listed.Status));
        Assert.Null(listed.Token);
    }

    [Fact]
    public async Task Token_resolves_by_its_hash_to_the_invitation()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Observer, 7, 5));

        var target = await fixture.Grains.GetGrain<IInvitationTokenGrain>(InvitationTokens.Hash(invitation.Token!)).Resolve();
        var preview = await s.Group.PreviewInvitation(invitation.Id);

        Assert.Equal(new InvitationTarget(s.Group.GetPrimaryKey(), invitation.Id), target);
        Assert.Equal(("Whistleblower protection", GroupRole.Observer, InvitationStatus.Active), (preview.GroupName, preview.Role, preview.Status));
        Assert.True(invitation.Token!.Length >= 40);
    }

    [Fact]
    public async Task Revoked_link_no_longer_admits_anyone()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 7, 10));
        var late = await fixture.NewUser("Tarde");

        await s.Group.RevokeInvitation(s.Facilitator.Id, invitation.Id);
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(invitation.Id, late.Id));

        Assert.Equal(ErrorCodes.InvitationRevoked, error.Code);
        Assert.Null(await s.Group.GetRole(late.Id));
        Assert.Equal(InvitationStatus.Revoked, (await s.Group.PreviewInvitation(invitation.Id)).Status);
    }

    [Fact]
    public async Task Expired_link_no_longer_admits_anyone()
    {
        var s = await GroupScenario.Create(fixture);
        var invitation = await s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest(GroupRole.Member, 1, 10));
        var late = await fixture.NewUser("Tarde");

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(invitation.Id, late.Id));

        Assert.Equal(ErrorCodes.InvitationExpired, error.Code);
        Assert.Null(await s.Group.GetRole(late.Id));
    }

    [Fact]
    public async Task Invitation_requests_out_of_range_are_refused()
    {
        var s = await GroupScenario.Create(fixture);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            s.Group.CreateInvitation(s.Facilitator.Id, new InvitationRequest((GroupRole)7, 0, 501)));

        Assert.Equal(["expiresInDays", "maxUses", "role"], error.FieldErrors.Select(e => e.Field).Order().ToArray());
        Assert.Empty(await s.Group.GetInvitations(s.Facilitator.Id) is var list ? list.Where(i => i.Role == (GroupRole)7) : []);
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public async Task Unknown_invitation_is_not_found()
    {
        var s = await GroupScenario.Create(fixture);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AcceptInvitation(Guid.NewGuid(), s.Stranger.Id));

        Assert.Equal((ErrorKind.NotFound, ErrorCodes.InvitationNotFound), (error.Kind, error.Code));
    }
}
