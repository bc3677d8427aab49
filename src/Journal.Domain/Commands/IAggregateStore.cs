namespace Journal.Domain.Commands;

/// <summary>
/// Loads aggregates and saves what deciders decided. Loading does not get slower as a stream grows:
/// the store remembers each aggregate's latest state and only replays events it has not seen.
/// </summary>
public interface IAggregateStore
{
    /// <summary>Loads an aggregate by folding its stream's events with <paramref name="evolve"/>.</summary>
    Task<Loaded<TState>> LoadAsync<TState, TEvent>(Tape.StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class;

    /// <summary>
    /// Appends every change in one transaction, each against its expected version, stamping the
    /// command's context into the events' metadata. When the command carries an idempotency key, the
    /// key and <paramref name="command"/>'s hash are recorded in the same transaction.
    /// </summary>
    /// <exception cref="Errors.WrongExpectedVersionException">An aggregate changed since it was loaded.</exception>
    Task<CommandResult> SaveAsync(IReadOnlyList<AggregateChange> changes, ICommand command, CancellationToken ct);

    /// <summary>The first result of an earlier command with the same idempotency key, or null.</summary>
    /// <exception cref="Errors.RuleViolationException"><c>idempotency.key_conflict</c>: the key was used by a different command.</exception>
    Task<CommandResult?> FindReplayAsync(ICommand command, CancellationToken ct);

    /// <summary>
    /// Streams of <paramref name="category"/> that hold an event of one of <paramref name="openingTypes"/>
    /// and none of <paramref name="closingTypes"/>: for example runs left active by a crash.
    /// </summary>
    Task<IReadOnlyList<Tape.StreamId>> FindOpenStreamsAsync(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes, CancellationToken ct);
}
