using Workspace.Grains.Organisations;

namespace Workspace.Grains.Tests.Organisations;

/// <summary>Names that people would call the same organisation fold to one key; different ones do not.</summary>
public sealed class NameFoldTests
{
    [Theory]
    [InlineData("ORG MEMBER")]
    [InlineData("org member")]
    [InlineData("Órg Mêmber")]
    [InlineData("  Org   Member ")]
    [InlineData("Org-Member")]
    [InlineData("Org Member.")]
    public void Spellings_of_one_name_fold_alike(string spelling) => Assert.Equal("org member", NameFold.Fold(spelling));

    [Fact]
    public void Accents_cedillas_and_tildes_fold_to_their_letters() =>
        Assert.Equal("fundacao transparencia nino", NameFold.Fold("Fundação Transparência Niño"));

    [Theory]
    [InlineData("Org Member", "Org Members")]
    [InlineData("Transparencia", "Transparência Brasil")]
    public void Different_names_stay_different(string a, string b) => Assert.NotEqual(NameFold.Fold(a), NameFold.Fold(b));

    [Fact]
    public void Nothing_folds_to_nothing()
    {
        Assert.Equal(string.Empty, NameFold.Fold(null));
        Assert.Equal(string.Empty, NameFold.Fold(" \t-. "));
    }
}
