using Workspace.Contracts.Organisations;

namespace Workspace.Server.Api;

/// <summary>What the administrator edits or creates (lists may be omitted).</summary>
public sealed record OrganisationRequest(
    string? Name, string? ShortName, string? Country, OrganisationKind? Kind, string? Website, string? Description,
    string[]? Languages, string[]? ThematicAreas, string[]? Articles)
{
    public OrganisationDetails ToDetails() => new(
        Name ?? string.Empty, ShortName, Country ?? string.Empty, Kind ?? (OrganisationKind)(-1), Website, Description,
        Languages ?? [], ThematicAreas ?? [], Articles ?? []);
}

/// <summary>
/// A person's choice of organisation (registration and the account page): an existing one by id, else a
/// proposed name (with short name, country and kind), else none — an independent expert.
/// </summary>
public sealed record OrganisationChoice(Guid? OrganisationId, string? Organisation, string? OrganisationShortName, string? OrganisationCountry, OrganisationKind? OrganisationKind);

public sealed record MergeRequest(Guid? SurvivorId);

public sealed record ContactRequest(bool? Contact);

/// <summary>One organisation as search answers it.</summary>
public sealed record OrganisationSearchResult(Guid Id, string Name, string? ShortName, string Country, OrganisationKind Kind, OrganisationStatus Status)
{
    public static OrganisationSearchResult From(OrganisationSummary s) => new(s.Id, s.Name, s.ShortName, s.Country, s.Kind, s.Status);
}

/// <summary>The review list's row: the search fields plus how many people are tied and how many wait for confirmation.</summary>
public sealed record OrganisationListItem(
    Guid Id, string Name, string? ShortName, string Country, OrganisationKind Kind, OrganisationStatus Status, int People, int PendingPeople, DateTimeOffset CreatedAt)
{
    public static OrganisationListItem From(OrganisationSummary s) =>
        new(s.Id, s.Name, s.ShortName, s.Country, s.Kind, s.Status, s.People, s.PendingPeople, s.CreatedAt);
}

/// <summary>
/// The signed-in person's organisation and whether they may record its stances; when not,
/// <c>Reason</c> is the error code the stance endpoint would answer with.
/// </summary>
public sealed record MyOrganisationView(OrganisationSearchResult? Organisation, TieStatus? Tie, bool Contact, bool MayTakeStances, string? Reason);
