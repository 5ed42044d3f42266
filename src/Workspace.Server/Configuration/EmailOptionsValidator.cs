using System.Net.Mail;
using Microsoft.Extensions.Options;
using Workspace.Grains.Email;

namespace Workspace.Server.Configuration;

/// <summary>Refuses to start with mail settings that cannot work, naming the setting (and its environment variable).</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add("Workspace:Email:Port must be between 1 and 65535 (env: Workspace__Email__Port).");
        }

        if (!Enum.IsDefined(options.TlsMode))
        {
            failures.Add("Workspace:Email:TlsMode must be Auto, None, StartTls or SslOnConnect (env: Workspace__Email__TlsMode).");
        }

        if (options.IsConfigured)
        {
            if (!IsAddress(options.SenderAddress))
            {
                failures.Add("Workspace:Email:SenderAddress must be a valid email address such as workspace@ngo.example when Workspace:Email:Host is set (env: Workspace__Email__SenderAddress).");
            }

            if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add("Workspace:Email:PublicUrl must be the server's absolute http(s) address, such as https://workspace.ngo.example, when Workspace:Email:Host is set: links in emails start with it (env: Workspace__Email__PublicUrl).");
            }

            if (string.IsNullOrEmpty(options.User) && !string.IsNullOrEmpty(options.Password))
            {
                failures.Add("Workspace:Email:Password is set without Workspace:Email:User.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.PublicUrl) && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            failures.Add("Workspace:Email:PublicUrl must be an absolute http(s) address (env: Workspace__Email__PublicUrl).");
        }

        if (options.RetryFirstDelay < TimeSpan.FromMilliseconds(100) || options.RetryMaxDelay < options.RetryFirstDelay)
        {
            failures.Add("Workspace:Email:RetryFirstDelay must be at least 100 ms and RetryMaxDelay at least RetryFirstDelay.");
        }

        if (options.FailAfterAttempts < 1 || options.KeepSent < 1 || options.SendTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("Workspace:Email:FailAfterAttempts and KeepSent must be at least 1, and SendTimeout at least one second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim() && value.Contains('@');
}
