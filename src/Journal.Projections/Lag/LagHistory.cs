namespace Journal.Projections.Lag;

/// <summary>
/// The projections' lag over the last hour, in memory only: a ring of samples that forgets what is older than
/// <see cref="Window"/> (and never holds more than <see cref="MaxSamples"/>). It starts empty with the process.
/// </summary>
public sealed class LagHistory
{
    /// <summary>How far back the history reaches.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The most samples kept, whatever the interval (one a second over the hour).</summary>
    public const int MaxSamples = 3600;

    private readonly Lock _lock = new();
    private readonly Queue<LagSample> _samples = new();

    /// <summary>Adds a sample and forgets those older than <see cref="Window"/> before it.</summary>
    public void Record(LagSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_lock)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > MaxSamples || _samples.Peek().At < sample.At - Window)
            {
                _samples.Dequeue();
            }
        }
    }

    /// <summary>The samples taken after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<LagSample> After(DateTimeOffset after)
    {
        lock (_lock)
        {
            return _samples.Where(s => s.At > after).ToList();
        }
    }
}
