using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Workspace.Contracts.Email;

namespace Workspace.Grains.Email;

/// <summary>What a message is for; the outbox shows it to the administrator instead of the content.</summary>
public static class MailKinds
{
    public const string ConfirmEmail = "confirm-email";
    public const string ConfirmNewEmail = "confirm-new-email";
    public const string PasswordReset = "password-reset";
    public const string Invitation = "invitation";
}

/// <summary>
/// Writes each kind of message in the recipient's language (en, es, pt — anything else is English) as
/// plain text and simple HTML, every value HTML-escaped in the HTML part.
/// </summary>
public static partial class MailTemplates
{
    public static readonly string[] Languages = ["en", "es", "pt"];

    public static OutgoingEmail ConfirmEmail(string to, string language, string name, string link) =>
        Render(to, language, MailKinds.ConfirmEmail, new Dictionary<string, string> { ["name"] = name, ["link"] = link });

    public static OutgoingEmail ConfirmNewEmail(string to, string language, string name, string link) =>
        Render(to, language, MailKinds.ConfirmNewEmail, new Dictionary<string, string> { ["name"] = name, ["link"] = link });

    public static OutgoingEmail PasswordReset(string to, string language, string name, string link, int validMinutes) =>
        Render(to, language, MailKinds.PasswordReset, new Dictionary<string, string>
        {
            ["name"] = name, ["link"] = link, ["minutes"] = validMinutes.ToString(CultureInfo.InvariantCulture),
        });

    /// <summary>An invitation to a group; <c>role</c> is facilitator, member or observer (named in the recipient's language).</summary>
    public static OutgoingEmail Invitation(string to, string language, string groupName, string inviterName, string role, string link, DateTimeOffset expiresAt)
    {
        var lang = Language(language);
        var culture = CultureInfo.GetCultureInfo(lang == "pt" ? "pt-BR" : lang == "es" ? "es-ES" : "en-GB");
        return Render(to, lang, MailKinds.Invitation, new Dictionary<string, string>
        {
            ["group"] = groupName,
            ["inviter"] = inviterName,
            ["role"] = MailTexts.Roles[lang].GetValueOrDefault(role, role),
            ["link"] = link,
            ["expires"] = expiresAt.UtcDateTime.ToString("D", culture) + " (UTC)",
        });
    }

    /// <summary>
    /// Renders <paramref name="kind"/> (one of <see cref="MailKinds"/>) with its values: name and link;
    /// for password-reset also minutes; for invitation group, inviter, role, link and expires.
    /// </summary>
    public static OutgoingEmail Render(string to, string language, string kind, IReadOnlyDictionary<string, string> values)
    {
        var lang = Language(language);
        if (!MailTexts.All.TryGetValue(kind, out var texts))
        {
            throw new ArgumentException($"Unknown message kind '{kind}'.", nameof(kind));
        }

        var t = texts[lang];
        if (!values.TryGetValue("link", out var link))
        {
            throw new ArgumentException("Every message needs a link.", nameof(values));
        }

        var subject = Fill(t.Subject, values, html: false);
        var text = new StringBuilder()
            .Append(Fill(t.Greeting, values, html: false)).Append("\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">")
            .Append("<p>").Append(Fill(t.Greeting, values, html: true)).Append("</p>");
        foreach (var paragraph in t.Paragraphs)
        {
            text.Append(Fill(paragraph, values, html: false)).Append("\n\n");
            html.Append("<p>").Append(Fill(paragraph, values, html: true)).Append("</p>");
        }

        var href = WebUtility.HtmlEncode(link);
        text.Append(t.Action).Append(":\n").Append(link).Append("\n\n").Append(t.Closing).Append('\n');
        html.Append("<p><a href=\"").Append(href).Append("\" style=\"display:inline-block;padding:.6em 1.2em;background:#1f4e79;color:#fff;text-decoration:none;border-radius:4px\">")
            .Append(WebUtility.HtmlEncode(t.Action)).Append("</a></p>")
            .Append("<p style=\"font-size:90%\">").Append(href).Append("</p>")
            .Append("<p style=\"color:#555\">").Append(WebUtility.HtmlEncode(t.Closing)).Append("</p></body></html>");
        return new OutgoingEmail(to, subject, text.ToString(), html.ToString(), kind, lang);
    }

    /// <summary>The language a message is written in: en, es or pt; anything else is English.</summary>
    public static string Language(string? language) => language is "es" or "pt" ? language : "en";

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match placeholder in Placeholder().Matches(template))
        {
            if (!values.TryGetValue(placeholder.Groups[1].Value, out var value))
            {
                throw new ArgumentException($"The value '{placeholder.Groups[1].Value}' is missing.", nameof(values));
            }

            result.Append(Encode(template[at..placeholder.Index], html)).Append(Encode(value, html));
            at = placeholder.Index + placeholder.Length;
        }

        return result.Append(Encode(template[at..], html)).ToString();
    }

    private static string Encode(string text, bool html) => html ? WebUtility.HtmlEncode(text) : text;

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
