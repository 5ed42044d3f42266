using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;

namespace Workspace.Server.FunctionalTests.Infrastructure;

/// <summary>Live connections for the cast: each person's hub connection carries their sign-in cookie.</summary>
public sealed class LiveWorld : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    public LiveWorld(Cast cast, World world, Guid documentId)
    {
        Cast = cast;
        World = world;
        DocumentId = documentId;
    }

    public Cast Cast { get; }

    public World World { get; }

    public Guid DocumentId { get; }

    /// <summary>A group with a members-only document, created by the facilitator.</summary>
    public static async Task<LiveWorld> Create(WorkspaceHost host, string visibility = "members")
    {
        var cast = await Cast.Create(host);
        var world = await cast.NewWorld();
        var document = await cast.People["facilitator"].Client.Ok(HttpMethod.Post, $"/api/groups/{world.GroupId}/documents", new { title = "Recommendations on asset declarations", visibility });
        return new LiveWorld(cast, world, Guid.Parse((string)document!["id"]!));
    }

    /// <summary>
    /// A connection of <paramref name="person"/> with the document open that keeps every
    /// <c>Changes</c> message exactly as it came over the wire; returns a snapshot of them so far.
    /// </summary>
    public async Task<Func<JsonElement[]>> RecordChanges(string person)
    {
        var connection = await Connect(person);
        var messages = new List<JsonElement>();
        connection.On<JsonElement>("Changes", changes =>
        {
            lock (messages)
            {
                messages.Add(changes.Clone());
            }
        });
        await connection.InvokeAsync<OpenedDocument>("Open", DocumentId, null);
        return () =>
        {
            lock (messages)
            {
                return [.. messages];
            }
        };
    }

    public async Task<HubConnection> Connect(string person, string? language = null)
    {
        var client = Cast.People[person].Client;
        var connection = LiveConnections.Live(client.BaseAddress, client.Cookies, language);
        await connection.StartAsync();
        _connections.Add(connection);
        return connection;
    }

    public async Task<LiveDocument> Open(string person, Guid? documentId = null) =>
        await LiveDocument.OpenAsync(await Connect(person), documentId ?? DocumentId);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
