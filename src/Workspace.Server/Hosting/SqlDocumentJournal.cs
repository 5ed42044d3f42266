using System.Data.Common;
using System.Threading.Channels;
using Workspace.Grains.Documents;
using Workspace.Grains.Telemetry;
using Workspace.Server.Configuration;

namespace Workspace.Server.Hosting;

/// <summary>
/// The node's document journal in the grain-storage database (table WorkspaceDocumentJournal). One
/// writer drains whatever every document on the node appended meanwhile and commits it in one
/// transaction, so a thousand documents edited a few times a second cost a few hundred commits a
/// second instead of thousands. Each append completes only when its commit has.
/// </summary>
public sealed partial class SqlDocumentJournal(DatabaseTarget target, StorageWriteGate gate, ILogger<SqlDocumentJournal> logger, WorkspaceMetrics? metrics = null)
    : IDocumentJournal, IHostedService, IAsyncDisposable
{
    /// <summary>Entries carried by one commit at most; the rest wait for the next one.</summary>
    private const int MaxBatch = 1024;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private Task _writer = Task.CompletedTask;
    private DbConnection? _connection;

    public bool Enabled => true;

    public Task Append(Guid documentId, int fromRevision, int toRevision, byte[] payload)
    {
        var pending = new Pending(Key(documentId), fromRevision, toRevision, payload,
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending)
            ? pending.Done!.Task
            : Task.FromException(new InvalidOperationException("The document journal is stopped."));
    }

    public void Forget(Guid documentId, int throughRevision) =>
        _queue.Writer.TryWrite(new Pending(Key(documentId), 0, throughRevision, null, null));

    public async Task<IReadOnlyList<JournalEntry>> Read(Guid documentId, int afterRevision, CancellationToken cancellationToken)
    {
        await using var connection = SchemaInstaller.Open(target);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FromRevision, ToRevision, Payload FROM WorkspaceDocumentJournal WHERE DocumentId = @d AND ToRevision > @r ORDER BY FromRevision";
        Add(command, "@d", Key(documentId));
        Add(command, "@r", afterRevision);
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(reader.GetInt32(0), reader.GetInt32(1), (byte[])reader.GetValue(2)));
        }

        return entries;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writer = Task.Run(WriteLoop, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Runs after the silo has stopped (registered before it): commits whatever is still queued.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await Commit(batch);
                foreach (var pending in batch)
                {
                    pending.Done?.TrySetResult();
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                LogBatchFailed(logger, e, batch.Count);

                // One bad entry (say, a revision another activation already wrote) must not fail
                // its neighbours: commit them one by one.
                foreach (var pending in batch)
                {
                    try
                    {
                        await Commit([pending]);
                        pending.Done?.TrySetResult();
                    }
                    catch (Exception single) when (single is DbException or InvalidOperationException or TimeoutException)
                    {
                        pending.Done?.TrySetException(single);
                    }
                }
            }
        }
    }

    private async Task Commit(IReadOnlyList<Pending> batch)
    {
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        await gate.WaitAsync();
        try
        {
            var connection = await Connection();
            try
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO WorkspaceDocumentJournal (DocumentId, FromRevision, ToRevision, Payload) VALUES (@d, @f, @t, @p)";
                var (d, f, t, p) = (Add(insert, "@d", ""), Add(insert, "@f", 0), Add(insert, "@t", 0), Add(insert, "@p", Array.Empty<byte>()));
                await using var forget = connection.CreateCommand();
                forget.Transaction = transaction;
                forget.CommandText = "DELETE FROM WorkspaceDocumentJournal WHERE DocumentId = @d AND ToRevision <= @t";
                var (fd, ft) = (Add(forget, "@d", ""), Add(forget, "@t", 0));
                foreach (var pending in batch)
                {
                    if (pending.Payload is { } payload)
                    {
                        (d.Value, f.Value, t.Value, p.Value) = (pending.DocumentKey, pending.FromRevision, pending.ToRevision, payload);
                        await insert.ExecuteNonQueryAsync();
                    }
                    else
                    {
                        (fd.Value, ft.Value) = (pending.DocumentKey, pending.ToRevision);
                        await forget.ExecuteNonQueryAsync();
                    }
                }

                await transaction.CommitAsync();
            }
            catch
            {
                // Start the next commit on a fresh connection.
                await connection.DisposeAsync();
                _connection = null;
                throw;
            }
        }
        finally
        {
            gate.Release();
            metrics?.StorageWritten(startedAt, "journal");
        }
    }

    private async Task<DbConnection> Connection()
    {
        if (_connection is null)
        {
            var connection = SchemaInstaller.Open(target);
            await connection.OpenAsync();
            _connection = connection;
        }

        return _connection;
    }

    private static string Key(Guid documentId) => documentId.ToString("N");

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A document journal commit of {Count} entries failed; committing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(string DocumentKey, int FromRevision, int ToRevision, byte[]? Payload, TaskCompletionSource? Done);
}
