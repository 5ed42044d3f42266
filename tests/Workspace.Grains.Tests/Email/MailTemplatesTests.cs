using Workspace.Grains.Email;

namespace Workspace.Grains.Tests.Email;

public sealed class MailTemplatesTests
{
    private const string Link = "https://workspace.example/reset-password/abc?x=1&y=2";

    [Theory]
    [InlineData("en", "Reset your password", "Choose a new password")]
    [InlineData("es", "Restablezca su contraseña", "Elegir una nueva contraseña")]
    [InlineData("pt", "Redefina sua senha", "Escolher uma nova senha")]
    public void A_password_reset_is_written_in_the_recipients_language(string language, string subject, string action)
    {
        var email = MailTemplates.PasswordReset("ana@example.org", language, "Ana", Link, 45);

        Assert.Equal("ana@example.org", email.To);
        Assert.Equal(subject, email.Subject);
        Assert.Equal(MailKinds.PasswordReset, email.Kind);
        Assert.Equal(language, email.Language);
        Assert.Contains("Ana", email.Text);
        Assert.Contains("45", email.Text);
        Assert.Contains(action, email.Text);
        Assert.Contains(Link, email.Text);
        Assert.Contains("href=\"https://workspace.example/reset-password/abc?x=1&amp;y=2\"", email.Html);
        Assert.Contains($"lang=\"{language}\"", email.Html);
        Assert.DoesNotContain("{", email.Text);
    }

    [Fact]
    public void Every_kind_exists_in_every_language_and_the_languages_differ()
    {
        var expires = new DateTimeOffset(2027, 3, 14, 12, 0, 0, TimeSpan.Zero);
        foreach (var language in MailTemplates.Languages)
        {
            OutgoingEmailTexts(language, expires).ToList().ForEach(e =>
            {
                Assert.Equal(language, e.Language);
                Assert.DoesNotContain("{", e.Subject + e.Text);
                Assert.Contains("https://w.example/x/t", e.Text);
            });
        }

        var invitations = MailTemplates.Languages.Select(l => MailTemplates.Invitation("b@example.org", l, "Asset recovery", "Ana Lima", "observer", "https://w.example/x/t", expires)).ToArray();
        Assert.Equal(3, invitations.Select(i => i.Subject).Distinct().Count());
        Assert.Contains("observer", invitations[0].Text);
        Assert.Contains("observador/a", invitations[1].Text);
        Assert.Contains("observador(a)", invitations[2].Text);
        Assert.Contains("14 March 2027", invitations[0].Text);
        Assert.Contains("14 de marzo de 2027", invitations[1].Text);
        Assert.Contains("14 de março de 2027", invitations[2].Text);
        Assert.Contains("você", invitations[2].Text);
    }

    [Fact]
    public void An_unknown_language_is_english()
    {
        Assert.Equal("en", MailTemplates.ConfirmEmail("a@example.org", "fr", "A", Link).Language);
        Assert.Equal("en", MailTemplates.ConfirmEmail("a@example.org", null!, "A", Link).Language);
    }

    [Fact]
    public void Values_are_escaped_in_the_html_part()
    {
        var email = MailTemplates.Invitation("b@example.org", "en", "<script>alert(1)</script>", "Eve \"<b>\" & co", "member", "https://w.example/i/\"><script>", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("<script>", email.Html);
        Assert.DoesNotContain("<b>", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html);
        Assert.Contains("Eve &quot;&lt;b&gt;&quot; &amp; co", email.Html);
        Assert.Contains("href=\"https://w.example/i/&quot;&gt;&lt;script&gt;\"", email.Html);
        Assert.Contains("<script>alert(1)</script>", email.Text); // plain text is not HTML
    }

    [Fact]
    public void A_missing_value_or_kind_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MailTemplates.Render("a@example.org", "en", MailKinds.PasswordReset, new Dictionary<string, string> { ["name"] = "A", ["link"] = Link }));
        Assert.Throws<ArgumentException>(() => MailTemplates.Render("a@example.org", "en", "newsletter", new Dictionary<string, string> { ["link"] = Link }));
    }

    private static IEnumerable<Contracts.Email.OutgoingEmail> OutgoingEmailTexts(string language, DateTimeOffset expires) =>
    [
        MailTemplates.ConfirmEmail("a@example.org", language, "Ana", "https://w.example/x/t"),
        MailTemplates.ConfirmNewEmail("a@example.org", language, "Ana", "https://w.example/x/t"),
        MailTemplates.PasswordReset("a@example.org", language, "Ana", "https://w.example/x/t", 60),
        MailTemplates.Invitation("a@example.org", language, "G", "I", "member", "https://w.example/x/t", expires),
    ];
}
