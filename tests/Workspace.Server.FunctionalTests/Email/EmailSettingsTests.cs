using Microsoft.Extensions.Options;
using Workspace.Grains.Email;
using Workspace.Server.Configuration;
using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Email;

/// <summary>Mail settings that cannot work stop the server at start-up, naming the setting.</summary>
public sealed class EmailSettingsTests
{
    [Fact]
    public void Without_a_host_nothing_else_is_required()
    {
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);
        Assert.False(new EmailOptions().IsConfigured);
    }

    [Theory]
    [InlineData("SenderAddress", null, "Workspace:Email:SenderAddress")]
    [InlineData("SenderAddress", "not an address", "Workspace:Email:SenderAddress")]
    [InlineData("PublicUrl", null, "Workspace:Email:PublicUrl")]
    [InlineData("PublicUrl", "/relative", "Workspace:Email:PublicUrl")]
    [InlineData("PublicUrl", "ftp://workspace.example", "Workspace:Email:PublicUrl")]
    [InlineData("Port", "0", "Workspace:Email:Port")]
    [InlineData("Port", "70000", "Workspace:Email:Port")]
    public void A_host_needs_a_sender_a_public_address_and_a_valid_port(string setting, string? value, string named)
    {
        var options = Valid();
        typeof(EmailOptions).GetProperty(setting)!.SetValue(options, setting == "Port" ? int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture) : value);

        var result = new EmailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new EmailOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public async Task The_server_refuses_to_start_with_a_host_and_no_sender()
    {
        await using var host = new WorkspaceHost(new Dictionary<string, string?>
        {
            ["Workspace:Email:Host"] = "smtp.example",
            ["Workspace:Email:PublicUrl"] = "https://workspace.example",
        });

        var refusal = Assert.ThrowsAny<Exception>(() => host.NewClient());

        var failure = refusal as OptionsValidationException ?? refusal.InnerException as OptionsValidationException ?? (refusal as AggregateException)?.Flatten().InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault();
        Assert.NotNull(failure);
        Assert.Contains("Workspace:Email:SenderAddress", failure.Message, StringComparison.Ordinal);
    }

    private static EmailOptions Valid() => new()
    {
        Host = "smtp.example",
        Port = 587,
        SenderAddress = "workspace@ngo.example",
        PublicUrl = "https://workspace.ngo.example",
    };
}
