using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.LiveClient;
using Workspace.Server.Live;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>A hub connection that records every message the server sends it, whatever the method.</summary>
public sealed class Listener : IAsyncDisposable
{
    private Listener(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Every message received, as "Method [arguments as JSON]".</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>The latest session view received (from a push or from the caller's own calls through <see cref="Session"/>).</summary>
    public JsonElement? LastSession { get; private set; }

    public static async Task<Listener> Connect(ApiClient client)
    {
        var connection = LiveConnections.Live(client.BaseAddress, client.Cookies);
        var listener = new Listener(connection);
        // An interface's GetMethods holds only its own: the live client's are those of the interfaces it joins.
        foreach (var method in typeof(ILiveClient).GetInterfaces().SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            var types = method.GetParameters().Select(_ => typeof(JsonElement)).ToArray();
            connection.On(method.Name, types, (arguments, _) =>
            {
                listener.Messages.Enqueue($"{method.Name} {JsonSerializer.Serialize(arguments)}");
                if (method.Name == nameof(ISessionClient.Session))
                {
                    listener.LastSession = (JsonElement)arguments[0]!;
                }

                return Task.CompletedTask;
            }, listener);
        }

        await connection.StartAsync();
        return listener;
    }

    public static async Task<Listener> Watch(Cast cast, string person, Guid groupId)
    {
        var listener = await Connect(cast.People[person].Client);
        await listener.Connection.InvokeAsync<string>("WatchGroup", groupId);
        return listener;
    }

    /// <summary>Calls a session method of the hub and returns the caller's view.</summary>
    public Task<JsonElement> Session(string method, params object?[] arguments) =>
        Connection.InvokeCoreAsync<JsonElement>(method, arguments);

    public int Count(string method, string id) =>
        Messages.Count(m => m.StartsWith(method + " ", StringComparison.Ordinal) && m.Contains(id, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
