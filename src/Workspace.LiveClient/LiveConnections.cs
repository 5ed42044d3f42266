using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using MessagePack;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workspace.Collaboration;
using Workspace.LiveProtocol;

namespace Workspace.LiveClient;

/// <summary>Which hub protocol a connection speaks: both carry the same shapes.</summary>
public enum LiveFormat
{
    Json,
    MessagePack,
}

/// <summary>Builds hub connections that speak the server's JSON (kebab-case enums, ot.js operations).</summary>
public static class LiveConnections
{
    /// <summary>The live hub: documents, group watches and sessions on one connection.</summary>
    public const string LivePath = "hubs/live";

    /// <summary>The live hub's path before 2026-12-07, still mapped to it for browsers loaded before the rename.</summary>
    public const string DeprecatedPath = "hubs/documents";

    /// <summary>A connection to the live hub (not started) with <paramref name="cookies"/>; <paramref name="path"/> only for tests of the old path.</summary>
    public static HubConnection Live(Uri server, CookieContainer cookies, string? acceptLanguage = null, LiveFormat format = LiveFormat.Json, string path = LivePath)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), o =>
            {
                o.Cookies = cookies;
                if (acceptLanguage is not null)
                {
                    o.Headers["Accept-Language"] = acceptLanguage;
                }
            });
        if (format == LiveFormat.MessagePack)
        {
            builder.Services.RemoveAll<IHubProtocol>(); // the JSON protocol the builder adds by default: MessagePack alone
            builder.AddMessagePackProtocol(o => o.SerializerOptions = MessagePackPayload);
        }
        else
        {
            builder.AddJsonProtocol(o => o.PayloadSerializerOptions = Payload);
        }

        return builder.Build();
    }


    /// <summary>
    /// One set of serializer options for every connection of the process. Options carry the cache of
    /// what the serializer learnt about each type; built per connection (its own converter instances
    /// make them unequal, so nothing is shared), a process with thousands of connections reflected
    /// over every type thousands of times and looked types up in thousands of cold caches.
    /// </summary>
    public static JsonSerializerOptions Payload { get; } = CreatePayloadOptions();

    /// <summary>The same shapes as <see cref="Payload"/>, over MessagePack; shared by every connection of the process.</summary>
    public static MessagePackSerializerOptions MessagePackPayload { get; } = JsonShapedMessagePack.Options(
        Payload,
        new(typeof(DocumentChangesMessage), new DocumentChangesMessagePackFormatter()),
        new(typeof(TextOperation), new TextOperationMessagePackFormatter()));

    private static JsonSerializerOptions CreatePayloadOptions()
    {
        var options = new JsonHubProtocolOptions().PayloadSerializerOptions;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new TextOperationJsonConverter());
        options.Converters.Add(new DocumentChangesJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
