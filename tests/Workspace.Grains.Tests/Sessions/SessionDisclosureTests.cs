using System.Text.Json;
using Workspace.Contracts.Documents;
using Workspace.Contracts.Groups;
using Workspace.Contracts.Recommendations;
using Workspace.Contracts.Sessions;
using Workspace.Grains.Tests.Infrastructure;
using Workspace.Grains.Tests.Recommendations;

namespace Workspace.Grains.Tests.Sessions;

/// <summary>People in session views and minutes, as each reader may see them (the group's <c>ObserversSeeNames</c>).</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionDisclosureTests(ClusterFixture fixture)
{
    /// <summary>
    /// A live session on an observer-visible item, everyone present; the member has the floor, the second member and
    /// the observer queue, the member and the observer asked a question each.
    /// </summary>
    private async Task<SessionRoom> Busy(bool observersSeeNames)
    {
        var s = await RecommendationScenario.Create(fixture);
        if (observersSeeNames)
        {
            await s.G.SetObserversSeeNames(s.Group.Facilitator.Id, true);
        }

        var notes = await s.G.CreateDocument(s.Group.Facilitator.Id, "Public notes", DocumentVisibility.Observers);
        var summary = await s.G.CreateSession(s.Group.Facilitator.Id, new SessionPlan("Roundtable", fixture.Clock.GetUtcNow(),
            [new AgendaItemInput("Notes", AgendaTarget.Document, notes.Id, 10)]));
        var session = fixture.Grains.GetGrain<ISessionGrain>(summary.Id);
        var room = new SessionRoom(s, session);
        foreach (var (user, connection) in new[] { (room.Facilitator, "f"), (room.Member, "m"), (room.Second, "l"), (room.Observer, "o") })
        {
            await session.Join(user, connection, "node", fixture.SessionNode());
        }

        await session.Start(room.Facilitator);
        await session.AllowObserversInQueue(room.Facilitator, true);
        await session.GiveFloor(room.Facilitator, room.Member);
        await session.RaiseHand(room.Second, false);
        await session.RaiseHand(room.Observer, false);
        await session.Ask(room.Member, "Who reports to the conference?");
        await session.Ask(room.Observer, "Will the minutes be public?");
        return room;
    }

    private static IEnumerable<PersonView> People(SessionView v) =>
        v.Queue.Select(h => h.Person)
            .Concat(v.Floor is null ? [] : [v.Floor.Person])
            .Concat(v.Attendance.Select(a => a.Person))
            .Concat(v.Present.Select(p => p.Person))
            .Concat(v.Questions.Select(q => q.Author));

    [Fact]
    public async Task An_observer_of_a_group_that_hides_names_sees_organisations_and_roles_in_every_part_of_the_session()
    {
        var room = await Busy(observersSeeNames: false);

        var view = await room.Session.Get(room.Observer);

        Assert.All(People(view), p => Assert.Equal((null, null), (p.Id, p.Name)));
        Assert.Equal(
            ["Fabiola Org", "Lucia Org", "Mateo Org", "Olga Org"],
            view.Attendance.Select(a => a.Person.Organisation).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(("Mateo Org", GroupRole.Member), (view.Floor!.Person.Organisation, view.Floor.Role));
        Assert.Equal([GroupRole.Member, GroupRole.Observer], view.Queue.Select(h => h.Role).ToArray());
        Assert.Equal(GroupRole.Facilitator, view.Present[0].Role);

        // The reader still knows what is theirs, without ids.
        Assert.Equal(room.Observer, view.MyId);
        Assert.Equal([false, true], view.Queue.Select(h => h.Mine).ToArray());
        Assert.False(view.Floor.Mine);
        Assert.Equal(GroupRole.Observer, view.Present.Single(p => p.Mine).Role);
        Assert.Single(view.Attendance, a => a.Mine && a.Role == GroupRole.Observer);
        Assert.Equal(["Will the minutes be public?"], view.Questions.Where(q => q.Mine).Select(q => q.Text).ToArray());

        // Nothing in the whole view names a member or carries their id.
        var json = JsonSerializer.Serialize(view);
        foreach (var (name, id) in room.Members)
        {
            Assert.DoesNotContain(name, json.Replace($"\"{name} Org\"", "\"\"", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase); // the fixture's organisations carry the names
            Assert.DoesNotContain(id.ToString("D"), json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Members_see_names_and_ids_and_so_do_observers_when_the_group_allows_it()
    {
        var hidden = await Busy(observersSeeNames: false);
        var shown = await Busy(observersSeeNames: true);

        foreach (var view in new[] { await hidden.Session.Get(hidden.Member), await shown.Session.Get(shown.Observer) })
        {
            Assert.All(People(view), p => Assert.NotNull(p.Name));
            Assert.All(People(view), p => Assert.NotNull(p.Id));
            Assert.Equal("Mateo", view.Floor!.Person.Name);
            Assert.Equal(["Lucia", "Olga"], view.Queue.Select(h => h.Person.Name!).ToArray());
            Assert.Equal(["Fabiola", "Lucia", "Mateo", "Olga"], view.Present.Select(p => p.Person.Name!).ToArray());
            Assert.Equal(["Mateo", "Olga"], view.Questions.Select(q => q.Author.Name!).Order(StringComparer.Ordinal).ToArray());
        }

        var member = await hidden.Session.Get(hidden.Member);
        Assert.True(member.Floor!.Mine);
        Assert.Equal(["Who reports to the conference?"], member.Questions.Where(q => q.Mine).Select(q => q.Text).ToArray());
    }

    [Fact]
    public async Task Minutes_observers_may_read_list_organisations_and_roles_when_the_group_hides_names()
    {
        fixture.Clock.Set(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var room = await Busy(observersSeeNames: false);
        var question = (await room.Session.Get(room.Facilitator)).Questions.Single(q => q.AuthorRole == GroupRole.Observer);
        await room.Session.MarkQuestion(room.Facilitator, question.Id, QuestionStatus.Answered);
        var memberQuestion = (await room.Session.Get(room.Facilitator)).Questions.Single(q => q.AuthorRole == GroupRole.Member);
        await room.Session.MarkQuestion(room.Facilitator, memberQuestion.Id, QuestionStatus.Answered);

        var ended = await room.Session.End(room.Facilitator);

        var minutesId = ended.MinutesDocumentId!.Value;
        Assert.Equal(minutesId, (await room.Session.Get(room.Observer)).MinutesDocumentId);
        var text = (await fixture.Grains.GetGrain<IDocumentGrain>(minutesId).GetText(room.Observer)).Text;
        // In the group's first language, Spanish (issue 20).
        const string Expected = """
            ## Asistencia (4)

            - **Fabiola Org**: facilitador/a (desde las 09:00)
            - **Lucia Org**: miembro (desde las 09:00)
            - **Mateo Org**: miembro (desde las 09:00)
            - **Olga Org**: observador/a (desde las 09:00)
            """;
        Assert.Contains(Expected.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.Contains("- Respondida: Who reports to the conference? — formulada por Mateo Org (miembro)", text, StringComparison.Ordinal);
        Assert.Contains("- Respondida: Will the minutes be public? — formulada por Olga Org (observador/a)", text, StringComparison.Ordinal);
        Assert.Contains("- Hicieron uso de la palabra: Mateo Org (miembro)\n", text, StringComparison.Ordinal); // who had the floor, without their name
        foreach (var (name, id) in room.Members)
        {
            Assert.DoesNotContain(name, text.Replace($"{name} Org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Members_only_minutes_and_minutes_of_a_group_that_shows_names_keep_the_names()
    {
        var shown = await Busy(observersSeeNames: true);
        var ended = await shown.Session.End(shown.Facilitator);
        var text = (await fixture.Grains.GetGrain<IDocumentGrain>(ended.MinutesDocumentId!.Value).GetText(shown.Observer)).Text;
        Assert.Contains("- **Mateo Org**: Mateo (miembro, desde las ", text, StringComparison.Ordinal);

        var disclosure = Disclosure.ForReadersOf(DocumentVisibility.Members, observersSeeNames: false);
        Assert.True(disclosure.ShowsNames);
        Assert.False(Disclosure.ForReadersOf(DocumentVisibility.Observers, observersSeeNames: false).ShowsNames);
    }
}
