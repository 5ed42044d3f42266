using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Validation;
using Workspace.Reports;

namespace Workspace.Grains.Sessions;

/// <summary>The minutes written when a session ends: a document of the group, co-edited afterwards like any other.</summary>
public sealed partial class SessionGrain
{
    /// <summary>
    /// Writes the minutes as the facilitator who ended the session. They are visible to observers
    /// only when everything on the agenda is; otherwise members-only. One text serves all their readers,
    /// so people appear in it as its least-privileged reader may see them: minutes observers may read,
    /// in a group that hides names from observers, list organisations and roles only.
    /// </summary>
    private async Task<Guid> WriteMinutes(GroupMemberAccess actor)
    {
        var group = await Group.Get(actor.UserId);

        // Written in the group's first language (en, es or pt; else English), times in UTC (groups have no time zone), printed as such.
        var texts = Texts.ForGroup(group.Details.Languages);
        var presentation = new Presentation(texts, TimeZoneInfo.Utc);
        var visible = await AgendaVisibleToObservers();
        var visibility = visible.All(v => v) ? DocumentVisibility.Observers : DocumentVisibility.Members;
        var disclosure = Disclosure.ForReadersOf(visibility, actor.ObserversSeeNames);
        // Attendees and speakers appear under their organisation's current name (a merged one's survivor); the text typed when there is none.
        var organisations = await Organisations.SpeakingFor.Names(
            GrainFactory, S.Attendance.Values.Select(a => a.OrganisationId).Concat(S.Turns.Select(t => t.OrganisationId)));
        string? NameOf(Guid? organisationId, Recommendations.Person person) =>
            organisationId is { } id && organisations.TryGetValue(id, out var o) ? o.Name : person.Organisation;
        string? OrganisationOf(AttendanceRecord a) => NameOf(a.OrganisationId, a.Person);
        var answered = S.Questions.Where(q => q.Status == QuestionStatus.Answered).OrderBy(q => q.At).ToArray();
        AnsweredQuestion Answer(QuestionRecord q) => new(q.Text, AskedBy(q, disclosure, texts), q.Upvoters.Count, q.AnswerNote);
        var items = new List<MinutesItem>();
        foreach (var (item, index) in S.Agenda.Select((item, index) => (item, index)))
        {
            var polls = S.Polls.Where(p => p.Item == index && p.FinalTally is not null)
                .Select(p => new PollResult(p.Question, p.FinalTally!.Agree, p.FinalTally.Abstain, p.FinalTally.Disagree, p.FinalTally.Block, true))
                .ToArray();
            string? recommendation = null, outcome = null;
            if (item.Target == AgendaTarget.Recommendation)
            {
                var thread = await Recommendation(item.TargetId).Get(actor.UserId);
                recommendation = thread.Summary.Facts.Title;
                outcome = Outcome(thread, texts);
            }

            // Who had the floor during the item, in order (a second turn is listed again), as the minutes' readers may see them.
            var floor = S.Turns.Where(t => t.Item == index)
                .Select(t => new Speaker(P(t.Person, disclosure).Name, NameOf(t.OrganisationId, t.Person), Role(t.Role))).ToArray();
            items.Add(new MinutesItem(item.Title, item.Minutes, recommendation, outcome, polls, floor,
                answered.Where(q => q.AnsweredDuring == index).Select(Answer).ToArray()));
        }

        var data = new MinutesData(
            group.Details.Name,
            S.Title,
            S.StartedAt ?? clock.GetUtcNow(),
            S.EndedAt ?? clock.GetUtcNow(),
            S.Attendance.Values.OrderBy(a => a.JoinedAt)
                .Select(a => new Attendee(P(a.Person, disclosure).Name, OrganisationOf(a), Role(a.Role), a.JoinedAt)).ToArray(),
            items,
            answered.Where(q => q.AnsweredDuring is not { } i || i < 0 || i >= S.Agenda.Count).Select(Answer).ToArray(),
            S.Questions.Count(q => q.Status != QuestionStatus.Answered));

        var title = Minutes.Title(data, presentation);
        var document = await Group.CreateDocument(
            actor.UserId,
            title.Length <= Limits.DocumentTitleMax ? title : title[..Limits.DocumentTitleMax],
            visibility);
        await GrainFactory.GetGrain<IDocumentGrain>(document.Id).Seed(actor.UserId, Minutes.Markdown(data, presentation));
        return document.Id;
    }

    /// <summary>What the session decided on a thread: an adoption or a status reached while it ran.</summary>
    private string? Outcome(RecommendationView thread, Texts texts)
    {
        var since = S.StartedAt ?? DateTimeOffset.MinValue;
        if (thread.Adoption is { } adoption && adoption.At >= since)
        {
            return Minutes.Adopted(texts, adoption.Poll is { } p ? (p.Agree, p.Abstain, p.Disagree, p.Block) : null);
        }

        var moved = thread.Transitions.LastOrDefault(t => t.At >= since);
        return moved is null ? null : Minutes.StatusChanged(texts, Status(moved.To));
    }

    /// <summary>Who asked, as the minutes' readers may see them: name and organisation, or organisation and role.</summary>
    private static string AskedBy(QuestionRecord q, Disclosure disclosure, Texts texts)
    {
        var organisation = string.IsNullOrWhiteSpace(q.Author.Organisation) ? null : q.Author.Organisation;
        if (P(q.Author, disclosure).Name is not { } name)
        {
            return $"{organisation ?? Minutes.Independent(texts)} ({texts.Term("role", Role(q.AuthorRole))})";
        }

        return q.AuthorRole == GroupRole.Observer
            ? $"{name}, {organisation ?? Minutes.Independent(texts)} ({texts.Term("role", "observer")})"
            : organisation is null ? name : $"{name}, {organisation}";
    }

    private static string Role(GroupRole role) => role switch
    {
        GroupRole.Facilitator => "facilitator",
        GroupRole.Observer => "observer",
        _ => "member",
    };

    /// <summary>A status's key in the minutes' catalogues (under-discussion, …).</summary>
    private static string Status(RecommendationStatus status) => status switch
    {
        RecommendationStatus.UnderDiscussion => "under-discussion",
        RecommendationStatus.ProposedForAdoption => "proposed-for-adoption",
        _ => status.ToString().ToLowerInvariant(),
    };
}
