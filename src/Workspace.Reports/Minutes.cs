using System.Globalization;
using System.Text;

namespace Workspace.Reports;

/// <summary>Someone who attended a session, as the minutes list them; <see cref="Name"/> is null in minutes written without names.</summary>
public sealed record Attendee(string? Name, string? Organisation, string Role, DateTimeOffset JoinedAt);

/// <summary>A poll held during a session, with its final count.</summary>
public sealed record PollResult(string Question, int Agree, int Abstain, int Disagree, int Block, bool Closed);

/// <summary>One agenda item: what it was about and what was decided on it.</summary>
public sealed record MinutesItem(
    string Title,
    int Minutes,
    string? Recommendation,
    string? Outcome,
    IReadOnlyList<PollResult> Polls,
    IReadOnlyList<Speaker>? Floor = null,
    IReadOnlyList<AnsweredQuestion>? Answered = null);

/// <summary>One turn at the floor as the minutes' readers may see it: <see cref="Name"/> is null in minutes written without names; <see cref="Role"/> is a role key.</summary>
public sealed record Speaker(string? Name, string? Organisation, string Role);

/// <summary>A question of the Q&amp;A that the facilitator marked answered; <see cref="AskedBy"/> as the minutes' readers may see the asker.</summary>
public sealed record AnsweredQuestion(string Text, string AskedBy, int Upvotes, string? Note = null);

/// <summary>
/// Everything the minutes of one session print; only what the group's members may see. <see cref="Answered"/> holds the
/// answered questions that belong to no agenda item (those marked during an item are listed under it).
/// </summary>
public sealed record MinutesData(
    string GroupName,
    string Title,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<Attendee> Attendance,
    IReadOnlyList<MinutesItem> Agenda,
    IReadOnlyList<AnsweredQuestion> Answered,
    int OtherQuestions);

