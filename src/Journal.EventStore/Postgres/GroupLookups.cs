using Journal.EventStore.Writing;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// What one group's requests will ask the tape (their event ids, idempotency keys and streams), fetched in one
/// round trip under the head lock and answered from memory until the group ends.
/// </summary>
internal sealed class GroupLookups
{
    private readonly Dictionary<Guid, (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)?> _identities = [];
    private readonly Dictionary<string, IdempotencyEntry?> _idempotency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    /// <summary>What the requests from <paramref name="from"/> on will ask that was not asked yet.</summary>
    public Ask Collect(IReadOnlyList<WriteRequest> group, int from)
    {
        var ids = new List<byte[]>();
        var keys = new List<string>();
        var streams = new List<string>();
        for (var i = from; i < group.Count; i++)
        {
            if (group[i] is not AppendRequest append)
            {
                continue;
            }

            if (append.Idempotency is { } record && _idempotency.TryAdd(record.Key, null))
            {
                keys.Add(record.Key);
            }

            foreach (var stream in append.Streams)
            {
                if (_versions.TryAdd(stream.Stream.Value, 0))
                {
                    streams.Add(stream.Stream.Value);
                }

                foreach (var encoded in stream.Events)
                {
                    if (_identities.TryAdd(encoded.EventId, null))
                    {
                        ids.Add(Bytes(encoded.EventId));
                    }
                }
            }
        }

        return new Ask([.. ids], [.. keys], [.. streams]);
    }

    public bool TryGetIdentity(Guid eventId, out (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)? identity) =>
        _identities.TryGetValue(eventId, out identity);

    public bool TryGetIdempotency(string key, out IdempotencyEntry? entry) => _idempotency.TryGetValue(key, out entry);

    public bool TryGetVersion(string stream, out long version) => _versions.TryGetValue(stream, out version);

    public void ReadIdentities(NpgsqlDataReader reader)
    {
        while (reader.Read())
        {
            var (eventId, identity) = ReadIdentity(reader);
            _identities[eventId] = identity;
        }
    }

    public void ReadIdempotency(NpgsqlDataReader reader)
    {
        while (reader.Read())
        {
            var entry = ReadIdempotency(reader, out var key);
            _idempotency[key] = entry;
        }
    }

    public void ReadVersions(NpgsqlDataReader reader)
    {
        while (reader.Read())
        {
            _versions[reader.GetString(0)] = reader.GetInt64(1);
        }
    }

    public void Clear()
    {
        _identities.Clear();
        _idempotency.Clear();
        _versions.Clear();
    }

    /// <summary>An event id as the tape stores it: the Guid's big-endian bytes.</summary>
    public static byte[] Bytes(Guid eventId) => eventId.ToByteArray(bigEndian: true);

    /// <summary>A row of <c>SelectIdentities.sql</c>.</summary>
    public static (Guid EventId, (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest) Identity) ReadIdentity(NpgsqlDataReader reader) =>
        (new Guid((byte[])reader.GetValue(0), bigEndian: true), (reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), (byte[])reader.GetValue(5)));

    /// <summary>A row of <c>SelectIdempotencies.sql</c>.</summary>
    public static IdempotencyEntry ReadIdempotency(NpgsqlDataReader reader, out string key)
    {
        key = reader.GetString(0);
        return new IdempotencyEntry((byte[])reader.GetValue(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt32(6));
    }

    internal readonly record struct Ask(byte[][] EventIds, string[] Keys, string[] Streams)
    {
        public bool IsEmpty => EventIds.Length == 0 && Keys.Length == 0 && Streams.Length == 0;
    }
}
