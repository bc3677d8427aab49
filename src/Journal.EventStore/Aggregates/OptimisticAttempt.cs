namespace Journal.EventStore.Aggregates;

/// <summary>
/// One attempt at a command that may decide on remembered aggregate states without reading the tape
/// first (see <see cref="AggregateStore.RunOptimisticAsync{T}"/>): which streams were served from memory
/// at which version, whether the attempt wrote anything (an attempt that wrote never runs again), and
/// whether its append lost a race to this writer's own commits (the outcome a tape read would have had).
/// </summary>
internal sealed class OptimisticAttempt
{
    private static readonly AsyncLocal<OptimisticAttempt?> Ambient = new();

    /// <summary>
    /// The open attempt of the command running on this async flow, or null (every load reads the tape).
    /// Work a handler leaves running after its command returned finds the attempt closed.
    /// </summary>
    public static OptimisticAttempt? Current
    {
        get => Ambient.Value is { Closed: false } attempt ? attempt : null;
        set => Ambient.Value = value;
    }

    /// <summary>The command this attempt ran for has returned.</summary>
    public bool Closed { get; set; }

    /// <summary>Streams served from memory, with the version served, that no append has confirmed yet.</summary>
    public Dictionary<string, long> Unconfirmed { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Streams served from memory, each with the version served and the last position the writer had
    /// committed when it was served.
    /// </summary>
    public Dictionary<string, (long Version, long WriterSeq)> Served { get; } = new(StringComparer.Ordinal);

    /// <summary>The attempt wrote to the tape (or may have): it must not run again.</summary>
    public bool Wrote { get; private set; }

    /// <summary>
    /// The append was refused because this store's writer committed the newer events of the stream after
    /// it was served: a race a command reading the tape first loses too, so the refusal is the answer.
    /// </summary>
    public bool LostRace { get; set; }

    /// <summary>Whether a load may skip reading the tape: only before the attempt wrote anything.</summary>
    public bool MayUseMemory => !Wrote;

    public void MarkWritten() => Wrote = true;

    /// <summary>
    /// Called before anything is written: the streams being written confirm their remembered states by
    /// their exact expected versions; every other remembered state is checked to be still its stream's
    /// latest, and a stale one stops the write (<see cref="UnconfirmedStateException"/>).
    /// </summary>
    public void ConfirmBeforeWrite(IEnumerable<string> writing, Func<string, long, bool> isLatest)
    {
        foreach (var stream in writing)
        {
            Unconfirmed.Remove(stream);
        }

        foreach (var (stream, version) in Unconfirmed)
        {
            if (!isLatest(stream, version))
            {
                throw new UnconfirmedStateException(stream);
            }
        }

        Unconfirmed.Clear();
    }

    /// <summary>Records that <paramref name="stream"/> was served from memory at <paramref name="version"/>.</summary>
    public void ServedFromMemory(string stream, long version, long writerSeq)
    {
        Served.TryAdd(stream, (version, writerSeq));
        Unconfirmed.TryAdd(stream, version);
    }
}

/// <summary>
/// A decision would be saved while it rests on a remembered state that is no longer the stream's latest;
/// the attempt stops before writing and the command runs again with every load read from the tape.
/// </summary>
internal sealed class UnconfirmedStateException(string stream)
    : Exception($"the decision used a remembered state of '{stream}' that is no longer current");
