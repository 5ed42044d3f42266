using Workspace.Contracts.Accounts;
using Workspace.Contracts.Groups;

namespace Workspace.Server.Api;

// Request bodies. Fields are nullable: a missing field is reported by the grain's validation
// as "required", not as an unreadable request.

public sealed record SetupRequest(string? Token, string? Email, string? Password, string? DisplayName, string? Organisation, string? Country);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record GroupRequest(string? Name, string? ThematicArea, string? Description, string[]? Countries, string[]? Languages, string? FacilitatorEmail, Guid? FacilitatorId = null);

public sealed record AppointRequest(string? Email, Guid? UserId = null);

public sealed record RoleRequest(GroupRole? Role);

public sealed record CreateInvitationRequest(GroupRole? Role, int? ExpiresInDays, int? MaxUses);

public sealed record RegisterRequest(
    string? Email, string? Password, string? DisplayName, string? Organisation, string? Country,
    Guid? OrganisationId = null, string? OrganisationShortName = null, string? OrganisationCountry = null,
    Workspace.Contracts.Organisations.OrganisationKind? OrganisationKind = null, string? Language = null);

public sealed record EmailInvitationsRequest(string[]? Emails, GroupRole? Role, int? ExpiresInDays, string? Language);

public sealed record ConfirmEmailRequest(string? Token);

public sealed record ChangeEmailRequest(string? NewEmail, string? Password);

public sealed record ProfileRequest(string? DisplayName, string? Country, string? Language);

// Responses.

public sealed record UserView(
    Guid Id, string Email, string DisplayName, string Organisation, string Country, bool IsAdmin,
    Guid? OrganisationId = null, Workspace.Contracts.Organisations.TieStatus? OrganisationTie = null,
    bool EmailConfirmed = false, string? Language = null)
{
    public static UserView From(UserProfile p) =>
        new(p.Id, p.Email, p.DisplayName, p.Organisation, p.Country, p.IsAdmin, p.OrganisationId, p.OrganisationId is null ? null : p.Tie,
            p.EmailConfirmed, p.Language);
}

/// <summary>A person the administrator may choose (e.g. as a facilitator), found among the people of the server's groups.</summary>
public sealed record PersonChoice(Guid Id, string DisplayName, string Organisation, string Country, string Email, bool EmailConfirmed);

/// <summary>Who is signed in; <c>LiveKeepAliveMs</c> is how often the server pings a quiet live connection (a client that hears nothing for a few of these has lost it).</summary>
public sealed record SessionView(bool Authenticated, bool SetupRequired, UserView? User, bool SecondFactorEnrolmentRequired = false, int LiveKeepAliveMs = 15_000);

public sealed record GroupSummary(Guid Id, string Name, string ThematicArea, GroupRole? MyRole, int MemberCount)
{
    public static GroupSummary From(GroupView g) => new(g.Id, g.Details.Name, g.Details.ThematicArea, g.MyRole, g.MemberCount);
}

public sealed record GroupDetail(
    Guid Id, string Name, string ThematicArea, string Description, IReadOnlyList<string> Countries, IReadOnlyList<string> Languages,
    DateTimeOffset CreatedAt, GroupRole? MyRole, bool CanManage, bool ObserversSeeNames)
{
    public static GroupDetail From(GroupView g) => new(
        g.Id, g.Details.Name, g.Details.ThematicArea, g.Details.Description, g.Details.Countries, g.Details.Languages,
        g.CreatedAt, g.MyRole, g.CanManage, g.ObserversSeeNames);
}

public sealed record Invitation(
    Guid Id, GroupRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int MaxUses, int Uses,
    InvitationStatus Status, string CreatedByName, string? Url, string? Email = null, string? Language = null)
{
    public static Invitation From(InvitationView i) => new(
        i.Id, i.Role, i.CreatedAt, i.ExpiresAt, i.MaxUses, i.Uses, i.Status, i.CreatedByName,
        i.Token is null ? null : $"/invite/{i.Token}", i.Email, i.Language);
}

public sealed record AuditLine(DateTimeOffset At, string ActorName, string Action, string? SubjectName, string? Detail)
{
    public static AuditLine From(AuditEntry a) => new(a.At, a.ActorName, a.Action, a.SubjectName, a.Detail);
}

public sealed record Registration(UserView User, GroupSummary Group);
