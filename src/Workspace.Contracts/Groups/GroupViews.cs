namespace Workspace.Contracts.Groups;

/// <summary>A working group as one caller sees it.</summary>
[GenerateSerializer, Alias("Workspace.GroupView")]
public sealed record GroupView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] GroupDetails Details,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] GroupRole? MyRole,
    [property: Id(4)] bool CanManage,
    [property: Id(5)] int MemberCount,
    [property: Id(6)] bool ObserversSeeNames);

/// <summary>
/// One member of a working group, with the profile shown in member lists. For a reader who sees no names
/// (an observer, unless the group lets observers see names) <see cref="UserId"/> and <see cref="DisplayName"/>
/// are null: organisation, country and role only.
/// </summary>
[GenerateSerializer, Alias("Workspace.MemberView")]
public sealed record MemberView(
    [property: Id(0)] Guid? UserId,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string Organisation,
    [property: Id(3)] string Country,
    [property: Id(4)] GroupRole Role,
    [property: Id(5)] DateTimeOffset JoinedAt);

/// <summary>The state an invitation link is in.</summary>
[GenerateSerializer, Alias("Workspace.InvitationStatus")]
public enum InvitationStatus
{
    Active = 0,
    Expired = 1,
    Revoked = 2,
    UsedUp = 3,
}

/// <summary>An invitation link as its group's facilitators see it (never its token, except once at creation).</summary>
[GenerateSerializer, Alias("Workspace.InvitationView")]
public sealed record InvitationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] int MaxUses,
    [property: Id(5)] int Uses,
    [property: Id(6)] InvitationStatus Status,
    [property: Id(7)] string CreatedByName,
    [property: Id(8)] string? Token,
    [property: Id(9)] string? Email = null,
    [property: Id(10)] string? Language = null);

/// <summary>What anyone holding an invitation link may learn before joining.</summary>
[GenerateSerializer, Alias("Workspace.InvitationPreview")]
public sealed record InvitationPreview(
    [property: Id(0)] Guid GroupId,
    [property: Id(1)] string GroupName,
    [property: Id(2)] string ThematicArea,
    [property: Id(3)] GroupRole Role,
    [property: Id(4)] InvitationStatus Status,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] string? Email = null);

/// <summary>One line of a group's audit log: who did what to whom, and when.</summary>
[GenerateSerializer, Alias("Workspace.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Guid ActorId,
    [property: Id(2)] string ActorName,
    [property: Id(3)] string Action,
    [property: Id(4)] string? SubjectName,
    [property: Id(5)] string? Detail);

/// <summary>The request for a new invitation link.</summary>
[GenerateSerializer, Alias("Workspace.InvitationRequest")]
public sealed record InvitationRequest(
    [property: Id(0)] GroupRole Role,
    [property: Id(1)] int ExpiresInDays,
    [property: Id(2)] int MaxUses);

/// <summary>Personal invitations sent by email: one per address, bound to it, in <paramref name="Language"/> (en|es|pt).</summary>
[GenerateSerializer, Alias("Workspace.EmailInvitationRequest")]
public sealed record EmailInvitationRequest(
    [property: Id(0)] IReadOnlyList<string> Emails,
    [property: Id(1)] GroupRole Role,
    [property: Id(2)] int ExpiresInDays,
    [property: Id(3)] string? Language);
