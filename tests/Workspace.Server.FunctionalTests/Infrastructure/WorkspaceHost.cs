using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>
/// The real server in-process, listening on a real loopback socket (Kestrel), with its own silo
/// ports and its own SQLite file (or PostgreSQL database).
/// </summary>
public sealed class WorkspaceHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    /// <summary>A host with these settings; with <c>mail</c>, email goes through that test mail server (links point at this host).</summary>
    public WorkspaceHost(IDictionary<string, string?>? settings = null, bool withAdministrator = true, MailServer? mail = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "workspace-tests", Guid.NewGuid().ToString("N"));
        Port = FreePort.Next();
        _settings = new Dictionary<string, string?>
        {
            ["Workspace:DataDirectory"] = DataDirectory,
            ["Workspace:Clustering:SiloPort"] = FreePort.Next().ToString(),
            ["Workspace:Clustering:GatewayPort"] = FreePort.Next().ToString(),
            ["Workspace:Security:SignInPermitsPerMinute"] = "100000",
            ["Workspace:Security:InvitationPermitsPerMinute"] = "100000",
            ["Workspace:Security:PasswordResetPermitsPerMinute"] = "100000",
            ["Workspace:Security:SearchesPerMinute"] = "100000",
            ["Workspace:Security:PasswordResetsPerEmailPerHour"] = "100000",
        };
        if (withAdministrator)
        {
            _settings["Workspace:Setup:AdminEmail"] = Personas.AdminEmail;
            _settings["Workspace:Setup:AdminPassword"] = Personas.Password;
            _settings["Workspace:Setup:AdminDisplayName"] = "Ada Admin";
            _settings["Workspace:Setup:AdminOrganisation"] = "Roundtable Secretariat";
            _settings["Workspace:Setup:AdminCountry"] = "AT";
        }
        else
        {
            _settings["Workspace:Setup:Token"] = Personas.SetupToken;
        }

        foreach (var (key, value) in mail?.Settings(BaseAddress) ?? [])
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(Port);
    }

    public string DataDirectory { get; }

    /// <summary>Where the server's log lines (warnings and above) also go, for tests that read them.</summary>
    public ILoggerProvider? Logs { get; init; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>A browser-like client: its own cookies, CSRF handled like the real client does.</summary>
    public ApiClient NewClient()
    {
        StartServer();
        return new ApiClient(BaseAddress);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Urls", BaseAddress.ToString());
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (Logs is not null)
            {
                logging.AddProvider(Logs);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
