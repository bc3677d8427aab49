using Journal.Application.Aggregates.Snapshots;
using Journal.Domain.Commands;
using Journal.Domain.Deciding;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Ports;

namespace Journal.Application.Aggregates;

/// <summary>
/// <see cref="IAggregateStore"/> over any tape backend (<see cref="IAggregateTape"/>). One call per
/// command: the idempotency key is looked up once; commands on one stream queue behind each other in
/// this process (<see cref="StreamGates"/>), so they never race here; each attempt loads through a
/// <see cref="CommandAttempt"/> (serving the remembered latest state of a stream without reading the tape
/// on the first attempt), decides, and appends against the versions it decided on. A race lost to another
/// writer is decided again on fresh state, up to <see cref="CommandRetry.MaxAttempts"/> times with jitter;
/// only the caller's own precondition or a rule of the domain refuses. With <paramref name="snapshots"/>, a
/// stream this process does not remember is loaded from its newest snapshot and the events after it, and a
/// snapshot is kept each time a stream passes a multiple of <see cref="AggregateSnapshots.Every"/> events.
/// </summary>
/// <param name="tape">The tape backend.</param>
/// <param name="time">The clock of event ids.</param>
/// <param name="retry">How races lost to another writer are retried.</param>
/// <param name="cacheCapacity">Streams whose latest state is kept in memory.</param>
/// <param name="snapshots">Aggregate snapshots, or null to fold every stream from its first event.</param>
public sealed class AggregateStore(IAggregateTape tape, TimeProvider time, CommandRetry? retry = null, int cacheCapacity = 10_000, AggregateSnapshots? snapshots = null) : IAggregateStore
{
    private readonly AggregateCache _cache = new(cacheCapacity);
    private readonly StreamGates _gates = new();
    private readonly CommandRetry _retry = retry ?? new CommandRetry();
    private readonly DecisionAppender _appender = new(tape, time);
    private readonly AppendHandOff _handOff = new();

