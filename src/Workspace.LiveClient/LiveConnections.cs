using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
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
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
                o.PayloadSerializerOptions.Converters.Add(new TextOperationJsonConverter());
                o.PayloadSerializerOptions.Converters.Add(new DocumentChangesJsonConverter());
            })
            .Build();
}
