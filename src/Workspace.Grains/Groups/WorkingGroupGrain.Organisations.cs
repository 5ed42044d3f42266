using Workspace.Contracts.Accounts;
using Workspace.Contracts.Organisations;

namespace Workspace.Grains.Groups;

/// <summary>The group's part of the one-time organisations upgrade (see Organisations/OrganisationUpgrade).</summary>
public sealed partial class WorkingGroupGrain
{
    public Task<GroupContents> GetContents() => Task.FromResult(new GroupContents(
        S.Members.Keys.ToArray(), S.Recommendations.Keys.ToArray(), S.Sessions.Keys.ToArray()));

    public async Task<int> UpgradeOrganisations()
    {
        var changed = 0;
        foreach (var member in S.Members.Values.Where(m => m.OrganisationId is null && !string.IsNullOrWhiteSpace(m.Organisation)).ToArray())
        {
            if (await GrainFactory.GetGrain<IUserGrain>(member.UserId).GetProfile() is { OrganisationId: { } id })
            {
                S.Members[member.UserId] = member with { OrganisationId = id };
                changed++;
            }
        }

        if (changed > 0)
        {
            await state.WriteStateAsync();
        }

        return changed;
    }
}
