using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workspace.Collaboration;

namespace Workspace.LiveClient;

/// <summary>Builds hub connections that speak the server's JSON (kebab-case enums, ot.js operations).</summary>
public static class LiveConnections
{
    public const string DocumentsPath = "hubs/documents";

    public static HubConnection Documents(Uri server, CookieContainer cookies, string? acceptLanguage = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, DocumentsPath), o =>
            {
                o.Cookies = cookies;
                if (acceptLanguage is not null)
                {
                    o.Headers["Accept-Language"] = acceptLanguage;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Payload)
            .Build();

    /// <summary>
    /// One set of serializer options for every connection of the process. Options carry the cache of
    /// what the serializer learnt about each type; built per connection (its own converter instances
    /// make them unequal, so nothing is shared), a process with thousands of connections reflected
    /// over every type thousands of times and looked types up in thousands of cold caches.
    /// </summary>
    public static JsonSerializerOptions Payload { get; } = CreatePayloadOptions();

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
