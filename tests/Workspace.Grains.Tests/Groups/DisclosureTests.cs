using Workspace.Contracts.Groups;

namespace Workspace.Grains.Tests.Groups;

/// <summary>The one rule for how a group's people appear to a reader.</summary>
public sealed class DisclosureTests
{
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Document = Guid.NewGuid();

    [Theory]
    [InlineData(GroupRole.Facilitator, false, true)]
    [InlineData(GroupRole.Member, false, true)]
    [InlineData(GroupRole.Observer, false, false)]
    [InlineData(GroupRole.Observer, true, true)]
    public void Observers_see_names_only_when_the_group_allows(GroupRole reader, bool setting, bool names)
    {
        var disclosure = new Disclosure(reader, setting);

        var seen = disclosure.Person(Person, "Ana Ruiz", "Transparencia Mexicana");

        Assert.Equal(names, disclosure.ShowsNames);
        Assert.Equal(names ? "Ana Ruiz" : null, seen.Name);
        Assert.Equal(names ? Person : null, seen.Id);
        Assert.Equal("Transparencia Mexicana", seen.Organisation);
        Assert.Equal(names ? Person : Disclosure.Pseudonym(Document, Person), disclosure.Id(Document, Person));
        Assert.Equal(names ? "Ana Ruiz" : "", disclosure.Name("Ana Ruiz"));
    }

    [Fact]
    public void A_pseudonym_is_stable_in_its_scope_and_unlinkable_across_scopes()
    {
        var hidden = new Disclosure(GroupRole.Observer, false);
        var other = Guid.NewGuid();

        Assert.Equal(hidden.Id(Document, Person), hidden.Id(Document, Person));
        Assert.NotEqual(Person, hidden.Id(Document, Person));
        Assert.NotEqual(hidden.Id(Document, Person), hidden.Id(Guid.NewGuid(), Person));
        Assert.NotEqual(hidden.Id(Document, Person), hidden.Id(Document, other));
        Assert.Equal(Guid.Empty, hidden.Id(Document, Guid.Empty)); // "nobody" (seeds, system text) stays nobody
        Assert.DoesNotContain(Person.ToString("N")[..8], hidden.Id(Document, Person).ToString("N"), StringComparison.OrdinalIgnoreCase);
    }
}
