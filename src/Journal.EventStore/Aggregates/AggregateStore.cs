using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;

namespace Journal.EventStore.Aggregates;

/// <summary>
/// <see cref="IAggregateStore"/> over the SQLite tape: folds streams into decider state, remembers the
/// latest state per aggregate (so loading costs the same at the 10,000th event as at the first), and
/// appends decisions with the command's context, idempotency key and deterministic event ids. Inside
/// <see cref="RunOptimisticAsync{T}"/> a remembered state is used without reading the tape at all.
/// </summary>
public sealed class AggregateStore(SqliteEventStore store, TimeProvider time, int cacheCapacity = 10_000) : IAggregateStore
{
    private const int PageSize = 512;
    private readonly AggregateCache _cache = new(cacheCapacity);

    /// <inheritdoc />
    public Task<Loaded<TState>> LoadAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        // Synchronous on purpose: the catch-up read is an index seek (usually finding nothing new).
        ct.ThrowIfCancellationRequested();
        var writerSeq = store.WriterHeadSeq;
        var remembered = _cache.TryGet(stream.Value, typeof(TState), out var cached);
        if (remembered && OptimisticAttempt.Current is { MayUseMemory: true } attempt)
        {
            // Confirmed by the append's exact expected version or checked later (RunOptimisticAsync).
            attempt.ServedFromMemory(stream.Value, cached.Version, writerSeq);
            return Task.FromResult(new Loaded<TState>((TState)cached.State, cached.Version, cached.Position));
        }

