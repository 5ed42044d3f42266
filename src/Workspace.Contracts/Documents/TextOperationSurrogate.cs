using Workspace.Collaboration;

namespace Workspace.Contracts.Documents;

/// <summary>
/// How a <see cref="TextOperation"/> crosses grains and silos and is stored: its steps as numbers
/// (positive retains, negative deletes, zero takes the next inserted text) and the inserted texts.
/// Cheap to write — a document's state carries about a thousand of them. State written before
/// this form (the ot.js JSON in <see cref="Json"/>) is still read.
/// </summary>
[GenerateSerializer, Alias("Workspace.TextOperation")]
public struct TextOperationSurrogate
{
    [Id(0)] public string? Json;
    [Id(1)] public int[]? Steps;
    [Id(2)] public string[]? Inserts;
}

[RegisterConverter]
public sealed class TextOperationConverter : IConverter<TextOperation, TextOperationSurrogate>
{
    public TextOperation ConvertFromSurrogate(in TextOperationSurrogate surrogate)
    {
        if (surrogate.Json is { } json)
        {
            return TextOperationJson.Parse(json);
        }

        var builder = TextOperation.Builder();
        var inserts = surrogate.Inserts ?? [];
        var next = 0;
        foreach (var step in surrogate.Steps ?? [])
        {
            if (step > 0)
            {
                builder.Retain(step);
            }
            else if (step < 0)
            {
                builder.Delete(-step);
            }
            else
            {
                builder.Insert(inserts[next++]);
            }
        }

        return builder.Build();
    }

    public TextOperationSurrogate ConvertToSurrogate(in TextOperation value)
    {
        var components = value.Components;
        var steps = new int[components.Count];
        var inserts = new List<string>();
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            switch (component.Kind)
            {
                case ComponentKind.Retain:
                    steps[i] = component.Count;
                    break;
                case ComponentKind.Delete:
                    steps[i] = -component.Count;
                    break;
                default:
                    inserts.Add(component.Text);
                    break;
            }
        }

        return new TextOperationSurrogate { Steps = steps, Inserts = [.. inserts] };
    }
}
