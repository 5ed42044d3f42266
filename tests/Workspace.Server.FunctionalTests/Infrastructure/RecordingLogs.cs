using Microsoft.Extensions.Logging;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Keeps every log line a host writes (category, level, message, exception), for tests about what is logged.</summary>
public sealed class RecordingLogs : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _lines = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add((category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
