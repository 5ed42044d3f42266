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
    private static readonly HashSet<string> Transient = ["document.not-open", "document.unavailable", "request.rate-limited"];

    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, AppliedOperation> _pending = [];
    private readonly Dictionary<string, Participant> _participants = [];

    /// <summary>
    /// Presence changes received while an open is under way: the open's list may be older than
    /// they are (its answer and the broadcasts travel different paths), so they are applied again on top.
    /// </summary>
    private readonly List<DocumentChangesMessage> _presenceWhileOpening = [];
    private readonly List<IDisposable> _handlers = [];
    private HubConnection _connection;
    private CollaborationClient? _ot;
    private TextBuffer _text = new();
    private int _length;
    private long _sequence;
    private bool _open;

    /// <summary>Counts opens (a reconnection, a reopen, a resync may overlap): only the latest one's answer is applied.</summary>
    private int _attaches;

    private LiveDocument(HubConnection connection, Guid documentId, string clientId)
    {
        _connection = connection;
        DocumentId = documentId;
        ClientId = clientId;
    }

    public Guid DocumentId { get; }

    /// <summary>Identifies this editor's submissions across reconnections (for idempotent resubmission).</summary>
    public string ClientId { get; }

    /// <summary>Errors that are not part of normal reconnection (they mean something is wrong).</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Called (under the document's lock: keep it short) for every operation applied in order; true when it was this editor's own.</summary>
    public Action<AppliedOperation, bool>? Applied { get; set; }

    /// <summary>
    /// False for a client that does not need the text (a load generator's lurkers and appending
    /// authors): operations are still applied in order, but only the text's length is kept.
    /// </summary>
    public bool TrackText { get; set; } = true;

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
                return _text.ToString();
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
                return _length;
            }
        }
    }

    public int Revision
    {
        get
        {
            lock (_lock)
            {
                return _ot?.Revision ?? -1;
            }
        }
    }

    public bool IsSynchronized
    {
        get
        {
            lock (_lock)
            {
                return _open && _ot is { IsSynchronized: true } && _pending.Count == 0;
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
        (TextOperation Operation, long Sequence, int Base)? send = null;
        lock (_lock)
        {
            var ot = _ot ?? throw new InvalidOperationException("The document is not open.");
            if (operation.BaseLength != _length)
            {
                throw new InvalidOperationException($"The edit expects {operation.BaseLength} code units; the text has {_length}.");
            }

            if (TrackText)
            {
                _text.Apply(operation);
            }

            _length = operation.TargetLength;
            if (ot.ApplyLocal(operation) is { } now)
            {
                send = (now, ++_sequence, ot.Revision);
            }
        }

        if (send is { } s)
        {
            _ = SendAsync(s.Operation, s.Sequence, s.Base);
        }
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
            if (build(TrackText ? _text.ToString() : string.Empty) is { } operation)
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
            Edit(TextOperation.Builder().Retain(position).Insert(text).Retain(_length - position).Build());
        }
    }

    /// <summary>Deletes a range of the local text.</summary>
    public void Delete(int position, int count)
    {
        lock (_lock)
        {
            Edit(TextOperation.Builder().Retain(position).Delete(count).Retain(_length - position - count).Build());
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
            _open = false;
            _presenceWhileOpening.Clear();
            since = _ot?.Revision;
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
                id == DocumentId && clientId == ClientId ? OnRefusedAsync(sequence, error) : Task.CompletedTask));
        }

        var opened = await OpenWithRetriesAsync(connection, since);
        (TextOperation Operation, long Sequence, int Base)? resend = null;
        lock (_lock)
        {
            if (attach != _attaches)
            {
                // A later open overtook this one: its answer is newer (this one's list of people and
                // text may predate broadcasts that the later open started collecting afresh).
                return;
            }

            if (opened.Text is not null)
            {
                if (_ot is { IsSynchronized: false })
                {
                    Errors.Enqueue(new InvalidOperationException("The server sent the whole text while local edits were unacknowledged."));
                }

                _text = new TextBuffer(TrackText ? opened.Text : string.Empty);
                _length = opened.Text.Length;
                _ot = new CollaborationClient(opened.Revision);
            }

            foreach (var applied in opened.Since ?? [])
            {
                _pending.TryAdd(applied.Revision, applied);
            }

            foreach (var stale in _pending.Keys.Where(r => r <= _ot!.Revision).ToArray())
            {
                _pending.Remove(stale);
            }

            _participants.Clear();
            foreach (var participant in opened.Participants)
            {
                _participants[participant.SessionId] = participant;
            }

            foreach (var later in _presenceWhileOpening)
            {
                ApplyPresence(later);
            }

            _presenceWhileOpening.Clear();

            SessionId = opened.SessionId;
            CanEdit = opened.CanEdit;
            Role = opened.Role;
            _open = true;
            var next = Drain();
            if (next is null && _ot!.Outstanding is { } outstanding)
            {
                resend = (outstanding, _sequence, _ot.Revision);
            }
            else
            {
                resend = next;
            }
        }

        if (resend is { } r)
        {
            await SendAsync(r.Operation, r.Sequence, r.Base);
        }
    }

    private void OnChanges(DocumentChangesMessage changes)
    {
        if (changes.DocumentId != DocumentId)
        {
            return;
        }

        (TextOperation Operation, long Sequence, int Base)? send;
        lock (_lock)
        {
            send = null;
            foreach (var applied in changes.Operations)
            {
                if (_open && _pending.Count == 0 && applied.Revision == _ot!.Revision + 1)
                {
                    send = Step(applied) ?? send; // the usual case: next in order, nothing waiting
                }
                else if (_ot is null || applied.Revision > _ot.Revision)
                {
                    _pending.TryAdd(applied.Revision, applied);
                }
            }

            ApplyPresence(changes);
            if (!_open)
            {
                _presenceWhileOpening.Add(changes);
            }

            send = _open ? Drain() ?? send : null;
        }

        if (send is { } s)
        {
            _ = SendAsync(s.Operation, s.Sequence, s.Base);
        }
    }

    /// <summary>A session id is never reused: one listed as left is gone for good, even if the same message also shows it.</summary>
    private void ApplyPresence(DocumentChangesMessage changes)
    {
        foreach (var participant in changes.Presence)
        {
            _participants[participant.SessionId] = participant;
        }

        foreach (var left in changes.Left)
        {
            _participants.Remove(left);
        }
    }

    /// <summary>Applies received operations in revision order; returns the buffer to send if an acknowledgement released it.</summary>
    private (TextOperation, long, int)? Drain()
    {
        (TextOperation, long, int)? send = null;
        while (_pending.Remove(_ot!.Revision + 1, out var applied))
        {
            send = Step(applied) ?? send;
        }

        return send;
    }

    /// <summary>Applies the next operation in revision order (the acknowledgement of our own, or someone else's).</summary>
    private (TextOperation, long, int)? Step(AppliedOperation applied)
    {
        var ot = _ot!;
        if (applied.ClientId == ClientId && ot.Outstanding is not null && applied.Sequence == _sequence)
        {
            (TextOperation, long, int)? send = ot.Acknowledge() is { } next ? (next, ++_sequence, ot.Revision) : null;
            Applied?.Invoke(applied, true);
            return send;
        }

        var transformed = ot.ApplyRemote(applied.Operation);
        if (TrackText)
        {
            _text.Apply(transformed);
        }

        _length = transformed.TargetLength;
        Applied?.Invoke(applied, false);
        return null;
    }

    private async Task SendAsync(TextOperation operation, long sequence, int baseRevision)
    {
        var connection = _connection;
        if (connection.State != HubConnectionState.Connected)
        {
            return; // sent again on reconnection
        }

        try
        {
            // One-way: the operation coming back in a broadcast is its acknowledgement; a refusal comes as 'Refused'.
            await connection.SendAsync("Send", DocumentId, baseRevision, operation, ClientId, sequence);
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

    private async Task OnRefusedAsync(long sequence, HubError error)
    {
        lock (_lock)
        {
            if (sequence != _sequence || _ot?.Outstanding is null)
            {
                return; // about an edit already settled (resubmitted after a reconnection and accepted)
            }
        }

        if (Transient.Contains(error.Code))
        {
            await Task.Delay(200);
            await ResyncAsync();
        }
        else
        {
            Errors.Enqueue(new HubRefusedException(error));
        }
    }

    /// <summary>
    /// Opens the document, retrying with back-off while the answer is transient — e.g. while the
    /// cluster has not yet declared a dead node dead and the document cannot be reached.
    /// </summary>
    private async Task<OpenedDocument> OpenWithRetriesAsync(HubConnection connection, int? since)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await connection.InvokeAsync<OpenedDocument>("Open", DocumentId, since);
            }
            catch (Exception e) when (HubError.From(e) is { } error && Transient.Contains(error.Code) && attempt < 40 && connection.State == HubConnectionState.Connected)
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
    DocumentSummary? Summary);
