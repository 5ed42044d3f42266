using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>Stored state of one organisation.</summary>
[GenerateSerializer, Alias("Workspace.OrganisationState")]
public sealed class OrganisationState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public OrganisationDetails Details { get; set; } = OrganisationDetails.Proposal(string.Empty, null, string.Empty, default);
    [Id(2)] public OrganisationStatus Status { get; set; }
    [Id(3)] public Dictionary<Guid, OrganisationPerson> People { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public Guid? MergedInto { get; set; }
    [Id(6)] public bool Removed { get; set; }

    /// <summary>Its choice about the directory (issue 21); states stored before it load as Default.</summary>
    [Id(7)] public OrganisationListing Listing { get; set; }
}
