using Workspace.Collaboration;

namespace Workspace.Contracts.Documents;

/// <summary>How a <see cref="TextOperation"/> crosses grains and silos: its ot.js wire form.</summary>
[GenerateSerializer, Alias("Workspace.TextOperation")]
public struct TextOperationSurrogate
{
    [Id(0)] public string Json;
}

[RegisterConverter]
public sealed class TextOperationConverter : IConverter<TextOperation, TextOperationSurrogate>
{
    public TextOperation ConvertFromSurrogate(in TextOperationSurrogate surrogate) => TextOperationJson.Parse(surrogate.Json);

    public TextOperationSurrogate ConvertToSurrogate(in TextOperation value) => new() { Json = TextOperationJson.Serialize(value) };
}
