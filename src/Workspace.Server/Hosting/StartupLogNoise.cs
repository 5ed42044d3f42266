using System.Diagnostics;

namespace Workspace.Server.Hosting;

/// <summary>
/// Two warnings every ordinary start printed that are not problems of this server, each matched exactly
/// (category, event and content) so that the same kinds of warning still show when they are real:
/// <list type="bullet">
/// <item>Orleans' watchdog, started, may compare its first check with a timestamp not yet set and report that its
/// participant check "has not completed for" the machine's uptime (hours). A stall longer than this process has
/// existed cannot be one; the line is dropped. A real stall (shorter than the process's life) still warns.</item>
/// <item>ASP.NET Core data protection says its keys "may be persisted to storage in unencrypted form": on purpose,
/// they are kept where the data is (key files in the data folder readable by their owner only, or the database), which an
/// operator protects as the data itself. Said once at start as information, not as a warning.</item>
/// </list>
/// </summary>
public static class StartupLogNoise
{
    /// <summary>Orleans' <c>ErrorCode.SiloHeartbeatTimerStalled</c>.</summary>
    internal const int WatchdogStalled = 100150;

    /// <summary>Data protection's "No XML encryptor configured" event.</summary>
    internal const int NoXmlEncryptor = 35;

    internal const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    internal const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>Wraps every logging provider registered so far; call after the last one is added.</summary>
    public static WebApplicationBuilder QuietStartupNoise(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(
                typeof(ILoggerProvider),
                sp => new QuietProvider((ILoggerProvider)(descriptor.ImplementationInstance
                    ?? descriptor.ImplementationFactory?.Invoke(sp)
                    ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!))),
                descriptor.Lifetime);
        }

        return builder;
    }

    /// <summary>What becomes of one log entry: its level, or null to drop it.</summary>
    internal static LogLevel? Level(string category, LogLevel level, EventId eventId, object? state)
    {
        if (level != LogLevel.Warning)
        {
            return level;
        }

        if (eventId.Id == NoXmlEncryptor && category == KeyManagerCategory)
        {
            return LogLevel.Information;
        }

        if (eventId.Id == WatchdogStalled && category == WatchdogCategory
            && state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.FirstOrDefault(v => v.Key == "TimeSinceLastTick").Value is TimeSpan stalled
            && values.Any(v => v.Key == "{OriginalFormat}" && v.Value is string format && format.StartsWith("Participant check", StringComparison.Ordinal))
            && stalled > Uptime())
        {
            return null;
        }

        return level;
    }

    private static TimeSpan Uptime() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    private sealed class QuietProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName is WatchdogCategory or KeyManagerCategory ? new QuietLogger(logger, categoryName) : logger;
        }

        public void SetScopeProvider(IExternalScopeProvider scopeProvider)
        {
            if (inner is ISupportExternalScope scoped)
            {
                scoped.SetScopeProvider(scopeProvider);
            }
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class QuietLogger(ILogger inner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Level(category, logLevel, eventId, state) is { } level)
            {
                inner.Log(level, eventId, state, exception, formatter);
            }
        }
    }
}
