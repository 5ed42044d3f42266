using MessagePack;
using MessagePack.Formatters;
using Workspace.Collaboration;

namespace Workspace.LiveProtocol;

/// <summary>An ot.js operation as a MessagePack array, the shape it has in JSON: retain n, delete -n, insert "text".</summary>
internal sealed class TextOperationMessagePackFormatter : IMessagePackFormatter<TextOperation>
{
    public void Serialize(ref MessagePackWriter writer, TextOperation value, MessagePackSerializerOptions options)
    {
        writer.WriteArrayHeader(value.Components.Count);
        foreach (var component in value.Components)
        {
            switch (component.Kind)
            {
                case ComponentKind.Retain:
                    writer.Write(component.Count);
                    break;
                case ComponentKind.Delete:
                    writer.Write(-component.Count);
                    break;
                default:
                    writer.Write(component.Text);
                    break;
            }
        }
    }

    public TextOperation Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        DocumentChangesMessagePackFormatter.ReadTextOperation(ref reader);
}
