using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Workspace.Contracts.Documents;
using Workspace.LiveClient;

namespace Workspace.LoadGenerator;

/// <summary>
/// Mode <c>open</c>: how long opening a large document takes — on a client whose connection is
/// already up (the editor switching documents), and with the connection made first (a page load).
/// One document of <c>size</c> characters (100 KB by default, many lines of text), opened and closed
/// <c>count</c> times in each way, one after another, after a warm-up of the same.
/// </summary>
public static class OpenBench
{
    public static async Task<(Percentiles Connected, Percentiles WithConnect)> Run(Person person, Guid documentId, int size, int count, LiveFormat format)
    {
        await Fill(person, documentId, size, format);

        var connected = new LatencyHistogram();
        var withConnect = new LatencyHistogram();
        await using (var connection = LiveConnections.Live(person.Server, person.Cookies, format: format))
        {
            await connection.StartAsync();
            await Opens(connection, documentId, count / 4, null); // warm-up
            await Opens(connection, documentId, count, connected);
        }

        for (var i = 0; i < count / 4 + count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var connection = LiveConnections.Live(person.Server, person.Cookies, format: format);
            await connection.StartAsync();
            await Open(connection, documentId);
            if (i >= count / 4)
            {
                withConnect.Record(Stopwatch.GetElapsedTime(started).Ticks);
            }

            await connection.InvokeAsync("Close", documentId);
        }

        return (connected.Percentiles(), withConnect.Percentiles());
    }

    private static async Task Opens(HubConnection connection, Guid documentId, int count, LatencyHistogram? into)
    {
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Open(connection, documentId);
            into?.Record(Stopwatch.GetElapsedTime(started).Ticks);
            await connection.InvokeAsync("Close", documentId);
        }
    }

    /// <summary>What a client's open costs it: the call, and the whole text received and read.</summary>
    private static async Task Open(HubConnection connection, Guid documentId)
    {
        var opened = await connection.InvokeAsync<OpenedDocument>("Open", documentId, (int?)null);
        if (opened.Text is null || opened.Text.Length == 0)
        {
            throw new InvalidOperationException("The document opened without its text.");
        }
    }

    /// <summary>Writes the document's text through a live client, as people would have.</summary>
    private static async Task Fill(Person person, Guid documentId, int size, LiveFormat format)
    {
        await using var connection = LiveConnections.Live(person.Server, person.Cookies, format: format);
        await connection.StartAsync();
        var document = await LiveDocument.OpenAsync(connection, documentId);
        const string line = "The State Party shall consider measures to protect reporting persons against unjustified treatment.\n";
        var text = string.Concat(Enumerable.Repeat(line, size / line.Length + 1))[..size];
        for (var at = 0; at < text.Length; at += 20_000)
        {
            document.Insert(at, text.Substring(at, Math.Min(20_000, text.Length - at)));
            await document.WhenSynchronizedAsync(TimeSpan.FromSeconds(30));
        }

        await document.CloseAsync();
    }
}
