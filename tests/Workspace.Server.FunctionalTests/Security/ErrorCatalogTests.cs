using System.Globalization;
using System.Reflection;
using Workspace.Contracts.Errors;
using Workspace.Server.Localization;

namespace Workspace.Server.FunctionalTests.Security;

public sealed class ErrorCatalogTests
{
    private static readonly string[] AllCodes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("pt")]
    public void Every_error_code_has_a_message_in_every_language(string language)
    {
        var catalog = new ErrorCatalog();

        Assert.Empty(AllCodes.Except(catalog.Codes(language)));
        Assert.Empty(catalog.Codes(language).Except(AllCodes));
    }

    [Fact]
    public void Messages_are_translated_and_limits_are_filled_in()
    {
        var catalog = new ErrorCatalog();

        var en = catalog.Message(ErrorCodes.TooLong, new CultureInfo("en"), 120);
        var es = catalog.Message(ErrorCodes.TooLong, new CultureInfo("es-AR"), 120);
        var pt = catalog.Message(ErrorCodes.TooLong, new CultureInfo("pt-BR"), 120);
        var fallback = catalog.Message(ErrorCodes.TooLong, new CultureInfo("de"), 120);

        Assert.Equal("This is too long (at most 120).", en);
        Assert.Equal("Es demasiado largo (máximo 120).", es);
        Assert.Equal("É longo demais (no máximo 120).", pt);
        Assert.Equal(en, fallback);
    }
}
