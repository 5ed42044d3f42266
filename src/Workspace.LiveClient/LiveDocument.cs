using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;

namespace Workspace.LiveClient;

/// <summary>
/// One open document on one hub connection, kept in step with the server the way the browser
/// does it: the OT client's three states, server broadcasts applied strictly in revision order
/// (our own operation coming back is its acknowledgement), and on reconnection a catch-up from
/// the last revision seen followed by the resubmission of whatever was not acknowledged.
/// </summary>
public sealed class LiveDocument
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Participant> _participants = [];

    /// <summary>The transport-free protocol (states, ordering, resubmission, refusals); this class carries out what it says.</summary>
    private readonly DocumentProtocol _protocol;

    /// <summary>
    /// Presence changes received while an open is under way: the open's list may be older than
    /// they are (its answer and the broadcasts travel different paths), so they are applied again on top.
    /// </summary>
    private readonly List<DocumentChangesMessage> _presenceWhileOpening = [];

    /// <summary>The activation of the document that answered the last open (see <see cref="OpenedDocument.Epoch"/>).</summary>
    private string? _epoch;
    private readonly List<IDisposable> _handlers = [];
    private HubConnection _connection;

    /// <summary>Counts opens (a reconnection, a reopen, a resync may overlap): only the latest one's answer is applied.</summary>
    private int _attaches;

    private LiveDocument(HubConnection connection, Guid documentId, string clientId)
    {
        _connection = connection;
        DocumentId = documentId;
        var first = true;
        _protocol = new DocumentProtocol(() =>
        {
            var id = first ? clientId : Guid.NewGuid().ToString("N");
            first = false;
            return id;
        });
    }

    public Guid DocumentId { get; }

    /// <summary>Identifies this editor's submissions across reconnections (for idempotent resubmission).</summary>
    public string ClientId
    {
        get
        {
            lock (_lock)
            {
                return _protocol.ClientId;
            }
        }
    }

    /// <summary>Errors that are not part of normal reconnection (they mean something is wrong).</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Called (under the document's lock: keep it short) for every operation applied in order; true when it was this editor's own.</summary>
    public Action<AppliedOperation, bool>? Applied { get; set; }

    /// <summary>
    /// False for a client that does not need the text (a load generator's lurkers and appending
    /// authors): operations are still applied in order, but only the text's length is kept.
    /// </summary>
    public bool TrackText
    {
        get => _protocol.TrackText;
        set => _protocol.TrackText = value;
    }

    public string? SessionId { get; private set; }

    public bool CanEdit { get; private set; }

    public GroupRole Role { get; private set; }

    public ClosedReason? ClosedReason { get; private set; }

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _protocol.Text;
            }
        }
    }

    /// <summary>The length of the local text (kept even when the text itself is not).</summary>
    public int Length
    {
        get
        {
            lock (_lock)
            {
                return _protocol.Length;
            }
        }
    }

    public int Revision
    {
        get
        {
            lock (_lock)
            {
                return _protocol.Revision;
            }
        }
    }

    public bool IsSynchronized
    {
        get
        {
            lock (_lock)
            {
                return _protocol.IsSynchronized;
            }
        }
    }

    public IReadOnlyList<Participant> Participants
    {
        get
        {
            lock (_lock)
            {
                return [.. _participants.Values];
            }
        }
    }

    public static async Task<LiveDocument> OpenAsync(HubConnection connection, Guid documentId, string? clientId = null)
    {
        var document = new LiveDocument(connection, documentId, clientId ?? Guid.NewGuid().ToString("N"));
        await document.AttachAsync(connection);
        return document;
    }

    /// <summary>Continues on a new connection: catches up from the last revision seen and resubmits what is unacknowledged.</summary>
    public Task ReconnectAsync(HubConnection connection) => AttachAsync(connection);

    /// <summary>A local edit: applied to the local text at once, sent when the previous one is acknowledged.</summary>
    public void Edit(TextOperation operation)
    {
        ProtocolEffects effects;
        lock (_lock)
        {
            effects = _protocol.Edit(operation);
        }

        SendAll(effects);
    }

    /// <summary>
    /// A local edit computed from the local text as it is at that moment (other people's
    /// operations arrive on other threads): <paramref name="build"/> runs under the document's
    /// lock and returns the operation, or null for none.
    /// </summary>
    public void Edit(Func<string, TextOperation?> build)
    {
        lock (_lock)
        {
            if (build(TrackText ? _protocol.Text : string.Empty) is { } operation)
            {
                Edit(operation);
            }
        }
    }

    /// <summary>Inserts at a position of the local text.</summary>
    public void Insert(int position, string text)
    {
        lock (_lock)
        {
            Edit(TextOperation.Builder().Retain(position).Insert(text).Retain(_protocol.Length - position).Build());
        }
    }

    /// <summary>Deletes a range of the local text.</summary>
    public void Delete(int position, int count)
    {
        lock (_lock)
        {
            Edit(TextOperation.Builder().Retain(position).Delete(count).Retain(_protocol.Length - position - count).Build());
        }
    }

    public Task MoveCursorAsync(int anchor, int head) => _connection.InvokeAsync("Presence", DocumentId, Revision, anchor, head);

    public Task CloseAsync() => _connection.InvokeAsync("Close", DocumentId);

    /// <summary>Waits until every local edit is acknowledged and nothing received is left unapplied.</summary>
    public async Task WhenSynchronizedAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!IsSynchronized)
        {
            await Task.Delay(10, cancel.Token);
        }
    }

    private async Task AttachAsync(HubConnection connection)
    {
        int? since;
        int attach;
        lock (_lock)
        {
            attach = ++_attaches;
            foreach (var handler in _handlers)
            {
                handler.Dispose();
            }

            _handlers.Clear();
            _connection = connection;
            _presenceWhileOpening.Clear();
            since = _protocol.Opening();
            _handlers.Add(connection.On<DocumentChangesMessage>("Changes", OnChanges));
            _handlers.Add(connection.On<Guid, GroupRole, bool>("Access", (id, role, canEdit) =>
            {
                if (id == DocumentId)
                {
                    Role = role;
                    CanEdit = canEdit;
                }
            }));
            _handlers.Add(connection.On<Guid, ClosedReason>("Closed", (id, reason) =>
            {
                if (id == DocumentId)
                {
                    ClosedReason = reason;
                }
            }));
            _handlers.Add(connection.On<Guid>("Reopen", id => id == DocumentId ? ResyncAsync() : Task.CompletedTask));
            _handlers.Add(connection.On<Guid, string, long, HubError>("Refused", (id, clientId, sequence, error) =>
                id == DocumentId ? OnRefusedAsync(clientId, sequence, error) : Task.CompletedTask));
        }

        var opened = await OpenWithRetriesAsync(connection, since);
        ProtocolEffects effects;
        lock (_lock)
        {
            if (attach != _attaches)
            {
                // A later open overtook this one: its answer is newer (this one's list of people and
                // text may predate broadcasts that the later open started collecting afresh).
                return;
            }

            effects = _protocol.Opened(opened.Text, opened.Revision, opened.Since);
            Report(effects);
            _participants.Clear();
            _epoch = string.IsNullOrEmpty(opened.Epoch) ? null : opened.Epoch;
            foreach (var participant in opened.Participants)
            {
                _participants[participant.SessionId] = participant;
            }

            foreach (var later in _presenceWhileOpening)
            {
                ApplyPresence(later);
            }

            // What was replayed may be older than the answer: a session that left meanwhile stays gone.
            foreach (var departed in opened.Departed ?? [])
            {
                _participants.Remove(departed);
            }

            _presenceWhileOpening.Clear();

            SessionId = opened.SessionId;
            CanEdit = opened.CanEdit;
            Role = opened.Role;
        }

        foreach (var submission in effects.Send)
        {
            await SendAsync(submission);
        }
    }

    private void OnChanges(DocumentChangesMessage changes)
    {
        if (changes.DocumentId != DocumentId)
        {
            return;
        }

        ProtocolEffects effects;
        lock (_lock)
        {
            effects = _protocol.Receive(changes.Operations);
            Report(effects);
            ApplyPresence(changes);
            if (!_protocol.IsOpen)
            {
                _presenceWhileOpening.Add(changes);
            }
        }

        SendAll(effects);
    }

    /// <summary>Tells what the protocol applied and the errors it found (under the lock).</summary>
    private void Report(ProtocolEffects effects)
    {
        foreach (var (applied, own) in effects.Applied)
        {
            Applied?.Invoke(applied, own);
        }

        if (effects.Error == "document.reset")
        {
            Errors.Enqueue(new InvalidOperationException("The server sent the whole text while local edits were unacknowledged."));
        }
    }

    private void SendAll(ProtocolEffects effects)
    {
        foreach (var submission in effects.Send)
        {
            _ = SendAsync(submission);
        }
    }

    /// <summary>A session id is never reused: one listed as left is gone for good, even if the same message also shows it.</summary>
    private void ApplyPresence(DocumentChangesMessage changes)
    {
        if (!string.IsNullOrEmpty(changes.Epoch) && _epoch is not null && changes.Epoch != _epoch)
        {
            return; // an earlier activation's people are gone with it, and nobody says they left
        }

        foreach (var participant in changes.Presence)
        {
            _participants[participant.SessionId] = participant;
        }

        foreach (var left in changes.Left)
        {
            _participants.Remove(left);
        }
    }

    private async Task SendAsync(Submission submission)
    {
        var connection = _connection;
        if (connection.State != HubConnectionState.Connected)
        {
            return; // sent again on reconnection
        }

        try
        {
            // One-way: the operation coming back in a broadcast is its acknowledgement; a refusal comes as 'Refused'.
            await connection.SendAsync("Send", DocumentId, submission.BaseRevision, submission.Operation, submission.ClientId, submission.Sequence);
        }
        catch (Exception e) when (e is ObjectDisposedException || connection.State != HubConnectionState.Connected)
        {
            // The connection dropped (or was disposed) while sending: the edit is resubmitted on reconnection.
        }
        catch (Exception e)
        {
            Errors.Enqueue(e);
        }
    }

    private async Task OnRefusedAsync(string clientId, long sequence, HubError error)
    {
        ProtocolEffects effects;
        lock (_lock)
        {
            effects = _protocol.Refused(clientId, sequence, error.Code);
        }

        if (effects.Error is not null)
        {
            Errors.Enqueue(new HubRefusedException(error));
        }

        SendAll(effects);
        if (effects.Reopen)
        {
            if (effects.From is not null)
            {
                await Task.Delay(200); // transient: open again from our revision after a moment
            }

            await ResyncAsync();
        }
    }

    /// <summary>
    /// Opens the document, retrying with back-off while the answer is transient — e.g. while the
    /// cluster has not yet declared a dead node dead and the document cannot be reached — and
    /// from scratch when the server can no longer catch up from <paramref name="since"/>.
    /// </summary>
    private async Task<OpenedDocument> OpenWithRetriesAsync(HubConnection connection, int? since)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await connection.InvokeAsync<OpenedDocument>("Open", DocumentId, since);
            }
            catch (Exception e) when (since is not null && HubError.From(e) is { Code: "revision.too-old" })
            {
                since = null; // the server can no longer catch up from there: the whole text (unacknowledged edits are reported lost)
            }
            catch (Exception e) when (HubError.From(e) is { } error && DocumentProtocol.Transient.Contains(error.Code) && attempt < 40 && connection.State == HubConnectionState.Connected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 << Math.Min(attempt, 5))));
            }
        }
    }

    private async Task ResyncAsync()
    {
        if (_connection.State == HubConnectionState.Connected)
        {
            try
            {
                await AttachAsync(_connection);
            }
            catch (Exception e) when (e is ObjectDisposedException || _connection.State != HubConnectionState.Connected)
            {
                _ = e; // reconnection will attach again
            }
        }
    }
}

/// <summary>The part of a document broadcast every reader receives (as the hub sends it).</summary>
public sealed record DocumentChangesMessage(
    Guid DocumentId,
    IReadOnlyList<AppliedOperation> Operations,
    IReadOnlyList<Participant> Presence,
    IReadOnlyList<string> Left,
    DocumentSummary? Summary,
    string? Epoch = null);
