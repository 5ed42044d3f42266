using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Serialization;
using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Documents;

/// <summary>
/// The single authority for one document: a shell around <see cref="DocumentEngine"/> that
/// authorises, calls the engine, persists (<see cref="GroupCommit{T}"/>) and publishes.
/// Reentrant so that edits keep being applied while a write is in flight: that write's successor
/// carries everything applied meanwhile, and each edit is acknowledged only once the write
/// carrying it has completed. Sessions and presence are ephemeral: they live here, in memory,
/// never in storage. Placed on the node of whoever opens it first: that node's editors reach it
/// without a hop, and after a node dies it comes back on the node of the first editor to return.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed partial class DocumentGrain(
    [PersistentState("document", StorageNames.Default)] IPersistentState<DocumentState> state,
    IOptions<DocumentOptions> options,
    TimeProvider clock,
    Serializer serializer,
    ILogger<DocumentGrain> logger,
    IOptions<Live.NodeOptions> nodeOptions,
    IDocumentJournal? journal = null,
    Telemetry.WorkspaceMetrics? metrics = null,
    IClusterMembershipService? membership = null) : Grain, IDocumentGrain
{
    private readonly IDocumentJournal _journal = journal ?? NoDocumentJournal.Instance;
    private readonly DocumentOptions _options = options.Value;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Outbox _outbox = new(clock);

    /// <summary>This activation, as readers tell it from an earlier one (see <see cref="OpenedDocument.Epoch"/>).</summary>
    private readonly string _epoch = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
    private DocumentEngine _engine = null!;
    private GroupCommit<AppliedEdit> _commit = null!;
    private bool _counted;

    private DocumentState S => state.State;

    private Guid DocumentId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _engine = new DocumentEngine(S.ToSnapshot(), _options.EngineLimits());
        _commit = new GroupCommit<AppliedEdit>(Write, WriteFailed, _engine.Revision);
        if (S.Summary is not null && !S.Deleted && await Replay(cancellationToken))
        {
            // Fold what the journal held into the stored state, so the journal stays short.
            _stateChanged = true;
            await _commit.Commit();
        }

        KeepObserversBoundary();

        // Frequent enough to notice a dead node within seconds; cheap (a look at memory).
        var sweep = nodeOptions.Value.SweepEvery;
        this.RegisterGrainTimer(_ => SweepNodes(), new GrainTimerCreationOptions(sweep, sweep) { Interleave = true, KeepAlive = false });
        metrics?.DocumentActivated();
        _counted = true;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_counted)
        {
            metrics?.DocumentDeactivated();
        }

        return Task.CompletedTask;
    }

    public async Task Initialise(DocumentSummary summary)
    {
        if (S.Summary is not null || S.Deleted)
        {
            throw WorkspaceException.Conflict(ErrorCodes.GroupAlreadyExists);
        }

        MarkVisibility(null, summary);
        S.Summary = summary;
        _stateChanged = true;
        await _commit.Commit();
    }

    public async Task SummaryChanged(DocumentSummary? summary)
    {
        _groupChanges++;
        if (S.Summary is null)
        {
            return;
        }

        if (summary is null)
        {
            await Delete();
            return;
        }

        MarkVisibility(S.Summary, summary);
        S.Summary = summary;
        foreach (var session in _sessions.Values.ToArray())
        {
            Recheck(session, session.Participant.Role);
        }

        _outbox.Summary = summary;
        _stateChanged = true;
        await _commit.Commit();
        Flush();
    }

    public async Task MemberChanged(Guid userId, GroupRole? role)
    {
        _groupChanges++;
        var sessions = _sessions.Values.Where(s => s.UserId == userId).ToArray();
        if (sessions.Length == 0 || S.Summary is null)
        {
            return;
        }

        foreach (var session in sessions)
        {
            if (role is null)
            {
                // An administrator keeps access without membership; anyone else is out, now.
                var profile = await GrainFactory.GetGrain<Contracts.Accounts.IUserGrain>(userId).GetProfile();
                if (profile is { IsAdmin: true })
                {
                    continue;
                }

                CloseSession(session, ClosedReason.Removed);
            }
            else
            {
                Recheck(session, role.Value);
            }
        }

        Flush();
    }

    public async Task<OpenedDocument> Open(OpenRequest request)
    {
        RequireHealthy();
        var (access, since) = await ReadAccess(request);
        var disclosure = access.Disclosure;

        // From here to the snapshot, nothing interleaves: the reader gets one consistent revision,
        // and every later operation reaches it through its node's subscription.
        var summary = RequireLive();
        if (!summary.Readable(access.Role))
        {
            throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound); // made members-only while the group answered
        }

        IReadOnlyList<AppliedEdit>? catchUp = null;
        if (since is not null && disclosure.CatchUpFrom(request.SinceRevision!.Value, ObserversFrom))
        {
            // Visibility may have changed meanwhile: an observer never catches up from behind it.
            catchUp = _engine.UpToNow(request.SinceRevision!.Value, since) ?? throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);
        }

        var session = OpenSession(request, access, summary.Editable(access.Role));
        var opened = disclosure.Opened(new OpenedDocument(
            summary,
            catchUp is null ? _engine.Text : null,
            _engine.Revision,
            catchUp?.Select(EditConversions.ToContract).ToArray(),
            access.Role,
            session.CanEdit,
            session.Participant.SessionId,
            _sessions.Values.Select(s => s.Participant).ToArray(),
            _options.MaxLength)
        {
            Departed = _outbox.RecentlyDeparted(),
            Epoch = _epoch,
        });

        // Nobody is shown text that could still be lost: wait for the write carrying it.
        await _commit.CommitThrough(opened.Revision);
        return opened;
    }

    public async Task<int> Submit(Submission submission)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var revision = await Accept(submission);
        metrics?.Acknowledged(receivedAt);
        return revision;
    }

    private async Task<int> Accept(Submission submission)
    {
        // Not open here gives one answer, whether or not the document exists.
        var session = RequireSession(submission.ConnectionId, submission.UserId);
        RequireHealthy();
        RequireEditor(session);
        await BindStoredClient(submission.ClientId, submission.UserId);

        // Operations no longer kept in memory are read from history first (the engine is synchronous).
        var history = submission.BaseRevision >= 0 && submission.BaseRevision < _engine.OldestKept
            && _engine.Revision - submission.BaseRevision <= _options.MaxCatchUp
            && _engine.Acknowledged(submission.ClientId, submission.Sequence) is null
                ? await OperationsBetween(submission.BaseRevision, _engine.OldestKept)
                : [];

        // Everything from here on is synchronous. The checks are repeated because the reader may have been removed while history loaded.
        RequireHealthy();
        RequireEditor(RequireSession(submission.ConnectionId, submission.UserId));
        var edit = new EditSubmission(submission.BaseRevision, submission.Operation, submission.ClientId, submission.Sequence, submission.UserId);
        switch (_engine.Submit(edit, history, clock.GetUtcNow()))
        {
            case SubmitOutcome.AlreadyApplied earlier:
                await _commit.CommitThrough(earlier.Revision);
                return earlier.Revision;
            case SubmitOutcome.Applied applied:
                Applied(applied.Edit);
                await _commit.Commit();
                return applied.Edit.Revision;
            case SubmitOutcome.Refused refused:
                throw Refuse(refused.Reason);
            default:
                throw new InvalidOperationException("An outcome the engine does not give.");
        }
    }

    public async Task<DocumentSummary> GetSummary(Guid userId)
    {
        var access = await Reader(userId);
        return access.Disclosure.Summary(access.Summary);
    }

    public async Task<RevisionText> GetText(Guid userId)
    {
        await Reader(userId);
        var last = _engine.Revision > 0 ? _engine.Since(_engine.Revision - 1) : null;
        return new RevisionText(_engine.Revision, _engine.Text) { ChangedAt = last is [var edit] ? edit.At : null };
    }

    /// <summary>An operation the engine applied: the next write carries it, and the readers' cursors follow it.</summary>
    private void Applied(AppliedEdit edit)
    {
        _commit.Add(edit, edit.Revision);
        metrics?.OperationApplied();
        MoveCursors(edit.Operation);
    }

    /// <summary>The typed error for a refusal (nothing changed).</summary>
    private WorkspaceException Refuse(Refusal reason) => reason switch
    {
        Refusal.ClientTaken => WorkspaceException.Conflict(ErrorCodes.OperationClientTaken),
        Refusal.FutureBase => new WorkspaceException(ErrorKind.Validation, ErrorCodes.RevisionFuture),
        Refusal.StaleBase => new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld),
        Refusal.TooLong => new WorkspaceException(ErrorKind.Validation, ErrorCodes.DocumentTooLarge, [new FieldError("operation", ErrorCodes.DocumentTooLarge, _options.MaxLength)]),
        _ => new WorkspaceException(ErrorKind.Validation, ErrorCodes.OperationInvalid),
    };

    private async Task<DocumentAccess> Reader(Guid userId) => await Group(RequireLive()).GetDocumentAccess(userId, DocumentId);

    private DocumentSummary RequireLive() =>
        S.Summary is { } summary && !S.Deleted ? summary : throw WorkspaceException.NotFound(ErrorCodes.DocumentNotFound);

    private void RequireHealthy()
    {
        RequireLive();
        if (_commit.Failed)
        {
            throw new WorkspaceException(ErrorKind.Unavailable, ErrorCodes.DocumentUnavailable);
        }
    }

    private IWorkingGroupGrain Group(DocumentSummary summary) => GrainFactory.GetGrain<IWorkingGroupGrain>(summary.GroupId);
}
