using System.Diagnostics;

namespace Journal.Benchmarks.Shared;

/// <summary>
/// An in-process listener that records every span of the journal's activity sources and exports
/// nothing: what tracing costs the journal's own code, without an exporter's work (<c>--trace</c>).
/// </summary>
internal sealed class TraceEverything : IDisposable
{
    private readonly ActivityListener _listener;
    private long _spans;

    public TraceEverything()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Journal.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _spans),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Spans recorded so far.</summary>
    public long Spans => Interlocked.Read(ref _spans);

    public void Dispose() => _listener.Dispose();
}
