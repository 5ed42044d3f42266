using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workspace.Markdown.Export;

/// <summary>
/// The fixed parts of an exported .docx: the styles Word knows by name (so its navigation pane and
/// table of contents see the headings), the two list definitions, and the footnote separators.
/// </summary>
internal static class DocxParts
{
    /// <summary>Abstract numbering of bulleted lists.</summary>
    public const int BulletList = 0;

    /// <summary>Abstract numbering of numbered lists (each list gets its own instance, so each restarts).</summary>
    public const int NumberedList = 1;

    /// <summary>Levels a list definition has (Word's own maximum).</summary>
    public const int ListLevels = 9;

    public static Styles Styles()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle("Title", "Title", new StyleRunProperties(new Bold(), new FontSize { Val = "48" })),
            ParagraphStyle("ListParagraph", "List Paragraph", null),
            ParagraphStyle("Quote", "Quote", new StyleRunProperties(new Italic()),
                new StyleParagraphProperties(new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 12, Space = 8, Color = "BBBBBB" }), new Indentation { Left = "567" })),
            ParagraphStyle("Code", "Code", new StyleRunProperties(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas", ComplexScript = "Consolas" }, new FontSize { Val = "20" }),
                new StyleParagraphProperties(new Shading { Val = ShadingPatternValues.Clear, Fill = "F2F2F2" }, new SpacingBetweenLines { After = "0" })),
            ParagraphStyle("FootnoteText", "footnote text", new StyleRunProperties(new FontSize { Val = "20" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0" })),
            CharacterStyle("FootnoteReference", "footnote reference", new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript })),
            CharacterStyle("Hyperlink", "Hyperlink", new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single })),
            CharacterStyle("CodeChar", "Code Char", new StyleRunProperties(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas", ComplexScript = "Consolas" })));
        string[] sizes = ["36", "32", "28", "26", "24", "22"];
        for (var level = 1; level <= sizes.Length; level++)
        {
            styles.Append(ParagraphStyle($"Heading{level}", $"heading {level}",
                new StyleRunProperties(new Bold(), new FontSize { Val = sizes[level - 1] }),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 })));
        }

        return styles;
    }

    public static Numbering Numbering() =>
        new(
            AbstractList(BulletList, level => new Level(
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = (level % 3) switch { 0 => "•", 1 => "◦", _ => "▪" } },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = Indent(level), Hanging = "360" }))
            { LevelIndex = level }),
            AbstractList(NumberedList, level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = (level % 3) switch { 0 => NumberFormatValues.Decimal, 1 => NumberFormatValues.LowerLetter, _ => NumberFormatValues.LowerRoman } },
                new LevelText { Val = $"%{level + 1}." },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = Indent(level), Hanging = "360" }))
            { LevelIndex = level }));

    /// <summary>The separators Word expects as the first two footnotes (ids -1 and 0); notes start at 1.</summary>
    public static Footnotes Footnotes() =>
        new(
            new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });

    public static Settings Settings() =>
        new(new FootnoteDocumentWideProperties(new FootnoteSpecialReference { Id = -1 }, new FootnoteSpecialReference { Id = 0 }));

    private static AbstractNum AbstractList(int id, Func<int, Level> level)
    {
        var list = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
        for (var i = 0; i < ListLevels; i++)
        {
            list.Append(level(i));
        }

        return list;
    }

    private static string Indent(int level) => (720 + (level * 360)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Style ParagraphStyle(string id, string name, StyleRunProperties? run, StyleParagraphProperties? paragraph = null, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        if (id != "Normal")
        {
            style.InsertAfter(new BasedOn { Val = "Normal" }, style.StyleName);
        }

        AppendIfAny(style, paragraph);
        AppendIfAny(style, run);
        return style;
    }

    private static Style CharacterStyle(string id, string name, StyleRunProperties run) =>
        new(new StyleName { Val = name }, run) { Type = StyleValues.Character, StyleId = id };

    private static void AppendIfAny(Style style, OpenXmlElement? element)
    {
        if (element is not null)
        {
            style.Append(element);
        }
    }
}
