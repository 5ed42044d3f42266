using Workspace.Collaboration;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Errors;
using Workspace.Contracts.Groups;

namespace Workspace.Grains.Documents;

/// <summary>
/// The document's past: revisions, texts at a revision, authorship, restores, and the ranges and
/// amendments recommendations pin to a revision. Operations no longer kept by the engine are read
/// from history chunks (one grain per chunk).
/// </summary>
public sealed partial class DocumentGrain
{
    public async Task<IReadOnlyList<RevisionEntry>> GetRevisions(Guid userId, int? before, int count)
    {
        await HistoryReader(userId);
        var end = Math.Min(before ?? _engine.Revision + 1, _engine.Revision + 1) - 1;
        count = Math.Clamp(count, 1, 500);
        var start = Math.Max(1, end - count + 1);
        if (end < 1)
        {
            return [];
        }

        var operations = await OperationsBetween(start - 1, end);
        return operations.Select(o => new RevisionEntry(o.Revision, o.At, o.AuthorId)).Reverse().ToArray();
    }

    public async Task<HistoryPage> GetHistory(Guid userId, int? before, int count)
    {
        await HistoryReader(userId);
        var end = Math.Min(before ?? _engine.Revision + 1, _engine.Revision + 1) - 1;
        var page = await EditingSessions.Page(end, Math.Clamp(count, 1, 100),
            async (from, to) => (await OperationsBetween(from, to)).Select(RevisionStat.Of).ToArray(),
            EditingSessions.Gap);
        return new HistoryPage(
            page.Sessions.Select(s => new HistoryGroup(s.FirstRevision, s.LastRevision, s.Start, s.End, s.Authors, s.Added, s.Removed, s.RestoredFrom)).ToArray(),
            page.Before);
    }

    public async Task<RevisionText> GetRevision(Guid userId, int revision)
    {
        await HistoryReader(userId);
        return new RevisionText(revision, await TextAt(revision));
    }

    public async Task<IReadOnlyList<AuthorRun>> GetAuthorship(Guid userId)
    {
        await HistoryReader(userId);
        return _engine.Authorship.Select(r => new AuthorRun(r.Length, r.AuthorId)).ToArray();
    }

    public async Task<int> Restore(Guid userId, int revision)
    {
        RequireHealthy();
        var access = await HistoryReader(userId);
        if (!access.Summary.Editable(access.Role))
        {
            throw Groups.GroupPolicy.EditRefusal(access.Summary, access.Role);
        }

        var target = await TextAt(revision);
        RequireHealthy();
        var operation = TextDiff.Between(_engine.Text, target);
        return operation.IsNoop ? _engine.Revision : await ApplyOwn(operation, userId, RevisionStat.RestoreClientId, revision);
    }

    public async Task<string> ReadRange(RangeAt range) => (await ReadAround(range, 0)).Text;

