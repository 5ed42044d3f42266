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
    IReadOnlyList<PollResult> Polls);

/// <summary>A question of the Q&amp;A that the facilitator marked answered; <see cref="AskedBy"/> as the minutes' readers may see the asker.</summary>
public sealed record AnsweredQuestion(string Text, string AskedBy, int Upvotes);

/// <summary>Everything the minutes of one session print; only what the group's members may see.</summary>
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

    public const string NoOrganisation = "Independent";

    public static string Title(MinutesData data) => $"Minutes: {data.Title} ({data.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", Invariant)})";

    public static string Markdown(MinutesData data)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Reports.Escape(Title(data))).AppendLine();
        md.Append(Reports.Escape(data.GroupName)).Append(" · ")
            .Append(data.StartedAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm", Invariant)).Append('–')
            .Append(data.EndedAt.UtcDateTime.ToString("HH:mm", Invariant)).AppendLine(" UTC").AppendLine();

        md.Append("## Attendance (").Append(data.Attendance.Count.ToString(Invariant)).AppendLine(")").AppendLine();
        foreach (var organisation in data.Attendance
            .GroupBy(a => string.IsNullOrWhiteSpace(a.Organisation) ? NoOrganisation : a.Organisation)
            .OrderBy(g => g.Key == NoOrganisation).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            md.Append("- **").Append(Reports.Escape(organisation.Key)).Append("**: ")
                .AppendLine(string.Join(", ", organisation.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Role, StringComparer.Ordinal).ThenBy(a => a.JoinedAt)
                    .Select(a => a.Name is null
                        ? $"{a.Role} (from {a.JoinedAt.UtcDateTime.ToString("HH:mm", Invariant)})"
                        : $"{Reports.Escape(a.Name)} ({a.Role}, from {a.JoinedAt.UtcDateTime.ToString("HH:mm", Invariant)})")));
        }

        if (data.Attendance.Count == 0)
        {
            md.AppendLine("Nobody joined.");
        }

        md.AppendLine().AppendLine("## Agenda and decisions").AppendLine();
        var number = 0;
        foreach (var item in data.Agenda)
        {
            number++;
            md.Append("### ").Append(number.ToString(Invariant)).Append(". ").Append(Reports.Escape(item.Title))
                .Append(" (").Append(item.Minutes.ToString(Invariant)).AppendLine(" min)").AppendLine();
            var lines = 0;
            if (item.Recommendation is { } recommendation)
            {
                md.Append("- Recommendation: ").AppendLine(Reports.Escape(recommendation));
                lines++;
            }

            if (item.Outcome is { } outcome)
            {
                md.Append("- **Decision:** ").AppendLine(Reports.Escape(outcome));
                lines++;
            }

            foreach (var poll in item.Polls)
            {
                md.Append("- Poll").Append(poll.Closed ? string.Empty : " (left open)").Append(": ").Append(Reports.Escape(poll.Question))
                    .Append(" — agree ").Append(poll.Agree.ToString(Invariant))
                    .Append(", abstain ").Append(poll.Abstain.ToString(Invariant))
                    .Append(", disagree ").Append(poll.Disagree.ToString(Invariant))
                    .Append(", block ").AppendLine(poll.Block.ToString(Invariant));
                lines++;
            }

            if (lines == 0)
            {
                md.AppendLine("- No decision recorded.");
            }

            md.AppendLine();
        }

        if (data.Agenda.Count == 0)
        {
            md.AppendLine("The session had no agenda.").AppendLine();
        }

        md.AppendLine("## Questions answered").AppendLine();
        foreach (var q in data.Answered)
        {
            md.Append("- ").Append(Reports.Escape(q.Text)).Append(" — asked by ").Append(Reports.Escape(q.AskedBy))
                .Append(q.Upvotes > 0 ? $" (+{q.Upvotes.ToString(Invariant)})" : string.Empty).AppendLine();
        }

        if (data.Answered.Count == 0)
        {
            md.AppendLine("No question was marked answered.");
        }

        if (data.OtherQuestions > 0)
        {
            md.AppendLine().Append(data.OtherQuestions.ToString(Invariant))
                .AppendLine(data.OtherQuestions == 1 ? " other question was not answered in the session." : " other questions were not answered in the session.");
        }

        return md.ToString().TrimEnd() + "\n";
    }
}
