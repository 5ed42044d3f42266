using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Accounts;
using Workspace.Grains.Groups;
using Workspace.Grains.Validation;
using Workspace.Server.Web;

namespace Workspace.Server.Api;

/// <summary>What someone holding an invitation link can do: look, join, or open an account and join.</summary>
public static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/invitations/{token}").RequireRateLimiting(RateLimits.Invitation);
        invitations.MapGet("/", Preview).AllowAnonymous();
        invitations.MapPost("/accept", Accept);
        invitations.MapPost("/register", Register).AllowAnonymous();

        // Someone registering through a link searches the directory under it, not as an anonymous caller.
        invitations.MapGet("/organisations", async (string token, string? q, IGrainFactory grains) =>
        {
            var (group, invitationId) = await Resolve(grains, token);
            if ((await group.PreviewInvitation(invitationId)).Status != InvitationStatus.Active)
            {
                throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
            }

            return await OrganisationsApi.Search(q, grains);
        }).AllowAnonymous();
        return api;
    }

    private static async Task<InvitationPreview> Preview(string token, IGrainFactory grains)
    {
        var (group, invitationId) = await Resolve(grains, token);
        return await group.PreviewInvitation(invitationId);
    }

    private static async Task<GroupSummary> Accept(string token, HttpContext context, IGrainFactory grains)
    {
        var (group, invitationId) = await Resolve(grains, token);
        return GroupSummary.From(await group.AcceptInvitation(invitationId, context.User.UserId()));
    }

    private static async Task<IResult> Register(string token, RegisterRequest request, HttpContext context, IGrainFactory grains, ClaimMail mail)
    {
        var (group, invitationId) = await Resolve(grains, token);

        // A personal invitation (sent by email) is bound to its address: registering through it proves
        // that address at once, and no other address may use it.
        var bound = (await group.PreviewInvitation(invitationId)).Email;
        if (bound is not null && !string.Equals(Normalise.Email(request.Email ?? string.Empty), bound, StringComparison.Ordinal))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.InvitationEmailMismatch, [new FieldError("email", ErrorCodes.InvitationEmailMismatch)]);
        }

        // Registration and the invitation's use are one step: the use is held first (a dead or
        // used-up link refuses before anything is created), and a refusal on the way gives it back
        // or withdraws the account just opened.
        var reservation = await group.ReserveInvitation(invitationId);
        var account = new NewAccount(request.Email!, request.Password!, request.DisplayName!, request.Organisation!, request.Country!, Language: request.Language);
        IAccountGrain accounts;
        UserProfile profile;
        try
        {
            AccountValidation.Check(account);
            account = account with
            {
                OrganisationId = await OrganisationsApi.Choose(
                    grains,
                    new OrganisationChoice(request.OrganisationId, request.Organisation, request.OrganisationShortName, request.OrganisationCountry, request.OrganisationKind),
                    account.Country),
            };
            accounts = grains.GetGrain<IAccountGrain>(Normalise.Email(account.Email));
            profile = bound is null ? await accounts.Register(account, isAdministrator: false) : await accounts.RegisterConfirmed(account);
        }
        catch
        {
            await Undo(() => group.ReleaseInvitation(reservation));
            throw;
        }

        GroupView joined;
        try
        {
            joined = await group.AcceptReservedInvitation(invitationId, reservation, profile.Id);
        }
        catch
        {
            await Undo(() => accounts.Withdraw(profile.Id));
            throw;
        }

        if (!profile.EmailConfirmed)
        {
            await mail.TrySendConfirmation(profile);
        }

        await Authentication.SignIn(context, profile);
        return TypedResults.Created($"/api/groups/{joined.Id}", new Registration(UserView.From(profile), GroupSummary.From(joined)));
    }

    /// <summary>Best effort: the refusal being reported matters more (a held use lapses on its own within a minute).</summary>
    private static async Task Undo(Func<Task> undo)
    {
        try
        {
            await undo();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing more to do here: the original refusal is rethrown by the caller.
        }
    }

    private static async Task<(IWorkingGroupGrain Group, Guid InvitationId)> Resolve(IGrainFactory grains, string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > InvitationTokens.MaxLength)
        {
            throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        }

        var target = await grains.GetGrain<IInvitationTokenGrain>(InvitationTokens.Hash(token)).Resolve()
            ?? throw WorkspaceException.NotFound(ErrorCodes.InvitationNotFound);
        return (grains.GetGrain<IWorkingGroupGrain>(target.GroupId), target.InvitationId);
    }
}
