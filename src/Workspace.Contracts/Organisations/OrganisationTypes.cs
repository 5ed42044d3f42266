namespace Workspace.Contracts.Organisations;

/// <summary>What kind of body an organisation is.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationKind")]
public enum OrganisationKind
{
    CivilSociety = 0,
    NetworkOrCoalition = 1,
    GovernmentInstitution = 2,
    InternationalOrganisation = 3,
    DiplomaticMission = 4,
    Academia = 5,
    PrivateSector = 6,
    Media = 7,
}

/// <summary>Whether the administrator has checked that an organisation is what it says it is.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationStatus")]
public enum OrganisationStatus
{
    Pending = 0,
    Verified = 1,
}

/// <summary>Whether someone's tie to their organisation has been confirmed (by the administrator or one of its contacts).</summary>
[GenerateSerializer, Alias("Workspace.TieStatus")]
public enum TieStatus
{
    Pending = 0,
    Confirmed = 1,
}

/// <summary>What the administrator (or a proposer) says about an organisation.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationDetails")]
public sealed record OrganisationDetails(
    [property: Id(0)] string Name,
    [property: Id(1)] string? ShortName,
    [property: Id(2)] string Country,
    [property: Id(3)] OrganisationKind Kind,
    [property: Id(4)] string? Website,
    [property: Id(5)] string? Description,
    [property: Id(6)] IReadOnlyList<string> Languages,
    [property: Id(7)] IReadOnlyList<string> ThematicAreas,
    [property: Id(8)] IReadOnlyList<string> Articles)
{
    /// <summary>A proposal made while registering: only what a newcomer is asked for.</summary>
    public static OrganisationDetails Proposal(string name, string? shortName, string country, OrganisationKind kind) =>
        new(name, shortName, country, kind, null, null, [], [], []);
}

/// <summary>An organisation as the directory lists it (search results, the review list, names shown next to stances).</summary>
[GenerateSerializer, Alias("Workspace.OrganisationSummary")]
public sealed record OrganisationSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? ShortName,
    [property: Id(3)] string Country,
    [property: Id(4)] OrganisationKind Kind,
    [property: Id(5)] OrganisationStatus Status,
    [property: Id(6)] int People,
    [property: Id(7)] int PendingPeople,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] IReadOnlyList<string>? Articles = null,
    [property: Id(10)] IReadOnlyList<string>? Languages = null,
    [property: Id(11)] IReadOnlyList<string>? ThematicAreas = null,
    [property: Id(12)] OrganisationListing Listing = OrganisationListing.Default,
    [property: Id(13)] string? Website = null,
    [property: Id(14)] bool Indexed = false)
{
    /// <summary>Whether the directory shows it: never while pending; when verified, as chosen, by default civil society only.</summary>
    public bool Listed => DirectoryListing.IsListed(Status, Kind, Listing);
}

/// <summary>Whether an organisation appears in the directory of organisations (issue 21).</summary>
[GenerateSerializer, Alias("Workspace.OrganisationListing")]
public enum OrganisationListing
{
    /// <summary>Listed when it is a verified civil-society organisation.</summary>
    Default = 0,
    Listed = 1,
    Unlisted = 2,
}

/// <summary>The directory's one rule on who is listed.</summary>
public static class DirectoryListing
{
    public static bool IsListed(OrganisationStatus status, OrganisationKind kind, OrganisationListing listing) =>
        status == OrganisationStatus.Verified && listing switch
        {
            OrganisationListing.Listed => true,
            OrganisationListing.Unlisted => false,
            _ => kind == OrganisationKind.CivilSociety,
        };
}

/// <summary>One person of an organisation.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationPerson")]
public sealed record OrganisationPerson(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] TieStatus Tie,
    [property: Id(3)] bool Contact,
    [property: Id(4)] DateTimeOffset Since);

/// <summary>A whole organisation, for the administrator and its contacts.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationView")]
public sealed record OrganisationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] OrganisationDetails Details,
    [property: Id(2)] OrganisationStatus Status,
    [property: Id(3)] IReadOnlyList<OrganisationPerson> People,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] Guid? MergedInto,
    [property: Id(6)] OrganisationListing Listing = OrganisationListing.Default);

/// <summary>What an organisation says about one person: may they speak for it?</summary>
[GenerateSerializer, Alias("Workspace.OrganisationStanding")]
public sealed record OrganisationStanding(
    [property: Id(0)] Guid OrganisationId,
    [property: Id(1)] string Name,
    [property: Id(2)] OrganisationStatus Status,
    [property: Id(3)] TieStatus? Tie,
    [property: Id(4)] bool Contact);

/// <summary>One thing the administrator did to organisations (a server-level log).</summary>
[GenerateSerializer, Alias("Workspace.OrganisationAuditEntry")]
public sealed record OrganisationAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Guid ActorId,
    [property: Id(2)] string Action,
    [property: Id(3)] Guid OrganisationId,
    [property: Id(4)] string Detail);