        var (state, version, position) = remembered
            ? ((TState)cached.State, cached.Version, cached.Position)
            : (initial, 0L, 0L);
        while (true)
        {
            var page = store.ReadStreamFrom(stream, version + 1, PageSize);
            foreach (var recorded in page)
            {
                if (recorded.Payload is { } payload && store.Serializer.Decode(recorded.EventType, payload.Span) is TEvent @event)
                {
                    state = evolve(state, @event);
                }

                version = recorded.StreamVersion;
                position = recorded.Seq;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        _cache.Set(stream.Value, state, version, position);
        return Task.FromResult(new Loaded<TState>(state, version, position));
    }

    /// <inheritdoc />
    public async Task<CommandResult> SaveAsync(IReadOnlyList<AggregateChange> changes, ICommand command, CancellationToken ct)
    {
        var context = command.Context ?? CommandContext.None;
        var metadata = new EventMetadata(context.Actor, context.Principal, context.CorrelationId, context.CausationId);
        var appends = changes.Select(c => new StreamAppend(
            c.Stream,
            ExpectedVersion.Exact(c.ExpectedVersion),
            c.Events.Select((e, i) => new EventData(EventId(context, c.Stream, i), NameOf(e), e)).ToList())).ToList();
        var idempotency = context.IdempotencyKey is { } key ? new IdempotencyRecord(key, RequestHash(command), command.GetType().Name) : null;
        var attempt = OptimisticAttempt.Current;
        if (attempt is not null)
        {
            attempt.ConfirmBeforeWrite(changes.Select(c => c.Stream.Value), store.IsLatest);
            attempt.LostRace = false;
        }

        IReadOnlyList<AppendResult> results;
        try
        {
            results = await store.AppendAsync(appends, metadata, idempotency, ct).ConfigureAwait(false);
        }
        catch (JournalException ex)
        {
            foreach (var change in changes)
            {
                _cache.Forget(change.Stream.Value);
            }

            if (attempt is not null && ex is WrongExpectedVersionException wrong && attempt.Served.TryGetValue(wrong.Stream, out var served))
            {
                attempt.LostRace = LostRace(wrong.Stream, served);
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
                _cache.Set(changes[i].Stream.Value, changes[i].NewState, results[i].StreamVersion, results[i].Position);
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
    /// Runs a command whose loads may use remembered states without reading the tape. A decision is
    /// saved with each stream's exact expected version, so a state another writer (another process)
    /// made stale fails the append instead of being written; the command then runs once more with every
    /// load read from the tape. A refusal that a save of this store explains (two commands racing on one
    /// stream) stands, as it would have after a read. When the attempt fails with a domain error, or ends
    /// without writing, after using a remembered state, that state is read once: if it was stale, the
    /// command runs again. An attempt that wrote anything never runs again.
    /// </summary>
    public async Task<T> RunOptimisticAsync<T>(Func<Task<T>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (OptimisticAttempt.Current is not null)
        {
            // A command sent from inside another: one attempt covers both, so the outer one knows what the inner one wrote.
            return await command().ConfigureAwait(false);
        }

        var attempt = new OptimisticAttempt();
        OptimisticAttempt.Current = attempt;
        try
        {
            var result = await command().ConfigureAwait(false);
            if (attempt.Wrote || AllLatest(attempt))
            {
                return result;
            }
        }
        catch (WrongExpectedVersionException ex) when (!attempt.Wrote && !attempt.LostRace && attempt.Served.ContainsKey(ex.Stream))
        {
            // The state it decided on was stale before it was loaded: run again below.
        }
        catch (UnconfirmedStateException) when (!attempt.Wrote)
        {
            // Nothing written: run again below.
        }
        catch (JournalException ex) when (ex is not WrongExpectedVersionException && !attempt.Wrote && !AllLatest(attempt))
        {
            // The refusal came from a stale state: run again below.
        }
        finally
        {
            attempt.Closed = true;
            OptimisticAttempt.Current = null;
        }

        return await command().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<CommandResult?> FindReplayAsync(ICommand command, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (command.Context?.IdempotencyKey is not { } key || store.FindIdempotency(key) is not { } entry)
        {
            return Task.FromResult<CommandResult?>(null);
        }

        if (!entry.RequestHash.AsSpan().SequenceEqual(RequestHash(command)))
        {
            throw new RuleViolationException("idempotency.key_conflict", $"idempotency key '{key}' was used by a different command ({entry.CommandType})");
        }

        return Task.FromResult<CommandResult?>(new CommandResult(entry.StreamId, entry.StreamVersion, entry.Position, entry.EventsWritten, Replayed: true));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamId>> FindOpenStreamsAsync(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(store.FindOpenStreams(category, openingTypes, closingTypes));
    }

    /// <summary>Whether every state the attempt used from memory is still its stream's latest (reads only when one was used).</summary>
    private bool AllLatest(OptimisticAttempt attempt) => attempt.Unconfirmed.All(u => store.IsLatest(u.Key, u.Value));

    /// <summary>
    /// Whether an append refused on <paramref name="stream"/> lost to events this writer committed after
    /// the state was served (a race a command reading first loses too), rather than to a state that was
    /// already stale (run again). When that cannot be told, it was not a race: the command runs again.
    /// </summary>
    private bool LostRace(string stream, (long Version, long WriterSeq) served)
    {
        try
        {
            var newer = store.ReadStreamFrom(StreamId.Parse(stream), served.Version + 1, PageSize);
            return newer.Count > 0 && store.CommittedHereAfter(newer.Select(e => e.Seq), served.WriterSeq);
        }
        catch (JournalException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the command's type name and its content (its context left out).</summary>
    internal static byte[] RequestHash(ICommand command)
    {
        var node = JsonSerializer.SerializeToNode(command, command.GetType(), PayloadSerializer.JsonOptions);
        if (node is JsonObject json)
        {
            json.Remove("context");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(command.GetType().FullName + "\n" + node?.ToJsonString()));
    }

    private string NameOf(object @event) =>
        store.Serializer.Registry.TryGetName(@event.GetType(), out var name)
            ? name
            : throw new InvalidOperationException($"{@event.GetType().FullName} has no [EventType] name registered");

    /// <summary>
    /// With an idempotency key, event ids are derived from the key, so a retry after a crash appends
    /// the same ids and the tape's own idempotency returns the first positions. Without one, new ids.
    /// </summary>
    private Guid EventId(CommandContext context, StreamId stream, int index)
    {
        if (context.IdempotencyKey is not { } key)
        {
            return Guid.CreateVersion7(time.GetUtcNow());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"journal.event-id.v1\n{key}\n{stream.Value}\n{index}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
