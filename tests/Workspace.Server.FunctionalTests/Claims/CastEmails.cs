using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>With a mail server, the cast's addresses start unconfirmed: they confirm them through the real flow.</summary>
public static class CastEmails
{
    /// <summary>Each person (the administrator is confirmed at setup) follows the link of their confirmation email; then the mailbox is emptied.</summary>
    public static async Task ConfirmAll(Cast cast, MailServer mail)
    {
        foreach (var (name, (email, _, client)) in cast.People)
        {
            if (name == "admin")
            {
                continue;
            }

            var message = await mail.WaitForMessage(email);
            await client.Ok(HttpMethod.Post, "/api/auth/confirm-email", new { token = MailServer.Token(message, "/confirm-email/") });
        }

        mail.Forget();
    }
}
