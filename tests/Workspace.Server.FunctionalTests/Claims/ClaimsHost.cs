using Workspace.Server.FunctionalTests.Infrastructure;

namespace Workspace.Server.FunctionalTests.Claims;

/// <summary>A test with a real SMTP server (in the test process) and a Workspace host that sends through it.</summary>
public abstract class MailHostedTest : IAsyncLifetime
{
    protected MailServer Mail { get; private set; } = null!;

    protected WorkspaceHost Host { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Mail = await MailServer.Start();
        Host = new WorkspaceHost(Mail.Settings(new Uri("https://workspace.example")));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Mail.DisposeAsync();
    }

    /// <summary>Someone registers through an invitation link (as the client does, in <paramref name="language"/>); returns their browser and id.</summary>
    protected async Task<(ApiClient Client, Guid Id)> Register(string link, string email, string name, string password = Personas.Password, string language = "en")
    {
        var client = Host.NewClient();
        var registered = await client.Ok(HttpMethod.Post, $"/api/invitations/{link}/register", new
        {
            email, password, displayName = name, organisation = $"{name} CSO", country = "PE", language,
        });
        return (client, Guid.Parse((string)registered!["user"]!["id"]!));
    }
}