    public async Task<RangeText> ReadAround(RangeAt range, int reach)
    {
        RequireLive();
        var text = await TextAt(range.Revision);
        if (!(range.From >= 0 && range.From <= range.To && range.To <= text.Length && !TextOperation.SplitsPair(text, range.From) && !TextOperation.SplitsPair(text, range.To)))
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.AmendmentRangeInvalid, [new FieldError("range", ErrorCodes.AmendmentRangeInvalid)]);
        }

        var (start, end) = (Math.Max(0, range.From - Math.Max(0, reach)), Math.Min(text.Length, range.To + Math.Max(0, reach)));
        start += TextOperation.SplitsPair(text, start) ? 1 : 0; // never half of a character
        end -= TextOperation.SplitsPair(text, end) ? 1 : 0;
        return new RangeText(text[start..range.From], text[range.From..range.To], text[range.To..end]);
    }

    public async Task<IReadOnlyList<MappedRange>> MapRanges(IReadOnlyList<RangeAt> ranges)
    {
        RequireLive();
        var result = new MappedRange[ranges.Count];
        foreach (var group in ranges.Select((r, i) => (Range: r, Index: i)).GroupBy(r => r.Range.Revision))
        {
            RequireRevision(group.Key);
            var now = await OperationsUpToNow(group.Key);
            foreach (var (range, index) in group)
            {
                result[index] = Map(range, now);
            }
        }

        return result;
    }

    public async Task<int> ApplyAmendment(Guid amendmentId, Guid authorId, RangeAt range, string replacement)
    {
        RequireHealthy();
        var clientId = $"amendment-{amendmentId:N}";
        if (_engine.Client(clientId) is { } mark)
        {
            // Accepted before (the recommendation is retrying after a failure): applied once only.
            await _commit.CommitThrough(mark.Revision);
            return mark.Revision;
        }

        RequireRevision(range.Revision);
        var now = await OperationsUpToNow(range.Revision);
        RequireHealthy();
        var mapped = Map(range, now);
        if (mapped.Touched)
        {
            throw WorkspaceException.Conflict(ErrorCodes.AmendmentOutdated);
        }

        var operation = TextOperation.Builder()
            .Retain(mapped.From)
            .Insert(replacement)
            .Delete(mapped.To - mapped.From)
            .Retain(_engine.Length - mapped.To)
            .Build();
        return await ApplyOwn(operation, authorId, clientId, 1);
    }

    public async Task Seed(Guid authorId, string text)
    {
        RequireHealthy();
        if (_engine.Revision > 0 || text.Length == 0)
        {
            return;
        }

        await ApplyOwn(TextOperation.Builder().Insert(text).Build(), authorId, "seed", 1);
    }

    /// <summary>Applies the document's own edit (already based on the current text) and waits until it is durable.</summary>
    private async Task<int> ApplyOwn(TextOperation operation, Guid author, string clientId, long sequence)
    {
        var outcome = _engine.Apply(operation, clientId, sequence, author, clock.GetUtcNow());
        if (outcome is not SubmitOutcome.Applied applied)
        {
            throw Refuse(outcome is SubmitOutcome.Refused refused ? refused.Reason : Refusal.Misfit);
        }

        Applied(applied.Edit);
        await _commit.Commit();
        return applied.Edit.Revision;
    }

    private static MappedRange Map(RangeAt range, IReadOnlyList<AppliedEdit> since)
    {
        var (from, to, touched) = (range.From, range.To, false);
        try
        {
            foreach (var applied in since)
            {
                var next = applied.Operation.MapRange(from, to);
                (from, to, touched) = (next.From, next.To, touched || next.Touched);
            }
        }
        catch (OperationException)
        {
            throw new WorkspaceException(ErrorKind.Validation, ErrorCodes.AmendmentRangeInvalid, [new FieldError("range", ErrorCodes.AmendmentRangeInvalid)]);
        }

        return new MappedRange(from, to, touched);
    }

    private void RequireRevision(int revision)
    {
        if (revision < 0 || revision > _engine.Revision)
        {
            throw WorkspaceException.NotFound(ErrorCodes.RevisionNotFound);
        }
    }

    /// <summary>The operations after <paramref name="baseRevision"/>, read from history as far as the engine no longer keeps them.</summary>
    private async Task<IReadOnlyList<AppliedEdit>> OperationsSince(int baseRevision) =>
        _engine.Since(baseRevision) ?? await OperationsBetween(baseRevision, _engine.OldestKept);

    /// <summary>All operations after <paramref name="baseRevision"/> up to now; call right before a synchronous stretch that uses them.</summary>
    private async Task<IReadOnlyList<AppliedEdit>> OperationsUpToNow(int baseRevision)
    {
        var gathered = await OperationsSince(baseRevision);

        // The operations in between may have left memory while this call waited: the client reopens and retries.
        return _engine.UpToNow(baseRevision, gathered) ?? throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);
    }

    /// <summary>Operations with revisions in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    private async Task<IReadOnlyList<AppliedEdit>> OperationsBetween(int from, int to)
    {
        var result = new List<AppliedEdit>(Math.Max(0, to - from));
        var revision = from;
        while (revision < to && revision < _engine.OldestKept)
        {
            var chunk = await Chunk(revision / _options.ChunkSize);
            result.AddRange(chunk.Operations.Where(o => o.Revision > revision && o.Revision <= to).Select(EditConversions.ToEdit));
            revision = chunk.StartRevision + chunk.Operations.Count;
        }

        if (revision < to && _engine.Since(Math.Max(revision, _engine.OldestKept)) is { } kept)
        {
            result.AddRange(kept.Where(o => o.Revision > revision && o.Revision <= to));
        }

        return result;
    }

    private async Task<string> TextAt(int revision)
    {
        RequireRevision(revision);
        if (revision == _engine.Revision)
        {
            return _engine.Text;
        }

        var chunkStart = _engine.ChunkStart;
        var (start, text) = revision >= chunkStart
            ? (chunkStart, _engine.ChunkStartText)
            : await ChunkText(revision / _options.ChunkSize);
        foreach (var applied in await OperationsBetween(start, revision))
        {
            text = applied.Operation.Apply(text);
        }

        return text;
    }

    private async Task<(int Start, string Text)> ChunkText(int index)
    {
        var chunk = await Chunk(index);
        return (chunk.StartRevision, chunk.StartText);
    }

    private async Task<HistoryChunk> Chunk(int index) =>
        await GrainFactory.GetGrain<IDocumentHistoryGrain>(DocumentHistoryGrain.Key(DocumentId, index)).Load()
        ?? throw new WorkspaceException(ErrorKind.Conflict, ErrorCodes.RevisionTooOld);

    /// <summary>History and authorship are for those who write the document, not for observers.</summary>
    private async Task<DocumentAccess> HistoryReader(Guid userId)
    {
        var access = await Reader(userId);
        return access.Role >= GroupRole.Member ? access : throw WorkspaceException.Forbidden(ErrorCodes.DocumentReadOnly);
    }
}
