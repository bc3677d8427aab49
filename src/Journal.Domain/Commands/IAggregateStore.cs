using Journal.Domain.Deciding;
using Journal.Domain.Tape;

namespace Journal.Domain.Commands;

/// <summary>
/// Runs commands against aggregates: one call loads, folds, decides and appends. Each call checks the
/// command's idempotency key once, appends every change against the version it was decided on (the
/// client's <see cref="CommandContext.Precondition"/> when it set one), and, when an append loses a race
/// to another writer, decides again on the fresh state (a bounded number of times) instead of refusing:
/// only a rule of the domain, or a precondition the caller set, refuses.
/// </summary>
public interface IAggregateStore : IAggregateLoader
{
    /// <summary>Runs <paramref name="command"/> on the one aggregate <paramref name="decider"/> addresses.</summary>
    /// <param name="request">The request, for its context and idempotency hash.</param>
    /// <param name="decider">The aggregate's decider.</param>
    /// <param name="command">The domain command.</param>
    Task<CommandResult> ExecuteAsync<TCommand, TState, TEvent>(ICommand request, Decider<TCommand, TState, TEvent> decider, TCommand command, CancellationToken ct)
        where TState : class
        where TEvent : class;

    /// <summary>
    /// Runs a command that reads or writes several aggregates: <paramref name="decide"/> loads through the
    /// loader it is given and returns the changes (none when nothing changes), which are appended in one
    /// transaction. It may run more than once (after a lost race), so it must not have other effects.
    /// </summary>
    /// <param name="request">The request, for its context and idempotency hash.</param>
    /// <param name="primary">The stream the result describes (and that concurrent commands queue on).</param>
    /// <param name="decide">Loads and decides.</param>
    Task<CommandResult> ExecuteAsync(ICommand request, StreamId primary, Func<IAggregateLoader, CancellationToken, Task<IReadOnlyList<AggregateChange>>> decide, CancellationToken ct);

    /// <summary>
    /// Streams of <paramref name="category"/> that hold an event of one of <paramref name="openingTypes"/>
    /// and none of <paramref name="closingTypes"/>: for example runs left active by a crash.
    /// </summary>
    Task<IReadOnlyList<StreamId>> FindOpenStreamsAsync(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes, CancellationToken ct);
}
