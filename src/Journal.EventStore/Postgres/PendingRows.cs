using Journal.EventStore.Chain;
using Journal.EventStore.Serialization;
using Journal.EventStore.Writing;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// The rows a group has written but not yet sent: its chained events and its idempotency records, looked up
/// by event id and by key the way the server would answer once they are sent, and undone to a mark when a
/// request inside the group is refused.
/// </summary>
internal sealed class PendingRows
{
    private readonly List<Row> _events = [];
    private readonly Dictionary<Guid, int> _byId = [];
    private readonly List<(string Key, IdempotencyEntry Entry, long RecordedAt)> _idempotency = [];
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);

    public IReadOnlyList<Row> Events => _events;

    public IReadOnlyList<(string Key, IdempotencyEntry Entry, long RecordedAt)> Idempotency => _idempotency;

    public void AddEvent(in ChainFields fields, EncodedEvent encoded, byte[] prevHash, byte[] hash)
    {
        _byId[fields.EventId] = _events.Count;
        _events.Add(new Row(fields, encoded, prevHash, hash));
    }

    public void AddIdempotency(IdempotencyRecord record, string stream, long version, long position, int eventsWritten, long recordedAt)
    {
        _byKey[record.Key] = _idempotency.Count;
        _idempotency.Add((record.Key, new IdempotencyEntry(record.RequestHash, record.CommandType, stream, version, position, eventsWritten), recordedAt));
    }

    public bool TryFindIdentity(Guid eventId, out (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)? identity)
    {
        if (_byId.TryGetValue(eventId, out var index))
        {
            var row = _events[index];
            identity = (row.Fields.Seq, row.Fields.StreamId, row.Fields.StreamVersion, row.Fields.EventType, row.Encoded.PayloadDigest);
            return true;
        }

        identity = null;
        return false;
    }

    public bool TryFindIdempotency(string key, out IdempotencyEntry? entry)
    {
        entry = _byKey.TryGetValue(key, out var index) ? _idempotency[index].Entry : null;
        return entry is not null;
    }

    public Mark Position() => new(_events.Count, _idempotency.Count);

    public void TruncateTo(Mark mark)
    {
        for (var i = mark.Events; i < _events.Count; i++)
        {
            _byId.Remove(_events[i].Fields.EventId);
        }

        for (var i = mark.Idempotency; i < _idempotency.Count; i++)
        {
            _byKey.Remove(_idempotency[i].Key);
        }

        _events.RemoveRange(mark.Events, _events.Count - mark.Events);
        _idempotency.RemoveRange(mark.Idempotency, _idempotency.Count - mark.Idempotency);
    }

    public void Clear()
    {
        _events.Clear();
        _byId.Clear();
        _idempotency.Clear();
        _byKey.Clear();
    }

    /// <summary>The group's events as one insert: a parameter per column, an array element per row.</summary>
    public NpgsqlBatchCommand InsertEvents(string sql)
    {
        var n = _events.Count;
        var seq = new long[n];
        var eventId = new byte[n][];
        var streamId = new string[n];
        var version = new long[n];
        var eventType = new string[n];
        var recordedAt = new long[n];
        var metadata = new byte[n][];
        var payload = new byte[n][];
        var digest = new byte[n][];
        var prevHash = new byte[n][];
        var hash = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            var row = _events[i];
            seq[i] = row.Fields.Seq;
            eventId[i] = row.Fields.EventId.ToByteArray(bigEndian: true);
            streamId[i] = row.Fields.StreamId;
            version[i] = row.Fields.StreamVersion;
            eventType[i] = row.Fields.EventType;
            recordedAt[i] = row.Fields.RecordedAt;
            metadata[i] = row.Encoded.Metadata;
            payload[i] = row.Encoded.Payload;
            digest[i] = row.Encoded.PayloadDigest;
            prevHash[i] = row.PrevHash;
            hash[i] = row.Hash;
        }

        var command = new NpgsqlBatchCommand(sql);
        var p = command.Parameters;
        p.AddWithValue("seq", seq);
        p.AddWithValue("event_id", eventId);
        p.AddWithValue("stream_id", streamId);
        p.AddWithValue("stream_version", version);
        p.AddWithValue("event_type", eventType);
        p.AddWithValue("recorded_at", recordedAt);
        p.AddWithValue("metadata", metadata);
        p.AddWithValue("payload", payload);
        p.AddWithValue("payload_digest", digest);
        p.AddWithValue("prev_hash", prevHash);
        p.AddWithValue("hash", hash);
        return command;
    }

    /// <summary>The group's idempotency records as one insert.</summary>
    public NpgsqlBatchCommand InsertIdempotency(string sql)
    {
        var rows = _idempotency;
        var command = new NpgsqlBatchCommand(sql);
        var p = command.Parameters;
        p.AddWithValue("key", rows.Select(r => r.Key).ToArray());
        p.AddWithValue("request_hash", rows.Select(r => r.Entry.RequestHash).ToArray());
        p.AddWithValue("command_type", rows.Select(r => r.Entry.CommandType).ToArray());
        p.AddWithValue("stream_id", rows.Select(r => r.Entry.StreamId).ToArray());
        p.AddWithValue("stream_version", rows.Select(r => r.Entry.StreamVersion).ToArray());
        p.AddWithValue("position", rows.Select(r => r.Entry.Position).ToArray());
        p.AddWithValue("events_written", rows.Select(r => r.Entry.EventsWritten).ToArray());
        p.AddWithValue("recorded_at", rows.Select(r => r.RecordedAt).ToArray());
        return command;
    }

    internal readonly record struct Row(ChainFields Fields, EncodedEvent Encoded, byte[] PrevHash, byte[] Hash);

    internal readonly record struct Mark(int Events, int Idempotency);
}
