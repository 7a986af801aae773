using System.Diagnostics.Metrics;

namespace PressDeck.Monitoring.Ingest;

/// <summary>
/// Counters for the admin's ingest page and for OpenTelemetry (meter <c>PressDeck.Ingest</c>). Thread-safe: the ingest
/// worker writes, pages read.
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "PressDeck.Ingest";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _dropped;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Queue<(long At, int Count)> _recentStored = new();
    private long _receivedTotal;
    private long _storedTotal;
    private long _droppedTotal;
    private long _duplicateTotal;
    private long _truncatedTotal;
    private long _deletedTotal;
    private TimeSpan _lastLag;
    private DateTimeOffset? _lastCommitAt;
    private string? _lastError;

    public IngestMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("pressdeck.ingest.received", "{post}", "Posts and payloads received from sources");
        _stored = _meter.CreateCounter<long>("pressdeck.ingest.stored", "{post}", "New posts committed to the archive");
        _dropped = _meter.CreateCounter<long>("pressdeck.ingest.dropped", "{post}", "Payloads dropped as unreadable");
    }

    public void Received(int count)
    {
        Interlocked.Add(ref _receivedTotal, count);
        _received.Add(count);
    }

    public void Dropped()
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
    }

    public void Truncated() => Interlocked.Increment(ref _truncatedTotal);

    /// <summary>Stored posts hidden because their networks said they were deleted.</summary>
    public void Deleted(int count) => Interlocked.Add(ref _deletedTotal, count);

    public void Committed(int stored, int duplicates, TimeSpan lag)
    {
        _stored.Add(stored);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _storedTotal += stored;
            _duplicateTotal += duplicates;
            _lastLag = lag;
            _lastCommitAt = now;
            _lastError = null;
            _recentStored.Enqueue((now.ToUnixTimeMilliseconds(), stored));
            Trim(now);
        }
    }

    public void Failed(string error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }

    public IngestSnapshot Snapshot(int queueDepth, int queueCapacity)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Trim(now);
            var lastMinute = _recentStored.Sum(entry => (long)entry.Count);
            return new IngestSnapshot(
                Interlocked.Read(ref _receivedTotal),
                _storedTotal,
                _duplicateTotal,
                Interlocked.Read(ref _droppedTotal),
                Interlocked.Read(ref _truncatedTotal),
                Interlocked.Read(ref _deletedTotal),
                lastMinute / 60.0,
                _lastLag,
                _lastCommitAt,
                queueDepth,
                queueCapacity,
                _lastError);
        }
    }

    public void Dispose() => _meter.Dispose();

    private void Trim(DateTimeOffset now)
    {
        var cutoff = now.AddMinutes(-1).ToUnixTimeMilliseconds();
        while (_recentStored.Count > 0 && _recentStored.Peek().At < cutoff)
        {
            _recentStored.Dequeue();
        }
    }
}
