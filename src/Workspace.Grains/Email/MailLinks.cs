using Microsoft.Extensions.Options;

namespace Workspace.Grains.Email;

/// <summary>Absolute links for emails, under EmailOptions.PublicUrl (the server's public address).</summary>
public sealed class MailLinks(IOptions<EmailOptions> options)
{
    /// <summary>Where the person chooses a new password.</summary>
    public string PasswordReset(string token, string? fallbackOrigin = null) => To($"/reset-password/{Uri.EscapeDataString(token)}", fallbackOrigin);

    /// <summary>
    /// <paramref name="path"/> (starting with /) under the public address; without one configured,
    /// under <paramref name="fallbackOrigin"/> (e.g. the request's own origin), else relative.
    /// </summary>
    public string To(string path, string? fallbackOrigin = null)
    {
        var origin = options.Value.PublicUrl ?? fallbackOrigin ?? string.Empty;
        return origin.TrimEnd('/') + "/" + path.TrimStart('/');
    }
}
