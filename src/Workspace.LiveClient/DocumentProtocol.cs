using Workspace.Collaboration;
using Workspace.Contracts.Documents;

namespace Workspace.LiveClient;

/// <summary>The ot.js client states, as the shared protocol scenarios (tests/fixtures/protocol) name them.</summary>
public enum ProtocolState
{
    Synchronized,
    AwaitingAck,
    AwaitingAckWithBuffer,
}

/// <summary>What the client submits: <c>Send(documentId, baseRevision, operation, clientId, sequence)</c>.</summary>
public sealed record Submission(int BaseRevision, TextOperation Operation, string ClientId, long Sequence);

/// <summary>What one input makes the client do; the transport carries it out.</summary>
public sealed class ProtocolEffects
{
    /// <summary>Submissions to send now, in order.</summary>
    public List<Submission> Send { get; } = [];

    /// <summary>Operations applied, in revision order: true when it was this editor's own (its acknowledgement).</summary>
    public List<(AppliedOperation Applied, bool Own)> Applied { get; } = [];

    /// <summary>Open the document again: <see cref="From"/> is the revision to catch up from (null: the whole text).</summary>
    public bool Reopen { get; set; }

    public int? From { get; set; }

    /// <summary>The whole local text was replaced by the server's.</summary>
    public bool Reset { get; set; }

    /// <summary>A typed refusal (or <c>document.reset</c>) that means something is wrong.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// The live protocol of one open document without a transport: the three ot.js states, operations
/// received applied strictly in revision order (our own coming back is its acknowledgement),
/// catch-up and resubmission on every open, refusals. The same machine as
/// client/src/collab/protocol.ts; tests/fixtures/protocol/*.json are replayed against both.
/// Not thread-safe: the caller serialises calls.
/// </summary>
public sealed class DocumentProtocol(Func<string> newClientId)
{
    /// <summary>Refusals after which opening again and resubmitting can succeed.</summary>
    public static readonly IReadOnlySet<string> Transient = new HashSet<string> { "document.not-open", "document.unavailable", "request.rate-limited" };

    /// <summary>Another person owns the client id: the edit is sound, the id is not.</summary>
    private const string ClientTaken = "operation.client-taken";

    private readonly SortedDictionary<int, AppliedOperation> _pending = [];
    private CollaborationClient? _ot;
    private TextBuffer _text = new();
    private long _sequence;

    /// <summary>Identifies this editor's submissions across reconnections (for idempotent resubmission).</summary>
    public string ClientId { get; private set; } = newClientId();

    /// <summary>
    /// False for a client that does not need the text (a load generator's lurkers and appending
    /// authors): operations are still applied in order, but only the text's length is kept.
    /// </summary>
    public bool TrackText { get; set; } = true;

    public string Text => _text.ToString();

    /// <summary>The length of the local text (kept even when the text itself is not).</summary>
    public int Length { get; private set; }

    /// <summary>The last server revision applied (-1 before the first open).</summary>
    public int Revision => _ot?.Revision ?? -1;

    /// <summary>The revision the next open asks to catch up from (null: the whole text).</summary>
    public int? From => _ot?.Revision;

    public bool IsOpen { get; private set; }

    public ProtocolState State => _ot switch
    {
        { Outstanding: null } or null => ProtocolState.Synchronized,
        { Buffer: null } => ProtocolState.AwaitingAck,
        _ => ProtocolState.AwaitingAckWithBuffer,
    };

    /// <summary>Open, every local edit acknowledged, nothing received left unapplied.</summary>
    public bool IsSynchronized => IsOpen && _ot is { IsSynchronized: true } && _pending.Count == 0;

    /// <summary>Local edits the server has not acknowledged yet.</summary>
    public bool Unsaved => _ot is { IsSynchronized: false };

    /// <summary>An open is starting (or the connection dropped): nothing is sent until its answer. Returns the revision to open from.</summary>
    public int? Opening()
    {
        IsOpen = false;
        return From;
    }

    /// <summary>Forgets local edits and history: the next open takes the server's whole text.</summary>
    public void Discard()
    {
        _ot = null;
        _pending.Clear();
    }

