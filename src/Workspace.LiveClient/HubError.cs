using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace Workspace.LiveClient;

/// <summary>A typed refusal from the hub: the JSON the server put in its HubException.</summary>
public sealed record HubError(string Code, string Kind, string Title)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the typed error out of a hub exception's message (null if it carries none).</summary>
    public static HubError? From(Exception exception)
    {
        if (exception is HubRefusedException refused)
        {
            return refused.Error;
        }

        if (exception is not HubException { Message: var message })
        {
            return null;
        }

        var start = message.IndexOf('{', StringComparison.Ordinal);
        var end = message.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<HubError>(message[start..(end + 1)], Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An operation sent one-way was refused (the server's <c>Refused</c> message): nothing of it was applied.</summary>
public sealed class HubRefusedException(HubError error) : Exception($"{error.Code}: {error.Title}")
{
    public HubError Error { get; } = error;
}
