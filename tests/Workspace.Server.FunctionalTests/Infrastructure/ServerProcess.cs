using System.Diagnostics;
using System.Text;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>The server as a separate operating-system process, to stop and start it for real.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public ApiClient NewClient() => new(BaseAddress);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>fileName arguments</c> with the given settings and waits until /healthz answers 200;
    /// with <paramref name="mail"/>, email goes through that test mail server (links point at this process).
    /// </summary>
    public static async Task<ServerProcess> Start(
        IDictionary<string, string> settings, string? fileName = null, string? arguments = null, TimeSpan? timeout = null, MailServer? mail = null)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo
        {
            FileName = fileName ?? "dotnet",
            Arguments = arguments ?? $"\"{RepositoryPaths.ServerAssembly}\" --contentRoot \"{RepositoryPaths.ServerProject}\"",
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Workspace__Clustering__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Workspace__Clustering__GatewayPort"] = FreePort.Next().ToString();
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["WORKSPACE_PORT"] = port.ToString();
        foreach (var (key, value) in mail?.Settings(new Uri($"http://127.0.0.1:{port}")) ?? [])
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthy(timeout ?? TimeSpan.FromSeconds(90));
        return server;
    }

    /// <summary>Runs the server with a command (e.g. <c>migrate</c>) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> Run(IDictionary<string, string> settings, string command)
    {
        var start = new ProcessStartInfo
        {
            FileName = "dotnet",
            Arguments = $"\"{RepositoryPaths.ServerAssembly}\" {command} --contentRoot \"{RepositoryPaths.ServerProject}\"",
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does; waits for it to exit.</summary>
    public async Task<int> Terminate(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var wait = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(wait.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>Ends the process at once (SIGKILL): nothing gets a chance to flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthy(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // lets the redirected output drain before it is read
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Kill();
        throw new TimeoutException($"The server was not healthy within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