/// <summary>
/// The minutes of a facilitated session as Markdown: attendance by organisation, each agenda
/// item with the decisions taken (adoptions, poll results), the questions answered. The group
/// edits them afterwards like any document, so they are plain, predictable Markdown.
/// </summary>
public static class Minutes
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The organisation of people who gave none, in the minutes' language.</summary>
    public static string Independent(Texts texts) => texts.Get("minutes.independent");

    public static string Title(MinutesData data, Presentation? presentation = null)
    {
        var p = presentation ?? Presentation.Default;
        return p.Texts.Get("minutes.title", ("title", data.Title), ("date", p.Texts.ShortDay(DateOnly.FromDateTime(p.Local(data.StartedAt).DateTime))));
    }

    /// <summary>
    /// The minutes in the presentation's language, times in its zone (printed with its name).
    /// <see cref="Attendee.Role"/> is a role key (facilitator, member, observer), printed translated.
    /// </summary>
    public static string Markdown(MinutesData data, Presentation? presentation = null)
    {
        var p = presentation ?? Presentation.Default;
        var t = p.Texts;
        var independent = Independent(t);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Reports.Escape(Title(data, p))).AppendLine();
        var started = p.Local(data.StartedAt);
        md.AppendLine(t.Get(
            "minutes.when",
            ("group", Reports.Escape(data.GroupName)),
            ("date", t.LongDay(DateOnly.FromDateTime(started.DateTime))),
            ("start", Texts.Time(started)),
            ("end", Texts.Time(p.Local(data.EndedAt))),
            ("zone", p.ZoneName))).AppendLine();

        md.Append("## ").AppendLine(t.Get("minutes.attendance", ("count", data.Attendance.Count))).AppendLine();
        foreach (var organisation in data.Attendance
            .GroupBy(a => string.IsNullOrWhiteSpace(a.Organisation) ? independent : a.Organisation)
            .OrderBy(g => g.Key == independent).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            md.Append("- **").Append(Reports.Escape(organisation.Key)).Append("**: ")
                .AppendLine(string.Join(", ", organisation.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal).ThenBy(a => a.JoinedAt)
                    .Select(a => a.Name is null
                        ? t.Get("minutes.attendeeUnnamed", ("role", t.Term("role", a.Role)), ("time", Texts.Time(p.Local(a.JoinedAt))))
                        : t.Get("minutes.attendee", ("name", Reports.Escape(a.Name)), ("role", t.Term("role", a.Role)), ("time", Texts.Time(p.Local(a.JoinedAt)))))));
        }

        if (data.Attendance.Count == 0)
        {
            md.AppendLine(t.Get("minutes.nobody"));
        }

        md.AppendLine().Append("## ").AppendLine(t.Get("minutes.agenda")).AppendLine();
        var number = 0;
        foreach (var item in data.Agenda)
        {
            number++;
            md.Append("### ").Append(number.ToString(Invariant)).Append(". ").Append(Reports.Escape(item.Title))
                .Append(" (").Append(item.Minutes.ToString(Invariant)).AppendLine(" min)").AppendLine();
            var lines = 0;
            if (item.Recommendation is { } recommendation)
            {
                md.Append("- ").Append(t.Get("minutes.recommendation")).Append(' ').AppendLine(Reports.Escape(recommendation));
                lines++;
            }

            if (item.Outcome is { } outcome)
            {
                md.Append("- **").Append(t.Get("minutes.decision")).Append("** ").AppendLine(Reports.Escape(outcome));
                lines++;
            }

            foreach (var poll in item.Polls)
            {
                // A poll without a question (the facilitator may leave it empty) prints its count only, never "Poll:  —".
                md.Append("- ").Append(t.Get(poll.Closed ? "minutes.poll" : "minutes.pollOpen")).Append(": ");
                if (!string.IsNullOrWhiteSpace(poll.Question))
                {
                    md.Append(Reports.Escape(poll.Question.Trim())).Append(" — ");
                }

                md.AppendLine(Tally(t, poll.Agree, poll.Abstain, poll.Disagree, poll.Block));
                lines++;
            }

            if (lines == 0)
            {
                md.Append("- ").AppendLine(t.Get("minutes.noDecision"));
            }

            if (item.Floor is { Count: > 0 } floor)
            {
                md.Append("- ").Append(t.Get("minutes.floor")).Append(' ')
                    .AppendLine(string.Join(", ", floor.Select(speaker => Reports.Escape(SpeakerName(t, speaker)))));
            }

            foreach (var q in item.Answered ?? [])
            {
                md.Append("- ").Append(t.Get("minutes.answeredHere")).Append(' ').AppendLine(Answer(t, q));
            }

            md.AppendLine();
        }

        if (data.Agenda.Count == 0)
        {
            md.AppendLine(t.Get("minutes.noAgenda")).AppendLine();
        }

        md.Append("## ").AppendLine(t.Get("minutes.answered")).AppendLine();
        foreach (var q in data.Answered)
        {
            md.Append("- ").AppendLine(Answer(t, q));
        }

        if (data.Answered.Count == 0)
        {
            md.AppendLine(t.Get(data.Agenda.Any(i => i.Answered is { Count: > 0 }) ? "minutes.answeredUnderItems" : "minutes.noneAnswered"));
        }

        if (data.OtherQuestions > 0)
        {
            md.AppendLine().AppendLine(t.Count("minutes.otherQuestions", data.OtherQuestions));
        }

        return md.ToString().TrimEnd() + "\n";
    }

    /// <summary>An answered question: "text — asked by who (+2) Answer: note".</summary>
    private static string Answer(Texts t, AnsweredQuestion q) =>
        Reports.Escape(q.Text) + " — " + t.Get("minutes.askedBy", ("who", Reports.Escape(q.AskedBy)))
        + (q.Upvotes > 0 ? $" (+{q.Upvotes.ToString(Invariant)})" : string.Empty)
        + (string.IsNullOrWhiteSpace(q.Note) ? string.Empty : " " + t.Get("minutes.answerNote", ("note", Reports.Escape(OneLine(q.Note)))));

    /// <summary>A note is one paragraph in a list item: its line breaks become spaces.</summary>
    private static string OneLine(string note) => string.Join(' ', note.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Who had the floor: "name (organisation)", or "organisation (role)" in minutes written without names.</summary>
    public static string SpeakerName(Texts t, Speaker speaker)
    {
        var organisation = string.IsNullOrWhiteSpace(speaker.Organisation) ? Independent(t) : speaker.Organisation;
        return speaker.Name is { } name
            ? t.Get("minutes.speaker", ("name", name), ("organisation", organisation))
            : t.Get("minutes.speakerUnnamed", ("organisation", organisation), ("role", t.Term("role", speaker.Role)));
    }

    /// <summary>A poll's count: "agree 2, abstain 0, disagree 0, block 1".</summary>
    public static string Tally(Texts texts, int agree, int abstain, int disagree, int block) =>
        texts.Get("minutes.tally", ("agree", agree), ("abstain", abstain), ("disagree", disagree), ("block", block));

    /// <summary>What a session decided on a recommendation: adopted (by a poll, with its count), in the minutes' language.</summary>
    public static string Adopted(Texts texts, (int Agree, int Abstain, int Disagree, int Block)? poll) =>
        poll is { } p ? texts.Get("minutes.adoptedByPoll", ("tally", Tally(texts, p.Agree, p.Abstain, p.Disagree, p.Block))) : texts.Get("minutes.adopted");

    /// <summary>A recommendation moved to another status during the session; <paramref name="status"/> is the status key (under-discussion, …).</summary>
    public static string StatusChanged(Texts texts, string status) => texts.Get("minutes.statusChanged", ("status", texts.Term("rec.status", status)));
}
