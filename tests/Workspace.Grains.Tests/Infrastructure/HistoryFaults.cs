using System.Collections.Concurrent;
using Workspace.Contracts.Documents;

namespace Workspace.Grains.Tests.Infrastructure;

/// <summary>
/// Makes a document's calls that store its history chunks fail as they fail while the node holding
/// the chunk's grain is dying (<see cref="SiloUnavailableException"/>), through an outgoing grain call
/// filter of the test cluster. Keyed by document, so other tests' documents are untouched.
/// </summary>
public static class HistoryFaults
{
    private static readonly ConcurrentDictionary<string, int> Remaining = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> Thrown = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> stores of the document's chunks fail (<see cref="int.MaxValue"/>: until <see cref="Heal"/>).</summary>
    public static void Fail(Guid documentId, int times) => Remaining[Prefix(documentId)] = times;

    public static void Heal(Guid documentId) => Remaining.TryRemove(Prefix(documentId), out _);

    /// <summary>How many stores of the document's chunks were made to fail.</summary>
    public static int Failures(Guid documentId) => Thrown.GetValueOrDefault(Prefix(documentId));

    /// <summary>The filter: throws for a store that is to fail, otherwise lets the call through.</summary>
    public static async Task Filter(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IDocumentHistoryGrain) && context.MethodName == nameof(IDocumentHistoryGrain.Store)
            && context.TargetId.Key.ToString() is { } key && key.IndexOf('/') is var slash and > 0
            && Take(key[..slash]))
        {
            throw new SiloUnavailableException("The node holding this history chunk is gone (a fault the test injected).");
        }

        await context.Invoke();
    }

    private static bool Take(string prefix)
    {
        while (Remaining.TryGetValue(prefix, out var left) && left > 0)
        {
            if (Remaining.TryUpdate(prefix, left == int.MaxValue ? left : left - 1, left))
            {
                Thrown.AddOrUpdate(prefix, 1, (_, n) => n + 1);
                return true;
            }
        }

        return false;
    }

    private static string Prefix(Guid documentId) => documentId.ToString("N");
}
