using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Groups;

[Collection(ClusterCollection.Name)]
public sealed class WorkingGroupGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Administrator_creates_a_group_with_its_facilitator()
    {
        var s = await GroupScenario.Create(fixture);

        var view = await s.Group.Get(s.Facilitator.Id);
        var members = await s.Group.GetMembers(s.Member.Id);
        var observed = await s.Group.GetMembers(s.Observer.Id);

        Assert.Equal("Whistleblower protection", view.Details.Name);
        Assert.Equal(["MX", "BR"], view.Details.Countries);
        Assert.Equal(GroupRole.Facilitator, view.MyRole);
        Assert.True(view.CanManage);
        Assert.Equal(
            [("Fabiola", GroupRole.Facilitator), ("Mateo", GroupRole.Member), ("Olga", GroupRole.Observer)],
            members.Select(m => (m.DisplayName, m.Role)).ToArray());
        Assert.Equal("Mateo Org", members[1].Organisation);

        // The group hides names from observers (the default): organisations, countries and roles only, ordered by
        // them — but for the observer's own row, which is no secret to her.
        Assert.Equal(
            new (Guid?, string?, string, GroupRole)[] { (null, null, "Fabiola Org", GroupRole.Facilitator), (null, null, "Mateo Org", GroupRole.Member), (s.Observer.Id, "Olga", "Olga Org", GroupRole.Observer) },
            observed.Select(m => (m.UserId, m.DisplayName, m.Organisation, m.Role)).ToArray());
        await s.Group.SetObserversSeeNames(s.Facilitator.Id, true);
        Assert.Equal(members.Select(m => m.DisplayName), (await s.Group.GetMembers(s.Observer.Id)).Select(m => m.DisplayName));
        Assert.Contains(view.Id, await fixture.Grains.GetGrain<IUserGrain>(s.Member.Id).GetGroups());
    }

    [Fact]
    public async Task Only_the_administrator_creates_groups()
    {
        var user = await fixture.NewUser("Nadia");
        var group = fixture.Grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => group.Create(user.Id, GroupScenario.Details, null));

        Assert.Equal(ErrorCodes.AdminOnly, error.Code);
        var admin = await fixture.NewUser("Root", admin: true);
        var missing = await Assert.ThrowsAsync<WorkspaceException>(() => group.Get(admin.Id));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Invalid_details_are_refused_field_by_field_and_nothing_is_created()
    {
        var admin = await fixture.NewUser("Root", admin: true);
        var group = fixture.Grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());
        var bad = new GroupDetails("  ", new string('t', 121), new string('d', 4001), ["MX", "ZZ"], ["xx"]);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => group.Create(admin.Id, bad, null));

        Assert.Equal(
            ["countries", "description", "languages", "name", "thematicArea"],
            error.FieldErrors.Select(e => e.Field).Order().ToArray());
        await Assert.ThrowsAsync<WorkspaceException>(() => group.Get(admin.Id));
    }

    [Fact]
    public async Task Unknown_facilitator_email_refuses_the_whole_creation()
    {
        var admin = await fixture.NewUser("Root", admin: true);
        var group = fixture.Grains.GetGrain<IWorkingGroupGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => group.Create(admin.Id, GroupScenario.Details, "ghost@example.org"));

        Assert.Equal(ErrorCodes.NoConfirmedAccount, error.Code);
        Assert.Equal("facilitatorEmail", Assert.Single(error.FieldErrors).Field);
        await Assert.ThrowsAsync<WorkspaceException>(() => group.Get(admin.Id));
    }

    [Fact]
    public async Task Strangers_do_not_see_the_group_and_members_cannot_manage_it()
    {
        var s = await GroupScenario.Create(fixture);

        var stranger = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.GetMembers(s.Stranger.Id));
        var member = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.CreateInvitation(s.Member.Id, new InvitationRequest(GroupRole.Member, 7, 1)));
        var observer = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.ChangeRole(s.Observer.Id, s.Observer.Id, GroupRole.Facilitator));

        Assert.Equal((ErrorKind.NotFound, ErrorCodes.GroupNotFound), (stranger.Kind, stranger.Code));
        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.FacilitatorOnly), (member.Kind, member.Code));
        Assert.Equal(ErrorKind.Forbidden, observer.Kind);
        Assert.Equal(GroupRole.Observer, await s.Group.GetRole(s.Observer.Id));
    }

    [Fact]
    public async Task Facilitator_changes_roles_and_removes_people_but_never_the_last_facilitator()
    {
        var s = await GroupScenario.Create(fixture);

        var promoted = await s.Group.ChangeRole(s.Facilitator.Id, s.Observer.Id, GroupRole.Member);
        await s.Group.RemoveMember(s.Facilitator.Id, s.Member.Id);
        var demoteSelf = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.ChangeRole(s.Facilitator.Id, s.Facilitator.Id, GroupRole.Member));
        var leave = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.Leave(s.Facilitator.Id));
        var removeUnknown = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.RemoveMember(s.Facilitator.Id, s.Stranger.Id));

        Assert.Equal(GroupRole.Member, promoted.Role);
        Assert.Null(await s.Group.GetRole(s.Member.Id));
        Assert.DoesNotContain(s.Group.GetPrimaryKey(), await fixture.Grains.GetGrain<IUserGrain>(s.Member.Id).GetGroups());
        Assert.Equal(ErrorCodes.LastFacilitator, demoteSelf.Code);
        Assert.Equal(ErrorCodes.LastFacilitator, leave.Code);
        Assert.Equal(ErrorCodes.MemberNotFound, removeUnknown.Code);
        Assert.Equal(GroupRole.Facilitator, await s.Group.GetRole(s.Facilitator.Id));
    }

    [Fact]
    public async Task A_member_can_leave()
    {
        var s = await GroupScenario.Create(fixture);

        await s.Group.Leave(s.Member.Id);

        Assert.Null(await s.Group.GetRole(s.Member.Id));
        var again = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.Get(s.Member.Id));
        Assert.Equal(ErrorKind.NotFound, again.Kind);
    }

    [Fact]
    public async Task Administrator_appoints_a_person_chosen_by_id_as_facilitator()
    {
        var s = await GroupScenario.Create(fixture);

        var appointed = await s.Group.AppointFacilitatorById(s.Admin.Id, s.Stranger.Id);
        var byFacilitator = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AppointFacilitatorById(s.Facilitator.Id, s.Member.Id));
        var nobody = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AppointFacilitatorById(s.Admin.Id, Guid.NewGuid()));

        Assert.Equal((s.Stranger.Id, GroupRole.Facilitator), (appointed.UserId, appointed.Role));
        Assert.Equal(ErrorCodes.AdminOnly, byFacilitator.Code);
        Assert.Equal(ErrorCodes.AccountNotFound, nobody.Code);
        Assert.Equal(GroupRole.Member, await s.Group.GetRole(s.Member.Id));
    }

    [Fact]
    public async Task Administrator_appoints_by_email_only_an_account_that_confirmed_it()
    {
        var s = await GroupScenario.Create(fixture);
        var unconfirmed = await Assert.ThrowsAsync<WorkspaceException>(() => s.Group.AppointFacilitator(s.Admin.Id, s.Stranger.Email));
        var account = fixture.Grains.GetGrain<IAccountGrain>(s.Stranger.Email);
        var token = await account.IssueConfirmation(s.Stranger.Id);
        await account.Confirm(s.Stranger.Id, InvitationTokens.Hash(token));

        var appointed = await s.Group.AppointFacilitator(s.Admin.Id, s.Stranger.Email.ToUpperInvariant());

        Assert.Equal(ErrorCodes.NoConfirmedAccount, unconfirmed.Code);
        Assert.Equal((s.Stranger.Id, GroupRole.Facilitator), (appointed.UserId, appointed.Role));
    }

    [Fact]
    public async Task Audit_log_records_who_did_what_newest_first()
    {
        var s = await GroupScenario.Create(fixture);
        await s.Group.ChangeRole(s.Facilitator.Id, s.Member.Id, GroupRole.Observer);

        var audit = await s.Group.GetAudit(s.Admin.Id);

        Assert.Equal(
            [
                AuditActions.MemberRoleChanged, AuditActions.MemberJoined, AuditActions.InvitationCreated,
                AuditActions.MemberJoined, AuditActions.InvitationCreated, AuditActions.MemberAppointed, AuditActions.GroupCreated,
            ],
            audit.Select(a => a.Action).ToArray());
        Assert.Equal(("Fabiola", "Mateo", "Observer"), (audit[0].ActorName, audit[0].SubjectName, audit[0].Detail));
        Assert.Equal("Olga", audit[1].ActorName);
    }
}
