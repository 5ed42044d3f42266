using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Organisations;

/// <summary>
/// One organisation and the people tied to it. It keeps each person's profile pointing at it and
/// tells the directory whenever what the directory lists changes; it never calls back into itself
/// through the directory, so there is no cycle.
/// </summary>
public sealed class OrganisationGrain(
    [PersistentState("organisation", StorageNames.Default)] IPersistentState<OrganisationState> state,
    TimeProvider clock) : Grain, IOrganisationGrain
{
    private OrganisationState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    private bool Live => S.Exists && !S.Removed && S.MergedInto is null;

    public async Task<OrganisationView> Create(OrganisationDetails details, OrganisationStatus status)
    {
        var clean = OrganisationValidation.Clean(details);
        if (S.Exists)
        {
            return View();
        }

        S.Exists = true;
        S.Details = clean;
        S.Status = status;
        S.CreatedAt = clock.GetUtcNow();
        return await Saved();
    }

    public Task<OrganisationView?> Get() => Task.FromResult(S.Exists ? View() : null);

    public async Task<OrganisationView> Update(OrganisationDetails details)
    {
        var clean = OrganisationValidation.Clean(details);
        RequireLive();
        var renamed = clean.Name != S.Details.Name;
        S.Details = clean;
        var view = await Saved();
        if (renamed)
        {
            await Task.WhenAll(S.People.Values.Select(p => User(p.UserId).SetOrganisation(Id, S.Details.Name, p.Tie)));
        }

        return view;
    }

    public async Task<OrganisationView> Verify()
    {
        RequireLive();
        S.Status = OrganisationStatus.Verified;
        return await Saved();
    }

    public async Task<OrganisationView> SetListing(OrganisationListing listing)
    {
        RequireLive();
        S.Listing = Enum.IsDefined(listing) ? listing
            : throw WorkspaceException.Invalid([new FieldError("listing", ErrorCodes.Required)]);
        return await Saved();
    }

    public async Task<OrganisationView> AddPerson(Guid userId, string displayName, TieStatus tie)
    {
        RequireLive();
        var since = S.People.TryGetValue(userId, out var existing) ? existing.Since : clock.GetUtcNow();
        S.People[userId] = new OrganisationPerson(userId, displayName, tie, existing?.Contact ?? false, since);
        var view = await Saved();
        await User(userId).SetOrganisation(Id, S.Details.Name, tie);
        return view;
    }

    public async Task RemovePerson(Guid userId)
    {
        if (S.People.Remove(userId))
        {
            await Saved();
        }
    }

    public async Task<OrganisationView> Confirm(Guid userId)
    {
        RequireLive();
        var person = Person(userId);
        S.People[userId] = person with { Tie = TieStatus.Confirmed };
        var view = await Saved();
        await User(userId).SetOrganisation(Id, S.Details.Name, TieStatus.Confirmed);
        return view;
    }

    public async Task<OrganisationView> Decline(Guid userId)
    {
        RequireLive();
        Person(userId);
        S.People.Remove(userId);
        var view = await Saved();
        await User(userId).SetOrganisation(null, null, TieStatus.Pending);
        return view;
    }

    public async Task<OrganisationView> SetContact(Guid userId, bool contact)
    {
        RequireLive();
        S.People[userId] = Person(userId) with { Contact = contact };
        return await Saved();
    }

    public Task<OrganisationStanding?> Standing(Guid userId) => Task.FromResult<OrganisationStanding?>(
        Live ? new OrganisationStanding(Id, S.Details.Name, S.Status, S.People.GetValueOrDefault(userId)?.Tie, S.People.GetValueOrDefault(userId)?.Contact ?? false) : null);

    public async Task MergeInto(Guid survivorId)
    {
        RequireLive();
        if (survivorId == Id)
        {
            throw WorkspaceException.Invalid([new FieldError("survivorId", ErrorCodes.OrganisationMergeSelf)]);
        }

        var survivor = GrainFactory.GetGrain<IOrganisationGrain>(survivorId);
        if (await survivor.Standing(Guid.Empty) is null)
        {
            throw WorkspaceException.Invalid([new FieldError("survivorId", ErrorCodes.OrganisationNotFound)]);
        }

        // The people move first: whatever fails half-way, nobody is left pointing at an organisation that is gone.
        foreach (var person in S.People.Values.ToArray())
        {
            await survivor.AddPerson(person.UserId, person.DisplayName, person.Tie);
        }

        S.MergedInto = survivorId;
        S.People.Clear();
        await state.WriteStateAsync();
        await Directory.Alias(Id, survivorId);
    }

    public async Task Remove()
    {
        RequireLive();
        foreach (var person in S.People.Values.ToArray())
        {
            await User(person.UserId).SetOrganisation(null, null, TieStatus.Pending);
        }

        S.Removed = true;
        S.People.Clear();
        await state.WriteStateAsync();
        await Directory.Drop(Id);
    }

    private async Task<OrganisationView> Saved()
    {
        await state.WriteStateAsync();
        var view = View();
        await Directory.Upsert(DirectoryIndex.Summary(view));
        return view;
    }

    private OrganisationView View() => new(
        Id, S.Details, S.Status,
        S.People.Values.OrderBy(p => p.Tie).ThenBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToArray(),
        S.CreatedAt, S.MergedInto, S.Listing);

    private OrganisationPerson Person(Guid userId) =>
        S.People.GetValueOrDefault(userId) ?? throw WorkspaceException.NotFound(ErrorCodes.OrganisationPersonNotFound);

    private void RequireLive()
    {
        if (!Live)
        {
            throw WorkspaceException.NotFound(ErrorCodes.OrganisationNotFound);
        }
    }

    private IUserGrain User(Guid userId) => GrainFactory.GetGrain<IUserGrain>(userId);

    private IOrganisationDirectoryGrain Directory => GrainFactory.GetGrain<IOrganisationDirectoryGrain>(0);
}