    /// <summary>A local edit against the local text as it is.</summary>
    public ProtocolEffects Edit(TextOperation operation)
    {
        var ot = _ot ?? throw new InvalidOperationException("The document is not open.");
        if (operation.BaseLength != Length)
        {
            throw new InvalidOperationException($"The edit expects {operation.BaseLength} code units; the text has {Length}.");
        }

        if (TrackText)
        {
            _text.Apply(operation);
        }

        Length = operation.TargetLength;
        var effects = new ProtocolEffects();
        if (ot.ApplyLocal(operation) is { } send)
        {
            Submit(effects, send, ++_sequence);
        }

        return effects;
    }

    /// <summary>The answer to an open: the whole text, or the operations since the revision asked for; resubmits what is unacknowledged.</summary>
    public ProtocolEffects Opened(string? text, int revision, IReadOnlyList<AppliedOperation>? since)
    {
        var effects = new ProtocolEffects();
        if (text is not null)
        {
            if (_ot is { IsSynchronized: false })
            {
                effects.Error = "document.reset";
            }

            _text = new TextBuffer(TrackText ? text : string.Empty);
            Length = text.Length;
            _ot = new CollaborationClient(revision);
            effects.Reset = true;
        }

        var ot = _ot ?? throw new InvalidOperationException("The server sent operations to a client that has no text.");
        foreach (var applied in since ?? [])
        {
            Queue(applied);
        }

        foreach (var stale in _pending.Keys.Where(r => r <= ot.Revision).ToArray())
        {
            _pending.Remove(stale);
        }

        IsOpen = true;
        Drain(effects);
        if (effects.Send.Count == 0 && ot.Outstanding is { } outstanding)
        {
            Submit(effects, outstanding, _sequence);
        }

        return effects;
    }

    /// <summary>Operations from a <c>Changes</c> broadcast (in any order, possibly already seen).</summary>
    public ProtocolEffects Receive(IEnumerable<AppliedOperation> operations)
    {
        var effects = new ProtocolEffects();
        foreach (var applied in operations)
        {
            if (IsOpen && _pending.Count == 0 && applied.Revision == _ot!.Revision + 1)
            {
                Step(effects, applied); // the usual case: next in order, nothing waiting
            }
            else
            {
                Queue(applied);
            }
        }

        if (IsOpen)
        {
            Drain(effects);
        }

        return effects;
    }

    /// <summary>A <c>Refused(documentId, clientId, sequence, error)</c> message.</summary>
    public ProtocolEffects Refused(string clientId, long sequence, string code)
    {
        var effects = new ProtocolEffects();
        if (clientId != ClientId || sequence != _sequence || _ot is not { Outstanding: { } outstanding } ot)
        {
            return effects; // about an edit already settled (resubmitted after a reconnection and accepted)
        }

        if (Transient.Contains(code))
        {
            (effects.Reopen, effects.From) = (true, ot.Revision);
        }
        else if (code == ClientTaken)
        {
            // Nothing of it was applied: the same edit again, as this editor under an id of its own.
            ClientId = newClientId();
            Submit(effects, outstanding, _sequence);
        }
        else
        {
            // Refused for good (too large, locked, invalid): drop the local edits and take the server's text.
            effects.Error = code;
            Discard();
            (effects.Reopen, effects.From) = (true, null);
        }

        return effects;
    }

    private void Submit(ProtocolEffects effects, TextOperation operation, long sequence)
    {
        if (IsOpen)
        {
            effects.Send.Add(new Submission(_ot!.Revision, operation, ClientId, sequence));
        }
    }

    private void Queue(AppliedOperation applied)
    {
        if (_ot is null || applied.Revision > _ot.Revision)
        {
            _pending.TryAdd(applied.Revision, applied);
        }
    }

    /// <summary>Applies what arrived, in revision order.</summary>
    private void Drain(ProtocolEffects effects)
    {
        while (_pending.Remove(_ot!.Revision + 1, out var applied))
        {
            Step(effects, applied);
        }
    }

    /// <summary>Applies the next operation in revision order (the acknowledgement of our own, or someone else's).</summary>
    private void Step(ProtocolEffects effects, AppliedOperation applied)
    {
        var ot = _ot!;
        if (applied.ClientId == ClientId && ot.Outstanding is not null && applied.Sequence == _sequence)
        {
            if (ot.Acknowledge() is { } next)
            {
                Submit(effects, next, ++_sequence);
            }

            effects.Applied.Add((applied, true));
            return;
        }

        var transformed = ot.ApplyRemote(applied.Operation);
        if (TrackText)
        {
            _text.Apply(transformed);
        }

        Length = transformed.TargetLength;
        effects.Applied.Add((applied, false));
    }
}
