using Workspace.Contracts.Accounts;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Grains.Groups;

namespace Workspace.Grains.Tests.Groups;

/// <summary>The group's rules without a cluster: a stored state written by hand, profiles as the user grain would give them.</summary>
public sealed class GroupPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly GroupState _group = new() { Exists = true };
    private readonly UserProfile _facilitator;
    private readonly UserProfile _member;
    private readonly UserProfile _observer;
    private readonly UserProfile _outsider = Profile("outsider");
    private readonly UserProfile _admin = Profile("admin") with { IsAdmin = true };

    public GroupPolicyTests()
    {
        _facilitator = Join("facilitator", GroupRole.Facilitator);
        _member = Join("member", GroupRole.Member);
        _observer = Join("observer", GroupRole.Observer);
    }

    private GroupPolicy Policy => new(_group);

    // ---- effective role, visibility, management ----

    [Fact]
    public void The_administrator_acts_as_a_facilitator_everywhere_and_outsiders_have_no_role()
    {
        Assert.Equal(GroupRole.Facilitator, Policy.EffectiveRole(_facilitator));
        Assert.Equal(GroupRole.Member, Policy.EffectiveRole(_member));
        Assert.Equal(GroupRole.Observer, Policy.EffectiveRole(_observer));
        Assert.Equal(GroupRole.Facilitator, Policy.EffectiveRole(_admin));
        Assert.Null(Policy.EffectiveRole(_outsider));

        // An administrator admitted as an observer still acts as a facilitator; as a member they hold the observer's role.
        var admitted = _observer with { IsAdmin = true };
        Assert.Equal(GroupRole.Facilitator, Policy.EffectiveRole(admitted));
        Assert.Equal(GroupRole.Observer, Policy.MemberRole(admitted.Id));
    }

    [Fact]
    public void Member_role_is_held_only_by_members_of_a_group_that_exists()
    {
        Assert.Equal(GroupRole.Member, Policy.MemberRole(_member.Id));
        Assert.Null(Policy.MemberRole(_admin.Id));
        Assert.Null(Policy.MemberRole(_outsider.Id));

        _group.Exists = false;
        Assert.Null(Policy.MemberRole(_member.Id));
    }

    [Fact]
    public void Members_and_the_administrator_see_the_group_and_to_anyone_else_it_does_not_exist()
    {
        Assert.Equal(GroupRole.Observer, Policy.RequireVisible(_observer));
        Assert.Equal(GroupRole.Facilitator, Policy.RequireVisible(_admin));
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.RequireVisible(_outsider));

        _group.Exists = false;
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.RequireVisible(_admin));
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.RequireVisible(_member));
    }

    [Fact]
    public void Only_facilitators_and_the_administrator_manage_the_group()
    {
        Policy.RequireManager(_facilitator);
        Policy.RequireManager(_admin);
        Assert.True(Policy.CanManage(_facilitator));
        Assert.True(Policy.CanManage(_admin));
        Assert.False(Policy.CanManage(_member));
        Assert.False(Policy.CanManage(_outsider));
        Refused(ErrorKind.Forbidden, ErrorCodes.FacilitatorOnly, () => Policy.RequireManager(_member));
        Refused(ErrorKind.Forbidden, ErrorCodes.FacilitatorOnly, () => Policy.RequireManager(_observer));

        // Someone outside is not told the group exists, let alone that they may not manage it.
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.RequireManager(_outsider));
    }

    [Fact]
    public void Administrator_only_and_members_only_refusals()
    {
        GroupPolicy.RequireAdmin(_admin);
        Refused(ErrorKind.Forbidden, ErrorCodes.AdminOnly, () => GroupPolicy.RequireAdmin(_facilitator));

        GroupPolicy.RequireMember(GroupRole.Member);
        GroupPolicy.RequireMember(GroupRole.Facilitator);
        Refused(ErrorKind.Forbidden, ErrorCodes.MembersOnly, () => GroupPolicy.RequireMember(GroupRole.Observer));
    }

    // ---- who manages whom, the last facilitator ----

    [Fact]
    public void A_role_change_names_a_known_member_and_a_known_role_and_the_same_role_changes_nothing()
    {
        Refused(ErrorKind.Validation, ErrorCodes.ValidationFailed, () => Policy.RoleChange(_member.Id, (GroupRole)7), "role", ErrorCodes.InvalidRole);
        Refused(ErrorKind.NotFound, ErrorCodes.MemberNotFound, () => Policy.RoleChange(_outsider.Id, GroupRole.Member));
        Assert.Null(Policy.RoleChange(_member.Id, GroupRole.Member));
        Assert.Equal(_member.Id, Policy.RoleChange(_member.Id, GroupRole.Facilitator)!.UserId);
        Assert.Equal(_observer.Id, Policy.RoleChange(_observer.Id, GroupRole.Member)!.UserId);
    }

    [Fact]
    public void The_last_facilitator_cannot_demote_themself_be_removed_or_leave()
    {
        foreach (var role in new[] { GroupRole.Member, GroupRole.Observer })
        {
            Refused(ErrorKind.Conflict, ErrorCodes.LastFacilitator, () => Policy.RoleChange(_facilitator.Id, role));
        }

        Refused(ErrorKind.Conflict, ErrorCodes.LastFacilitator, () => Policy.Removal(_facilitator.Id));
        Refused(ErrorKind.Conflict, ErrorCodes.LastFacilitator, () => Policy.Departure(_facilitator.Id));

        // Keeping the role is no change, and no refusal either.
        Assert.Null(Policy.RoleChange(_facilitator.Id, GroupRole.Facilitator));
    }

    [Fact]
    public void With_a_second_facilitator_either_may_step_down_be_removed_or_leave()
    {
        _group.Members[_member.Id] = _group.Members[_member.Id] with { Role = GroupRole.Facilitator };

        Assert.NotNull(Policy.RoleChange(_facilitator.Id, GroupRole.Member));
        Assert.NotNull(Policy.Removal(_facilitator.Id));
        Assert.NotNull(Policy.Departure(_member.Id));

        // Once one of them has gone, the other is the last again.
        _group.Members.Remove(_facilitator.Id);
        Refused(ErrorKind.Conflict, ErrorCodes.LastFacilitator, () => Policy.Departure(_member.Id));
    }

    [Fact]
    public void Members_and_observers_may_be_removed_or_leave_but_someone_already_removed_is_unknown()
    {
        Assert.Equal(_member.Id, Policy.Removal(_member.Id).UserId);
        Assert.Equal(_observer.Id, Policy.Departure(_observer.Id).UserId);

        _group.Members.Remove(_member.Id);
        Refused(ErrorKind.NotFound, ErrorCodes.MemberNotFound, () => Policy.Removal(_member.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.MemberNotFound, () => Policy.RoleChange(_member.Id, GroupRole.Observer));
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.Departure(_member.Id));
    }

    [Fact]
    public void An_administrator_who_is_not_a_member_has_nothing_to_leave()
    {
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.Departure(_admin.Id));
        _group.Exists = false;
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.Departure(_member.Id));
    }

    // ---- joining through an invitation ----

    [Fact]
    public void A_link_that_is_revoked_expired_or_used_up_admits_nobody()
    {
        var link = Invitation(GroupRole.Member);
        Refused(ErrorKind.Gone, ErrorCodes.InvitationRevoked, () => Policy.Admits(link with { Revoked = true }, _outsider, 0, Now));
        Refused(ErrorKind.Gone, ErrorCodes.InvitationExpired, () => Policy.Admits(link, _outsider, 0, link.ExpiresAt));
        Refused(ErrorKind.Gone, ErrorCodes.InvitationUsedUp, () => Policy.Admits(link with { Uses = link.MaxUses }, _outsider, 0, Now));
        Assert.True(Policy.Admits(link, _outsider, 0, link.ExpiresAt.AddTicks(-1)));
    }

    [Fact]
    public void Uses_held_by_registrations_under_way_count_against_the_link()
    {
        var oneUse = Invitation(GroupRole.Member) with { MaxUses = 1 };
        Assert.True(Policy.Admits(oneUse, _outsider, held: 0, Now));
        Refused(ErrorKind.Gone, ErrorCodes.InvitationUsedUp, () => Policy.Admits(oneUse, _outsider, held: 1, Now));
        Refused(ErrorKind.Gone, ErrorCodes.InvitationUsedUp, () => GroupPolicy.RequireUsable(oneUse, 1, Now));
    }

    [Fact]
    public void A_personal_invitation_admits_only_the_account_at_its_address()
    {
        var personal = Invitation(GroupRole.Member) with { Email = "outsider@example.org" };
        Assert.True(Policy.Admits(personal, _outsider with { Email = "  OutSider@Example.org " }, 0, Now));
        Refused(ErrorKind.Validation, ErrorCodes.InvitationEmailMismatch, () => Policy.Admits(personal, _member, 0, Now), "email", ErrorCodes.InvitationEmailMismatch);
    }

    [Fact]
    public void Someone_removed_comes_back_only_through_a_link_created_after_the_removal()
    {
        _group.Members.Remove(_member.Id);
        _group.Removed[_member.Id] = Now;

        Refused(ErrorKind.Forbidden, ErrorCodes.InvitationPredatesRemoval, () => Policy.Admits(Invitation(GroupRole.Member, createdAt: Now.AddDays(-1)), _member, 0, Now));
        Refused(ErrorKind.Forbidden, ErrorCodes.InvitationPredatesRemoval, () => Policy.Admits(Invitation(GroupRole.Member, createdAt: Now), _member, 0, Now));
        Assert.True(Policy.Admits(Invitation(GroupRole.Member, createdAt: Now.AddTicks(1)), _member, 0, Now.AddMinutes(1)));
    }

    [Fact]
    public void Joining_again_costs_nothing_unless_the_link_grants_a_higher_role()
    {
        Assert.False(Policy.Admits(Invitation(GroupRole.Member), _member, 0, Now));
        Assert.False(Policy.Admits(Invitation(GroupRole.Observer), _member, 0, Now));
        Assert.False(Policy.Admits(Invitation(GroupRole.Member), _facilitator, 0, Now));
        Assert.True(Policy.Admits(Invitation(GroupRole.Facilitator), _member, 0, Now));
        Assert.True(Policy.Admits(Invitation(GroupRole.Member), _observer, 0, Now));
    }

    // ---- who someone is to the group's grains; who reads and edits what ----

    [Fact]
    public void Member_access_carries_the_group_record_and_its_setting_and_outsiders_find_nothing()
    {
        _group.ObserversSeeNames = true;
        _group.Members[_member.Id] = _group.Members[_member.Id] with { DisplayName = "As the group knows them", Organisation = "Group org" };
        var orgId = Guid.NewGuid();

        var access = Policy.MemberAccess(_member with { OrganisationId = orgId });
        Assert.Equal(new GroupMemberAccess(_member.Id, GroupRole.Member, "As the group knows them", "Group org", true, orgId), access);

        // The administrator, not a member, appears with their profile.
        Assert.Equal(new GroupMemberAccess(_admin.Id, GroupRole.Facilitator, _admin.DisplayName, _admin.Organisation, true, null), Policy.MemberAccess(_admin));

        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.MemberAccess(null));
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.MemberAccess(_outsider));
        _group.Exists = false;
        Refused(ErrorKind.NotFound, ErrorCodes.GroupNotFound, () => Policy.MemberAccess(_admin));
    }

    [Fact]
    public void A_document_someone_may_not_read_does_not_exist_for_them()
    {
        var open = Document(DocumentVisibility.Observers);
        var membersOnly = Document(DocumentVisibility.Members);

        Assert.Equal(GroupRole.Observer, Policy.DocumentAccess(_observer, open.Id).Role);
        Assert.Equal(GroupRole.Member, Policy.DocumentAccess(_member, membersOnly.Id).Role);
        Assert.Equal(GroupRole.Facilitator, Policy.DocumentAccess(_admin, membersOnly.Id).Role);
        Assert.Equal(membersOnly, Policy.DocumentAccess(_member, membersOnly.Id).Summary);

        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.DocumentAccess(_observer, membersOnly.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.DocumentAccess(_outsider, open.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.DocumentAccess(null, open.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.DocumentAccess(_member, Guid.NewGuid()));

        _group.Members.Remove(_member.Id);
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.DocumentAccess(_member, membersOnly.Id));
    }

    [Fact]
    public void Document_access_carries_the_readers_group_name_and_whether_observers_see_names()
    {
        var doc = Document(DocumentVisibility.Observers);
        _group.ObserversSeeNames = true;
        var access = Policy.DocumentAccess(_observer, doc.Id);
        Assert.Equal(_observer.DisplayName, access.DisplayName);
        Assert.True(access.ObserversSeeNames);
    }

    [Theory]
    [InlineData(GroupRole.Observer, false, false, false)]
    [InlineData(GroupRole.Observer, true, false, false)]
    [InlineData(GroupRole.Member, false, false, true)]
    [InlineData(GroupRole.Member, true, false, false)]
    [InlineData(GroupRole.Member, false, true, false)]
    [InlineData(GroupRole.Facilitator, true, false, true)]
    [InlineData(GroupRole.Facilitator, false, true, false)]
    [InlineData(GroupRole.Facilitator, true, true, false)]
    public void Who_edits_a_document(GroupRole role, bool locked, bool frozen, bool edits)
    {
        var doc = Document(DocumentVisibility.Observers) with { Locked = locked, Frozen = frozen };
        Assert.Equal(edits, GroupPolicy.MayEdit(doc, role));
        Assert.True(GroupPolicy.MayRead(doc, role));
    }

    [Fact]
    public void A_member_facing_a_lock_is_told_it_is_locked_and_an_observer_that_it_is_read_only()
    {
        var locked = Document(DocumentVisibility.Observers) with { Locked = true };
        Assert.Equal((ErrorKind.Locked, ErrorCodes.DocumentLocked), Kind(GroupPolicy.EditRefusal(locked, GroupRole.Member)));
        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.DocumentReadOnly), Kind(GroupPolicy.EditRefusal(locked, GroupRole.Observer)));
        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.DocumentReadOnly), Kind(GroupPolicy.EditRefusal(locked with { Locked = false, Frozen = true }, GroupRole.Member)));
    }

    [Fact]
    public void The_catalogue_leaves_recommendation_bodies_to_their_threads_and_members_only_documents_to_members()
    {
        var open = Document(DocumentVisibility.Observers);
        var membersOnly = Document(DocumentVisibility.Members);
        var body = Document(DocumentVisibility.Observers, recommendationId: Guid.NewGuid());

        Assert.Equal([open.Id], Policy.ReadableDocuments(GroupRole.Observer).Select(d => d.Id));
        Assert.Equal(new[] { open.Id, membersOnly.Id }.Order(), Policy.ReadableDocuments(GroupRole.Member).Select(d => d.Id).Order());
        Assert.Equal(open, Policy.CatalogueDocument(open.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.CatalogueDocument(body.Id));
        Refused(ErrorKind.NotFound, ErrorCodes.DocumentNotFound, () => Policy.CatalogueDocument(Guid.NewGuid()));

        // A body is still a document of the group: its readers reach it directly.
        Assert.Equal(body, Policy.DocumentAccess(_observer, body.Id).Summary);
    }

    [Fact]
    public void Observers_read_the_recommendations_made_visible_to_them()
    {
        var open = Recommendation(DocumentVisibility.Observers);
        var membersOnly = Recommendation(DocumentVisibility.Members);

        Assert.Equal([open.Id], Policy.ReadableRecommendations(GroupRole.Observer).Select(r => r.Id));
        Assert.Equal(2, Policy.ReadableRecommendations(GroupRole.Member).Count());
        Assert.True(Policy.VisibleToObservers(open.Id));
        Assert.False(Policy.VisibleToObservers(membersOnly.Id));
        Assert.True(Policy.VisibleToObservers(Document(DocumentVisibility.Observers).Id));
        Assert.False(Policy.VisibleToObservers(Document(DocumentVisibility.Members).Id));
        Assert.False(Policy.VisibleToObservers(Guid.NewGuid()));
    }

    // ---- helpers ----

    private static UserProfile Profile(string name) =>
        new(Guid.NewGuid(), $"{name}@example.org", name, $"{name} org", "FR", false, "stamp");

    private UserProfile Join(string name, GroupRole role)
    {
        var profile = Profile(name);
        _group.Members[profile.Id] = new MemberRecord(profile.Id, profile.DisplayName, profile.Organisation, profile.Country, role, Now);
        return profile;
    }

    private InvitationRecord Invitation(GroupRole role, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Now.AddHours(-1);
        return new InvitationRecord(Guid.NewGuid(), "hash", role, at, at.AddDays(7), 5, 0, false, _facilitator.Id, "facilitator");
    }

    private DocumentSummary Document(DocumentVisibility visibility, Guid? recommendationId = null)
    {
        var doc = new DocumentSummary(Guid.NewGuid(), Guid.NewGuid(), "Title", visibility, false, Now, "facilitator") { RecommendationId = recommendationId };
        _group.Documents[doc.Id] = doc;
        return doc;
    }

    private RecommendationSummary Recommendation(DocumentVisibility visibility)
    {
        var facts = new RecommendationFacts("Title", "Area", [], [], [], visibility);
        var summary = new RecommendationSummary(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), facts, RecommendationStatus.Draft, Now, Now,
            new Dictionary<string, FollowUpStatus>(), null, false);
        _group.Recommendations[summary.Id] = summary;
        return summary;
    }

    private static (ErrorKind, string) Kind(WorkspaceException e) => (e.Kind, e.Code);

    private static void Refused(ErrorKind kind, string code, Func<object?> act, string? field = null, string? fieldCode = null)
    {
        var e = Assert.Throws<WorkspaceException>(() => act());
        Assert.Equal((kind, code), Kind(e));
        if (field is not null)
        {
            Assert.Contains(e.FieldErrors, f => f.Field == field && f.Code == fieldCode);
        }
    }

    private static void Refused(ErrorKind kind, string code, Action act, string? field = null, string? fieldCode = null) =>
        Refused(kind, code, () => { act(); return null; }, field, fieldCode);
}
