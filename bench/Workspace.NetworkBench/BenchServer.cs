using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Workspace.NetworkBench;

/// <summary>The server under test: the Release build, one node, on the database the bench seeded; and one signed-in reader.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string AdminEmail = "admin@bench.example";
    public const string Password = "a long enough password";

    private readonly Process _process;

    private BenchServer(Process process, HttpClient reader, int gatewayPort)
    {
        _process = process;
        Reader = reader;
        GatewayPort = gatewayPort;
    }

    /// <summary>The silo's client gateway (localhost clustering), for seeding through a grain.</summary>
    public int GatewayPort { get; }

    /// <summary>The administrator's client (reads every entry, so the searches see all of them).</summary>
    public HttpClient Reader { get; }

    public static string Build(string repository)
    {
        var project = Path.Combine(repository, "src", "Workspace.Server");
        Run("dotnet", $"build \"{project}\" -c Release -p:SkipClientBuild=true -v quiet -nologo", repository);
        return project;
    }

    public static async Task<BenchServer> Start(string project, IReadOnlyDictionary<string, string> storage)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(project, "bin", "Release", "net10.0", "Workspace.Server.dll")}\" --contentRoot \"{project}\"")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in storage)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Workspace__Setup__AdminEmail"] = AdminEmail;
        start.Environment["Workspace__Setup__AdminPassword"] = Password;
        start.Environment["Workspace__Setup__AdminCountry"] = "AT";
        start.Environment["Workspace__Security__SignInPermitsPerMinute"] = "1000";
        start.Environment["Workspace__Clustering__SiloPort"] = FreePort().ToString();
        var gatewayPort = FreePort();
        start.Environment["Workspace__Clustering__GatewayPort"] = gatewayPort.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var cookies = new CookieContainer();
        var address = new Uri($"http://127.0.0.1:{port}");
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 600)
            {
            }

            await Task.Delay(200);
        }

        (await http.GetAsync("/api/session")).EnsureSuccessStatusCode();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { email = AdminEmail, password = Password }) };
        signIn.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(cookies.GetCookies(address)["XSRF-TOKEN"]!.Value));
        (await http.SendAsync(signIn)).EnsureSuccessStatusCode();
        return new BenchServer(process, http, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        Reader.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Run(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory }) ?? throw new InvalidOperationException($"{file} did not start.");
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
