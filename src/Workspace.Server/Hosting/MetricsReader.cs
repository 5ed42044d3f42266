using System.Diagnostics.Metrics;
using System.Text.Json.Serialization;
using Workspace.Grains.Telemetry;

namespace Workspace.Server.Hosting;

/// <summary>
/// Keeps the current values of this node's "Workspace" instruments for the operations view: sums
/// for counters, the last observation for observable ones, count/sum/percentiles for histograms
/// (percentiles over the last <see cref="Window"/> measurements). Only this host's meter is read,
/// never another host's in the same process. Nothing leaves the node from here.
/// </summary>
public sealed class MetricsReader : IDisposable
{
    /// <summary>Recent histogram measurements kept for percentiles.</summary>
    public const int Window = 1024;

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, string Tags), Series> _series = [];

    public MetricsReader(WorkspaceMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Every series seen so far, observable instruments read now; ordered by name.</summary>
    public IReadOnlyList<MetricValue> Read()
    {
        _listener.RecordObservableInstruments();
        lock (_lock)
        {
            return _series.Values.Select(s => s.Value()).OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Tags.Count).ToArray();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            tagMap[tag.Key] = tag.Value?.ToString() ?? string.Empty;
        }

        var key = (instrument.Name, string.Join(',', tagMap.Select(t => $"{t.Key}={t.Value}")));
        lock (_lock)
        {
            if (!_series.TryGetValue(key, out var series))
            {
                series = new Series(instrument, tagMap);
                _series[key] = series;
            }

            series.Add(value);
        }
    }

    private sealed class Series(Instrument instrument, IReadOnlyDictionary<string, string> tags)
    {
        private readonly string _kind = instrument switch
        {
            Histogram<double> => "histogram",
            ObservableCounter<int> or ObservableCounter<long> or ObservableUpDownCounter<int> or ObservableUpDownCounter<long> or ObservableGauge<int> or ObservableGauge<long> => "gauge",
            UpDownCounter<int> or UpDownCounter<long> => "up-down-counter",
            _ => "counter",
        };

        private readonly double[] _recent = instrument is Histogram<double> ? new double[Window] : [];
        private double _sum;
        private double _last;
        private long _count;
        private double _min = double.MaxValue;
        private double _max = double.MinValue;

        public void Add(double value)
        {
            _last = value;
            _sum += value;
            if (_recent.Length > 0)
            {
                _recent[_count % Window] = value;
                _min = Math.Min(_min, value);
                _max = Math.Max(_max, value);
            }

            _count++;
        }

        public MetricValue Value()
        {
            var common = new MetricValue(instrument.Name, _kind, instrument.Unit ?? string.Empty, instrument.Description ?? string.Empty, tags);
            return _kind switch
            {
                "histogram" => common with
                {
                    Count = _count,
                    Sum = Math.Round(_sum, 3),
                    Min = _count > 0 ? Math.Round(_min, 3) : null,
                    Max = _count > 0 ? Math.Round(_max, 3) : null,
                    P50 = Percentile(0.50),
                    P95 = Percentile(0.95),
                },
                "gauge" => common with { Value = _last },
                _ => common with { Value = _sum },
            };
        }

        private double? Percentile(double p)
        {
            var kept = (int)Math.Min(_count, Window);
            if (kept == 0)
            {
                return null;
            }

            var sorted = _recent[..kept];
            Array.Sort(sorted);
            return Math.Round(sorted[(int)Math.Ceiling(p * kept) - 1], 3);
        }
    }
}

/// <summary>The current value of one instrument (with one set of tags) on this node.</summary>
public sealed record MetricValue(string Name, string Kind, string Unit, string Description, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Counters: the total so far; up-down counters and gauges: the current value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Count { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Sum { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Min { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Max { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P50 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? P95 { get; init; }
}
