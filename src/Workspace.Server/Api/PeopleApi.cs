using System.Globalization;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Server;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>
/// The administrator chooses a person (e.g. a facilitator) among the people of the server's groups,
/// by display name: appointment that needs no typed (and unconfirmable) email address.
/// </summary>
public static class PeopleApi
{
    public const int MaxResults = 20;

    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/people", Search);
        return api;
    }

    private static async Task<PersonChoice[]> Search(string? q, HttpContext context, IGrainFactory grains)
    {
        var adminId = context.User.UserId();
        var admin = await grains.GetGrain<IUserGrain>(adminId).GetProfile()
            ?? throw new WorkspaceException(ErrorKind.Unauthenticated, ErrorCodes.Unauthenticated);
        if (!admin.IsAdmin)
        {
            throw WorkspaceException.Forbidden(ErrorCodes.AdminOnly);
        }

        var query = (q ?? string.Empty).Trim();
        var groups = await grains.GetGrain<IServerGrain>(0).GetGroups();
        var members = await Task.WhenAll(groups.Select(async id =>
        {
            try
            {
                return await grains.GetGrain<IWorkingGroupGrain>(id).GetMembers(adminId);
            }
            catch (WorkspaceException e) when (e.Kind == ErrorKind.NotFound)
            {
                return [];
            }
        }));
        var matches = members.SelectMany(m => m)
            .Where(m => m.UserId is not null && Matches(m.DisplayName ?? string.Empty, query))
            .DistinctBy(m => m.UserId)
            .OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Take(MaxResults)
            .ToArray();
        var profiles = await Task.WhenAll(matches.Select(m => grains.GetGrain<IUserGrain>(m.UserId!.Value).GetProfile()));
        return profiles.OfType<UserProfile>()
            .Select(p => new PersonChoice(p.Id, p.DisplayName, p.Organisation, p.Country, p.Email, p.EmailConfirmed))
            .ToArray();
    }

    /// <summary>Case- and accent-insensitive "contains" (typing "jose" finds "José").</summary>
    private static bool Matches(string name, string query) =>
        query.Length == 0
        || CultureInfo.InvariantCulture.CompareInfo.IndexOf(name, query, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
}
