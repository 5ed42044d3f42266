using Workspace.Contracts.Accounts;
using Workspace.Grains.Organisations;

namespace Workspace.Grains.Sessions;

/// <summary>The session's part of the one-time organisations upgrade: attendance keeps pointing at its organisation.</summary>
public sealed partial class SessionGrain
{
    public async Task<int> UpgradeOrganisations()
    {
        var changed = 0;
        foreach (var (userId, attendance) in S.Attendance.Where(a => a.Value.OrganisationId is null).ToArray())
        {
            var country = (await GrainFactory.GetGrain<IUserGrain>(userId).GetProfile())?.Country;
            if (await OrganisationUpgrade.ForText(GrainFactory, attendance.Person.Organisation, country) is { } id)
            {
                S.Attendance[userId] = attendance with { OrganisationId = id };
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