    /// <inheritdoc />
    public Task<Loaded<TState>> LoadAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(CatchUp(stream, initial, evolve));
    }

    /// <inheritdoc />
    public Task<CommandResult> ExecuteAsync<TCommand, TState, TEvent>(ICommand request, Decider<TCommand, TState, TEvent> decider, TCommand command, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(decider);
        return ExecuteAsync(request, decider.Stream(command), async (loader, token) => DeciderLoading.Changes(await loader.DecideAsync(decider, command, token).ConfigureAwait(false)), ct);
    }

    /// <inheritdoc />
    public async Task<CommandResult> ExecuteAsync(ICommand request, StreamId primary, Func<IAggregateLoader, CancellationToken, Task<IReadOnlyList<AggregateChange>>> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decide);
        // The key is looked up inside the stream's gate: a concurrent retry of the same command (same
        // key, same primary stream) waits for the first and then gets its result instead of deciding again.
        using var gate = await _gates.EnterAsync(primary.Value, ct).ConfigureAwait(false);
        if (_appender.FindReplay(request) is { } replay)
        {
            return replay;
        }

        for (var attempt = 1; ; attempt++)
        {
            var loads = new CommandAttempt(this, request.Context?.Precondition, mayUseMemory: attempt == 1);
            var appending = false;
            try
            {
                var changes = await decide(loads, ct).ConfigureAwait(false);
                await loads.CheckPreconditionAsync(ct).ConfigureAwait(false);
                if (changes.Count == 0)
                {
                    if (!loads.RemembersOnlyLatest(IsLatest))
                    {
                        continue;
                    }

                    var (version, position) = await loads.VersionOfAsync(primary, ct).ConfigureAwait(false);
                    return new CommandResult(primary.Value, version, position, 0);
                }

                if (!loads.RemembersOnlyLatest(IsLatest, except: changes))
                {
                    continue;
                }

                appending = true;

                // The load and the decision ran on the caller's thread (no hop for a catch-up read); the
                // append sometimes does not, so that commands one thread starts can be in flight together.
                if (_handOff.ShouldYield())
                {
                    await Task.Yield();
                }

                var saving = SaveChangesAsync(changes, request, ct);
                _handOff.Record(saving.IsCompleted);
                return await saving.ConfigureAwait(false);
            }
            catch (WrongExpectedVersionException ex) when (!loads.PreconditionFailed && (appending || loads.ServedFromMemory) && attempt < _retry.MaxAttempts)
            {
                // Lost a race to another writer: decide again on what it wrote.
                _cache.Forget(ex.Stream);
                await _retry.BackOffAsync(attempt, ct).ConfigureAwait(false);
            }
            catch (JournalException) when (!appending && loads.ServedFromMemory)
            {
                // A refusal decided on a remembered state (a version the decision itself names included)
                // stands only once the tape confirms that state.
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamId>> FindOpenStreamsAsync(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(tape.FindOpenStreams(category, openingTypes, closingTypes));
    }

    /// <summary>The remembered latest state of a stream, when this store has one.</summary>
    internal bool TryRemember<TState>(StreamId stream, out Loaded<TState> loaded)
        where TState : class
    {
        if (_cache.TryGet(stream.Value, typeof(TState), out var entry))
        {
            loaded = new Loaded<TState>((TState)entry.State, entry.Version, entry.Position);
            return true;
        }

        loaded = null!;
        return false;
    }

    /// <summary>
    /// The remembered state (or the newest snapshot, or the initial state) brought up to date with the
    /// stream's newer events: an index seek that usually finds none, so a load costs the same at the
    /// 10,000th event as at the first, and after a start at most a snapshot interval of events.
    /// </summary>
    internal Loaded<TState> CatchUp<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve)
        where TState : class
        where TEvent : class
    {
        TState state;
        long version, position;
        long? erasures = null;
        if (_cache.TryGet(stream.Value, typeof(TState), out var remembered))
        {
            (state, version, position, erasures) = ((TState)remembered.State, remembered.Version, remembered.Position, remembered.Erasures);
        }
        else
        {
            (state, version, position) = (initial, 0L, 0L);
            if (snapshots is not null)
            {
                // Read before the snapshot and the fold: an erasure committed after it shows as a newer count.
                erasures = tape.ReadErasedPayloadCount();
                if (snapshots.TryLoad<TState>(stream, erasures.Value, out var snapshot))
                {
                    (state, version, position) = (snapshot.State, snapshot.Version, snapshot.Position);
                }
            }
        }

        var foldedFrom = version;
        while (true)
        {
            var page = tape.ReadStreamFrom(stream, version + 1, _retry.ReadPageSize);
            foreach (var recorded in page)
            {
                if (recorded.Payload is { } payload && tape.Serializer.Decode(recorded.EventType, payload) is TEvent @event)
                {
                    state = evolve(state, @event);
                }

                version = recorded.StreamVersion;
                position = recorded.Seq;
            }

            if (page.Count < _retry.ReadPageSize)
            {
                break;
            }
        }

        _cache.Set(stream.Value, state, version, position, erasures);
        if (snapshots is not null && erasures is { } folded && version - foldedFrom >= snapshots.Every)
        {
            snapshots.Save(stream, state, version, position, folded);
        }

        return new Loaded<TState>(state, version, position);
    }

    /// <summary>A stream's version and last position, read without folding (and without touching what is remembered): one index seek.</summary>
    internal (long Version, long Position) ReadVersion(StreamId stream)
    {
        var head = tape.ReadStreamHead(stream);
        return (head.Version, head.Position);
    }

    private bool IsLatest(StreamId stream, long version) => tape.ReadStreamHead(stream).Version == version;

    private async Task<CommandResult> SaveChangesAsync(IReadOnlyList<AggregateChange> changes, ICommand request, CancellationToken ct)
    {
        IReadOnlyList<AppendResult> results;
        try
        {
            results = await _appender.AppendAsync(changes, request, ct).ConfigureAwait(false);
        }
        catch (JournalException)
        {
            foreach (var change in changes)
            {
                _cache.Forget(change.Stream.Value);
            }

            throw;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            if (results[i].Duplicate)
            {
                _cache.Forget(changes[i].Stream.Value);
            }
            else
            {
                Remember(changes[i], results[i]);
            }
        }

        var replayed = results.All(r => r.Duplicate);
        return new CommandResult(
            results[0].Stream.Value,
            results[0].StreamVersion,
            results.Max(r => r.Position),
            replayed ? 0 : results.Sum(r => r.Events.Count),
            replayed);
    }

    /// <summary>
    /// Remembers a stream's state after its append and, when the append passed a multiple of the snapshot
    /// interval, keeps it as a snapshot too (after the commit, so a failed write costs nothing but a longer fold later).
    /// </summary>
    private void Remember(AggregateChange change, AppendResult result)
    {
        long? erasures = _cache.TryGet(change.Stream.Value, change.NewState.GetType(), out var before) ? before.Erasures : null;
        _cache.Set(change.Stream.Value, change.NewState, result.StreamVersion, result.Position, erasures);
        var appended = result.StreamVersion - change.ExpectedVersion;
        if (snapshots is not null && erasures is { } folded && result.StreamVersion / snapshots.Every > (result.StreamVersion - appended) / snapshots.Every)
        {
            snapshots.Save(change.Stream, change.NewState, result.StreamVersion, result.Position, folded);
        }
    }
}
