namespace Journal.Projections.Querying;

/// <summary>
/// A query served from read models. With <see cref="MinPosition"/> set (a position a command
/// returned), it first waits, bounded, until the projections it reads have applied that position.
/// </summary>
public interface IReadModelQuery
{
    /// <summary>The tape position the answer must reflect (read-your-writes); null to answer at once.</summary>
    long? MinPosition { get; }

    /// <summary>The projections the query reads.</summary>
    IReadOnlyCollection<string> Projections { get; }
}
