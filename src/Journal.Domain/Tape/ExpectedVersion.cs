namespace Journal.Domain.Tape;

/// <summary>What an append expects of its stream, for optimistic concurrency.</summary>
public enum ExpectedVersionKind
{
    /// <summary>No check: the events go at the end of the stream, whatever its version.</summary>
    Any,

    /// <summary>The stream must not exist yet (it has no event).</summary>
    NoStream,

    /// <summary>The stream must exist (it has at least one event).</summary>
    StreamExists,

    /// <summary>The stream must be at exactly <see cref="ExpectedVersion.Value"/>.</summary>
    Exact,
}

/// <summary>
/// The version an append expects its stream to be at. Stream versions count events from 1;
/// a stream that has no event is at version 0.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(ExpectedVersionKind kind, long value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>The kind of expectation.</summary>
    public ExpectedVersionKind Kind { get; }

    /// <summary>The exact version, for <see cref="ExpectedVersionKind.Exact"/>; 0 otherwise.</summary>
    public long Value { get; }

    /// <summary>No concurrency check.</summary>
    public static ExpectedVersion Any { get; } = new(ExpectedVersionKind.Any, 0);

    /// <summary>The stream must not exist.</summary>
    public static ExpectedVersion NoStream { get; } = new(ExpectedVersionKind.NoStream, 0);

    /// <summary>The stream must exist.</summary>
    public static ExpectedVersion StreamExists { get; } = new(ExpectedVersionKind.StreamExists, 0);

    /// <summary>The stream must be at exactly <paramref name="version"/> (0 means it must not exist).</summary>
    public static ExpectedVersion Exact(long version)
    {
        if (version < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "a stream version is never negative");
        }

        return version == 0 ? NoStream : new ExpectedVersion(ExpectedVersionKind.Exact, version);
    }

    /// <summary>Whether a stream at <paramref name="actual"/> meets this expectation.</summary>
    public bool IsMetBy(long actual) => Kind switch
    {
        ExpectedVersionKind.Any => true,
        ExpectedVersionKind.NoStream => actual == 0,
        ExpectedVersionKind.StreamExists => actual > 0,
        _ => actual == Value,
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ExpectedVersionKind.Any => "any",
        ExpectedVersionKind.NoStream => "no-stream",
        ExpectedVersionKind.StreamExists => "stream-exists",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
