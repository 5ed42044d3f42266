using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;

namespace Workspace.Grains.Groups;

/// <summary>Stored state of one working group.</summary>
[GenerateSerializer, Alias("Workspace.GroupState")]
public sealed class GroupState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public GroupDetails Details { get; set; } = new(string.Empty, string.Empty, string.Empty, [], []);
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public Dictionary<Guid, MemberRecord> Members { get; set; } = [];
    [Id(4)] public Dictionary<Guid, InvitationRecord> Invitations { get; set; } = [];
    [Id(5)] public List<AuditEntry> Audit { get; set; } = [];
    [Id(6)] public Dictionary<Guid, DocumentSummary> Documents { get; set; } = [];
    [Id(7)] public Dictionary<Guid, RecommendationSummary> Recommendations { get; set; } = [];
    [Id(8)] public bool ObserversSeeNames { get; set; }
    [Id(9)] public Dictionary<Guid, Contracts.Sessions.SessionSummary> Sessions { get; set; } = [];

    /// <summary>When each person was last removed by a facilitator: only an invitation created later brings them back.</summary>
    [Id(10)] public Dictionary<Guid, DateTimeOffset> Removed { get; set; } = [];
}

/// <summary>A member and the profile shown for them in this group.</summary>
[GenerateSerializer, Alias("Workspace.MemberRecord")]
public sealed record MemberRecord(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Organisation,
    [property: Id(3)] string Country,
    [property: Id(4)] GroupRole Role,
    [property: Id(5)] DateTimeOffset JoinedAt,
    [property: Id(6)] Guid? OrganisationId = null)
{
    public MemberView ToView() => ToView(Disclosure.Full);

    /// <summary>The member as a reader with <paramref name="disclosure"/> sees them.</summary>
    public MemberView ToView(Disclosure disclosure)
    {
        var person = disclosure.Person(UserId, DisplayName, Organisation);
        return new(person.Id, person.Name, Organisation, Country, Role, JoinedAt);
    }
}

/// <summary>An invitation link; only the hash of its token is kept.</summary>
[GenerateSerializer, Alias("Workspace.InvitationRecord")]
public sealed record InvitationRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string TokenHash,
    [property: Id(2)] GroupRole Role,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] int MaxUses,
    [property: Id(6)] int Uses,
    [property: Id(7)] bool Revoked,
    [property: Id(8)] Guid CreatedBy,
    [property: Id(9)] string CreatedByName,
    [property: Id(10)] string? Email = null,
    [property: Id(11)] string? Language = null)
{
    public InvitationStatus StatusAt(DateTimeOffset now) =>
        Revoked ? InvitationStatus.Revoked
        : Uses >= MaxUses ? InvitationStatus.UsedUp
        : now >= ExpiresAt ? InvitationStatus.Expired
        : InvitationStatus.Active;

    public InvitationView ToView(DateTimeOffset now, string? token = null) =>
        new(Id, Role, CreatedAt, ExpiresAt, MaxUses, Uses, StatusAt(now), CreatedByName, token, Email, Language);
}
