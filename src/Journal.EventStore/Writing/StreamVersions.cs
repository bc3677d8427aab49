namespace Journal.EventStore.Writing;

/// <summary>
/// The current version of each stream the writer touched, kept across groups so an append checks its
/// expected version without a query. Only the writer's own commits keep it true: it is dropped whenever
/// the head moved under the writer or a group failed, and when it grows past <see cref="MaxCached"/>.
/// </summary>
internal sealed class StreamVersions(ITapeStatements sql)
{
    private const int MaxCached = 100_000;

    private readonly Dictionary<string, long> _cached = new(StringComparer.Ordinal);

    /// <summary>The stream's version as the group sees it: its own pending writes first, then the cache, then the tape.</summary>
    public long Current(string stream, GroupState state)
    {
        if (state.TryGetVersion(stream, out var pending))
        {
            return pending;
        }

        if (_cached.TryGetValue(stream, out var cached))
        {
            return cached;
        }

        var version = sql.StreamVersion(stream);
        _cached[stream] = version;
        return version;
    }

    /// <summary>Keeps the versions a committed group wrote.</summary>
    public void Keep(GroupState state)
    {
        foreach (var (stream, version) in state.Versions)
        {
            _cached[stream] = version;
        }

        if (_cached.Count > MaxCached)
        {
            _cached.Clear();
        }
    }

    /// <summary>Forgets every cached version (the tape may have changed under the writer).</summary>
    public void Forget() => _cached.Clear();
}
