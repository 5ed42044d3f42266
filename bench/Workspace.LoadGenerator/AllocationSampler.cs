using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Workspace.LoadGenerator;

/// <summary>
/// What the harness itself allocates (<c>--allocations N</c>): the runtime reports a type about every
/// 100 KB allocated; counted from the start of each measurement, the top N printed after the step.
/// Found the two costliest harness allocations so far (serializer caches per connection, and 4 KB
/// receive buffers once the shared array pool runs dry).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GarbageCollection = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _samples = new();

    public void Clear() => _samples.Clear();

    public void Print(int top)
    {
        Console.Error.WriteLine("# harness allocations in the measured seconds (samples of ~100 KB, by type):");
        foreach (var (type, count) in _samples.OrderByDescending(p => p.Value).Take(top))
        {
            Console.Error.WriteLine($"#   {count,7}  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GarbageCollection);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.PayloadNames is { } names)
        {
            var type = e.Payload?[names.IndexOf("TypeName")] as string ?? "?";
            _samples.AddOrUpdate(type, 1, (_, count) => count + 1);
        }
    }
}
