using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Application.Aggregates;

/// <summary>
/// The loads of one attempt at a command. On a first attempt a stream whose latest state the store
/// remembers is served from memory; the append's exact expected version confirms a stream that is
/// written, and <see cref="RemembersOnlyLatest"/> confirms the others before anything is written. The
/// stream of the caller's precondition is always read from the tape and checked against it.
/// </summary>
internal sealed class CommandAttempt(AggregateStore store, Precondition? precondition, bool mayUseMemory) : IAggregateLoader
{
    private readonly Dictionary<string, (StreamId Stream, long Version, long Position)> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, long Position)> _loaded = new(StringComparer.Ordinal);

    /// <summary>Some stream was served from memory, unconfirmed by the tape.</summary>
    public bool ServedFromMemory => _served.Count > 0;

    /// <summary>The caller's precondition was not met: the refusal stands, the command is not run again.</summary>
    public bool PreconditionFailed { get; private set; }

    /// <inheritdoc />
    public Task<Loaded<TState>> LoadAsync<TState, TEvent>(StreamId stream, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct)
        where TState : class
        where TEvent : class
    {
        ct.ThrowIfCancellationRequested();
        var guarded = precondition is not null && precondition.Stream == stream;
        Loaded<TState> loaded;
        if (mayUseMemory && !guarded && store.TryRemember<TState>(stream, out var remembered))
        {
            _served.TryAdd(stream.Value, (stream, remembered.Version, remembered.Position));
            loaded = remembered;
        }
        else
        {
            loaded = store.CatchUp(stream, initial, evolve);
        }

        _loaded[stream.Value] = (loaded.Version, loaded.Position);
        if (guarded)
        {
            Check(loaded.Version);
        }

        return Task.FromResult(loaded);
    }

    /// <summary>Checks the precondition of a command that did not load its stream itself.</summary>
    public Task CheckPreconditionAsync(CancellationToken ct)
    {
        if (precondition is not null && !_loaded.ContainsKey(precondition.Stream.Value))
        {
            ct.ThrowIfCancellationRequested();
            Check(store.ReadVersion(precondition.Stream).Version);
        }

        return Task.CompletedTask;
    }

    /// <summary>The version and last position of <paramref name="stream"/> as this attempt saw it (read when it did not load it).</summary>
    public Task<(long Version, long Position)> VersionOfAsync(StreamId stream, CancellationToken ct)
    {
        if (_loaded.TryGetValue(stream.Value, out var seen))
        {
            return Task.FromResult(seen);
        }

        ct.ThrowIfCancellationRequested();
        return Task.FromResult(store.ReadVersion(stream));
    }

    /// <summary>
    /// Whether every state served from memory (but those of the streams in <paramref name="except"/>,
    /// which their appends confirm) is still its stream's latest.
    /// </summary>
    public bool RemembersOnlyLatest(Func<StreamId, long, bool> isLatest, IReadOnlyList<AggregateChange>? except = null)
    {
        foreach (var (name, (stream, version, _)) in _served)
        {
            if (except is not null && except.Any(c => c.Stream.Value == name))
            {
                continue;
            }

            if (!isLatest(stream, version))
            {
                return false;
            }
        }

        return true;
    }

    private void Check(long actual)
    {
        if (!precondition!.Expected.IsMetBy(actual))
        {
            PreconditionFailed = true;
            throw new WrongExpectedVersionException(precondition.Stream.Value, precondition.Expected.ToString(), actual);
        }
    }
}
