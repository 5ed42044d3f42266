using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Workspace.LoadGenerator;

/// <summary>
/// The server under test: started here (Release build; fresh SQLite data folder, or a PostgreSQL
/// database with one or more nodes in one cluster) or given by URL.
/// </summary>
public sealed class Server : IAsyncDisposable
{
    /// <summary>How many arrays of each size the shared array pool keeps per core (read once, from the environment).</summary>
    public const string ArrayPoolSetting = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    private readonly IReadOnlyList<Process> _processes;

    private Server(IReadOnlyList<Uri> addresses, IReadOnlyList<Process> processes)
    {
        Addresses = addresses;
        _processes = processes;
    }

    /// <summary>The first node (accounts and documents are made through it).</summary>
    public Uri Address => Addresses[0];

    /// <summary>Every node; clients are spread over them in turn.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    public static Server Existing(Uri address) => new([address], []);

    public static async Task<Server> Start(string repository, string? postgres, int nodes)
    {
        var project = Path.Combine(repository, "src", "Workspace.Server");
        Run("dotnet", $"build \"{project}\" -c Release -p:SkipClientBuild=true -v quiet -nologo", repository);
        var assembly = Path.Combine(project, "bin", "Release", "net10.0", "Workspace.Server.dll");
        var data = Path.Combine(Path.GetTempPath(), "workspace-bench", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Workspace__DataDirectory"] = data,
            ["Workspace__Setup__AdminEmail"] = Accounts.AdminEmail,
            ["Workspace__Setup__AdminPassword"] = Accounts.Password,
            ["Workspace__Setup__AdminCountry"] = "AT",
            ["Workspace__Documents__SubmitsPerSecond"] = "1000",
            ["Workspace__Security__SignInPermitsPerMinute"] = "1000",
            ["Workspace__Security__InvitationPermitsPerMinute"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (postgres is not null)
        {
            settings["Workspace__Storage__Provider"] = "PostgreSql";
            settings["Workspace__Storage__ConnectionString"] = postgres;
            settings["Workspace__Clustering__Provider"] = "AdoNet";
            settings["Workspace__Clustering__ClusterId"] = $"bench-{Guid.NewGuid():N}";
            Run("dotnet", $"\"{assembly}\" migrate --contentRoot \"{project}\"", project, settings);
        }
        else if (nodes > 1)
        {
            throw new ArgumentException("Several nodes need --postgres.");
        }

        var addresses = new List<Uri>();
        var processes = new List<Process>();
        for (var n = 0; n < nodes; n++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", $"\"{assembly}\" --contentRoot \"{project}\"")
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            start.Environment.Remove(ArrayPoolSetting); // the harness's own: the server runs as deployed

            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["Urls"] = $"http://127.0.0.1:{port}";
            start.Environment["Workspace__Clustering__SiloPort"] = FreePort().ToString();
            start.Environment["Workspace__Clustering__GatewayPort"] = FreePort().ToString();
            var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
            var node = n + 1;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server {node}: {e.Data}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            processes.Add(process);
            addresses.Add(new Uri($"http://127.0.0.1:{port}"));
            await WaitUntilHealthy(addresses[^1]);
        }

        return new Server(addresses, processes);
    }

    private static async Task WaitUntilHealthy(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (i < 600)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>CPU seconds (user + system) the server processes have used together, and their resident memory in MB.</summary>
    public (double CpuSeconds, double RssMb)? Usage()
    {
        if (_processes.Count == 0)
        {
            return null;
        }

        double cpu = 0, rssMb = 0;
        foreach (var process in _processes)
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            cpu += (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
            var rss = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            rssMb += double.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }

        return (cpu, rssMb);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return ValueTask.CompletedTask;
    }

    private static void Run(string file, string arguments, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}).");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A few signed-in people; every connection is a separate editor, so they are shared by many connections.</summary>
public sealed class Accounts
{
    public const string AdminEmail = "admin@bench.example";
    public const string Password = "a long enough password";

    private Accounts(Guid groupId, IReadOnlyList<Person> people)
    {
        GroupId = groupId;
        People = people;
    }

    public Guid GroupId { get; }

    public IReadOnlyList<Person> People { get; }

    public Person Admin => People[0];

    public static async Task<Accounts> Create(Uri server, int count)
    {
        var admin = new Person(server);
        await admin.Send(HttpMethod.Post, "/api/auth/sign-in", new { email = AdminEmail, password = Password });
        var group = await admin.Send(HttpMethod.Post, "/api/groups", new { name = $"Load test {DateTime.UtcNow:HHmmss}", thematicArea = "Benchmark", description = "", countries = new[] { "MX" }, languages = new[] { "es" } });
        var groupId = Guid.Parse((string)group!["id"]!);
        var invitation = await admin.Send(HttpMethod.Post, $"/api/groups/{groupId}/invitations", new { role = "member", expiresInDays = 7, maxUses = 500 });
        var token = ((string)invitation!["url"]!).Split('/').Last();
        var people = new List<Person> { admin };
        foreach (var i in Enumerable.Range(1, count - 1))
        {
            var person = new Person(server);
            await person.Send(HttpMethod.Post, $"/api/invitations/{token}/register", new { email = $"author{i}.{Guid.NewGuid():N}@bench.example", password = Password, displayName = $"Author {i}", organisation = "Bench CSO", country = "PE" });
            people.Add(person);
        }

        return new Accounts(groupId, people);
    }

    public async Task<Guid> NewDocument(string title)
    {
        var document = await Admin.Send(HttpMethod.Post, $"/api/groups/{GroupId}/documents", new { title, visibility = "members" });
        return Guid.Parse((string)document!["id"]!);
    }
}

/// <summary>One signed-in browser's worth of cookies (and the CSRF token the API wants).</summary>
public sealed class Person(Uri server)
{
    private HttpClient? _http;

    public CookieContainer Cookies { get; } = new();

    public Uri Server { get; } = server;

    public async Task<JsonNode?> Send(HttpMethod method, string path, object body)
    {
        if (Token() is null)
        {
            using var _ = await Http.GetAsync("/api/session");
        }

        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-XSRF-TOKEN", Token());
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} → {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = Server };

    private string? Token() => Cookies.GetCookies(Server)["XSRF-TOKEN"]?.Value is { } token ? Uri.UnescapeDataString(token) : null;
}
