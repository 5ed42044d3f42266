namespace Workspace.Contracts.Organisations;

/// <summary>
/// One organisation (Guid key): its details, status, people and contacts. It is the authority on
/// who is tied to it; the directory indexes it for search. Callers authorise before calling
/// (the administration endpoints; a contact's confirmation is checked by <see cref="Standing"/>).
/// </summary>
[Alias("Workspace.IOrganisationGrain")]
public interface IOrganisationGrain : IGrainWithGuidKey
{
    [Alias("Create")] Task<OrganisationView> Create(OrganisationDetails details, OrganisationStatus status);

    [Alias("Get")] Task<OrganisationView?> Get();

    [Alias("Update")] Task<OrganisationView> Update(OrganisationDetails details);

    [Alias("Verify")] Task<OrganisationView> Verify();

    /// <summary>Whether it wants to be in the directory (issue 21); a pending organisation never is, whatever it chose.</summary>
    [Alias("SetListing")] Task<OrganisationView> SetListing(OrganisationListing listing);

    /// <summary>Adds (or re-adds) a person; their profile is pointed at this organisation.</summary>
    [Alias("AddPerson")] Task<OrganisationView> AddPerson(Guid userId, string displayName, TieStatus tie);

    /// <summary>Takes a person off (they changed organisation, or their tie was declined).</summary>
    [Alias("RemovePerson")] Task RemovePerson(Guid userId);

    [Alias("Confirm")] Task<OrganisationView> Confirm(Guid userId);

    /// <summary>Declines a person's tie: they become an independent expert.</summary>
    [Alias("Decline")] Task<OrganisationView> Decline(Guid userId);

    [Alias("SetContact")] Task<OrganisationView> SetContact(Guid userId, bool contact);

    [Alias("Standing")] Task<OrganisationStanding?> Standing(Guid userId);

    /// <summary>Moves every person to <paramref name="survivorId"/> and leaves an alias in the directory.</summary>
    [Alias("MergeInto")] Task MergeInto(Guid survivorId);

    /// <summary>Removes the organisation: its people become independent experts.</summary>
    [Alias("Remove")] Task Remove();
}
