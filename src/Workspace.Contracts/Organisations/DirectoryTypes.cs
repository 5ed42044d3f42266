namespace Workspace.Contracts.Organisations;

/// <summary>A directory search (issue 21): every filter optional; <c>Articles</c> is a scope already resolved to article numbers.</summary>
[GenerateSerializer, Alias("Workspace.DirectoryQuery")]
public sealed record DirectoryQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Country,
    [property: Id(2)] OrganisationKind? Kind,
    [property: Id(3)] string? ThematicArea,
    [property: Id(4)] IReadOnlyList<int>? Articles,
    [property: Id(5)] string? Language,
    [property: Id(6)] int Limit,
    [property: Id(7)] int Offset);

/// <summary>One page of listed organisations, by name, and how many match in all.</summary>
[GenerateSerializer, Alias("Workspace.DirectoryPage")]
public sealed record DirectoryPage(
    [property: Id(0)] IReadOnlyList<OrganisationSummary> Items,
    [property: Id(1)] int Total);

/// <summary>"Find partners": organisations (other than <c>Exclude</c>) working on these articles near this country.</summary>
[GenerateSerializer, Alias("Workspace.PartnerQuery")]
public sealed record PartnerQuery(
    [property: Id(0)] IReadOnlyList<int> Articles,
    [property: Id(1)] string Country,
    [property: Id(2)] Guid? Exclude,
    [property: Id(3)] int Limit);

/// <summary>
/// Why an organisation was suggested: <c>Code</c> is one of <c>article</c> (value "Art. 33"), <c>chapter</c>
/// (value the Roman numeral), <c>same-country</c>, <c>neighbour</c> (value the country code) or <c>sub-region</c>
/// (value the M49 code); the client words it.
/// </summary>
[GenerateSerializer, Alias("Workspace.PartnerReason")]
public sealed record PartnerReason(
    [property: Id(0)] string Code,
    [property: Id(1)] string Value);

[GenerateSerializer, Alias("Workspace.PartnerSuggestion")]
public sealed record PartnerSuggestion(
    [property: Id(0)] OrganisationSummary Organisation,
    [property: Id(1)] int Score,
    [property: Id(2)] IReadOnlyList<PartnerReason> Reasons);
