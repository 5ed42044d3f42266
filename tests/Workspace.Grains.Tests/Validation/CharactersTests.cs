using Workspace.Contracts.Errors;
using Workspace.Grains.Validation;

namespace Workspace.Grains.Tests.Validation;

/// <summary>The one rule for characters in text fields, without a cluster.</summary>
public sealed class CharactersTests
{
    public static TheoryData<string> RefusedEverywhere => new()
    {
        "\u0000", "\u0007", "\u001B", "\u001F", "\u007F", "\u0080", "\u0085", "\u009B", "\u009F",
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
    };

    [Theory]
    [MemberData(nameof(RefusedEverywhere))]
    public void Control_characters_and_bidi_overrides_are_refused_in_every_field(string c)
    {
        Assert.False(Characters.IsSingleLine($"Invoice{c}fdp.exe"));
        Assert.False(Characters.IsMultiLine($"First line\n{c}second"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\t")]
    [InlineData("\u2028")]
    public void Line_breaks_and_tabs_belong_to_multi_line_fields_only(string c)
    {
        Assert.False(Characters.IsSingleLine($"Title{c}more"));
        Assert.True(Characters.IsMultiLine($"- item{c}- item"));
    }

    [Theory]
    [InlineData("Transparencia Mexicana")]
    [InlineData("شفافية\u200F 2026")] // a right-to-left mark: it orders the number, it overrides nothing
    [InlineData("Ação Cívica — 🛡️ São Paulo")]
    [InlineData("")]
    public void Ordinary_text_in_any_script_is_accepted(string value)
    {
        Assert.True(Characters.IsSingleLine(value));
        Assert.True(Characters.IsMultiLine(value));
    }

    [Fact]
    public void The_validator_gives_a_field_error_with_its_own_code()
    {
        var refused = Assert.Throws<WorkspaceException>(() => new Validator()
            .Line("name", "Evil\u202Eexe", 100)
            .Text("description", "Fine\n\ttext", 100)
            .Text("note", "Bell\u0007", 100)
            .Lines("addressees", ["Ministry", "Court\u0000"])
            .ThrowIfInvalid());

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Equal(
            [("addressees", ErrorCodes.InvalidCharacters), ("name", ErrorCodes.InvalidCharacters), ("note", ErrorCodes.InvalidCharacters)],
            refused.FieldErrors.Select(e => (e.Field, e.Code)).OrderBy(e => e.Field).ToArray());
    }
}
