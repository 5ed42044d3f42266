using Microsoft.Extensions.Options;
using Workspace.Contracts.Accounts;
using Workspace.Contracts.Email;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;
using Workspace.Grains.Email;

namespace Workspace.Server.Api;

/// <summary>
/// The messages of verified email and invitations by email, written by MailTemplates in the recipient's
/// language and handed to the durable outbox. Without a mail server nothing pretends to send.
/// </summary>
public sealed class ClaimMail(IGrainFactory grains, IOptions<EmailOptions> options, MailLinks links)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Refuses (409 email.no-mail-server) a flow that cannot work without sending.</summary>
    public void RequireMailServer()
    {
        if (!IsConfigured)
        {
            throw WorkspaceException.Conflict(ErrorCodes.NoMailServer);
        }
    }

    /// <summary>After a registration: a confirmation link, when there is a mail server to send it (otherwise the account stays unconfirmed).</summary>
    public async Task TrySendConfirmation(UserProfile profile)
    {
        if (IsConfigured)
        {
            await SendConfirmation(profile);
        }
    }

    /// <summary>A new confirmation link to the person's address (the previous one dies), in their language.</summary>
    public async Task SendConfirmation(UserProfile profile)
    {
        var token = await grains.GetGrain<IAccountGrain>(profile.Email).IssueConfirmation(profile.Id);
        await Enqueue(MailTemplates.ConfirmEmail(profile.Email, profile.EmailLanguage, profile.DisplayName, links.To($"/confirm-email/{token}")));
    }

    /// <summary>The link that moves the account to <paramref name="newEmail"/>, sent there.</summary>
    public Task SendEmailChange(UserProfile profile, string newEmail, string token) =>
        Enqueue(MailTemplates.ConfirmNewEmail(newEmail, profile.EmailLanguage, profile.DisplayName, links.To($"/confirm-email/{token}")));

    /// <summary>A personal invitation, in the language the invitation was made in; the view must carry its token.</summary>
    public Task SendInvitation(InvitationView invitation, string groupName, string inviterName) =>
        Enqueue(MailTemplates.Invitation(
            invitation.Email!, invitation.Language ?? "en", groupName, inviterName, invitation.Role.ToString().ToLowerInvariant(),
            links.To($"/invite/{invitation.Token}"), invitation.ExpiresAt));

    private Task Enqueue(OutgoingEmail message) => grains.GetGrain<IMailOutboxGrain>(0).Enqueue(message);
}
