using Workspace.Contracts.Accounts;
using Workspace.Grains.Organisations;

namespace Workspace.Grains.Recommendations;

/// <summary>The recommendation's part of the one-time organisations upgrade: its stances keep their organisation, and keep counting.</summary>
public sealed partial class RecommendationGrain
{
    public async Task<int> UpgradeOrganisations()
    {
        var changed = 0;
        for (var i = 0; i < S.Stances.Count; i++)
        {
            var stance = S.Stances[i];
            if (stance.OrganisationId is not null)
            {
                continue;
            }

            var country = (await GrainFactory.GetGrain<IUserGrain>(stance.By.Id).GetProfile())?.Country;
            if (await OrganisationUpgrade.ForText(GrainFactory, stance.Organisation, country) is { } id)
            {
                S.Stances[i] = stance with { OrganisationId = id, Upgraded = true };
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
