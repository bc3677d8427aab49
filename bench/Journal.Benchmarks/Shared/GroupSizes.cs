using System.Diagnostics.Metrics;

namespace Journal.Benchmarks.Shared;

/// <summary>
/// Listens to the tape's <c>journal.tape.group.size</c> histogram while it lives: how many group commits
/// ran and how many requests each took on average (a breakdown for benches whose rate rests on grouping).
/// </summary>
public sealed class GroupSizes : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _groups;
    private long _requests;

    public GroupSizes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Journal.Tape" && instrument.Name == "journal.tape.group.size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _requests, size);
        });
        _listener.Start();
    }

    /// <summary>Group commits seen so far.</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>Requests committed in them.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void Dispose() => _listener.Dispose();
}
