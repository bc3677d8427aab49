using System.Runtime.CompilerServices;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Reading;

/// <summary>Reads the tape on pooled read connections; WAL lets reads run beside the writer.</summary>
internal sealed class TapeReader(SqliteConnections connections, int batchSize)
{
    public async Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct)
    {
        if (maxCount is < 1 or > 10_000)
        {
            throw new Domain.Errors.ValidationException("maxCount", "must be between 1 and 10000");
        }

        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = StreamVersion(connection, transaction, stream.Value);
        var from = direction == ReadDirection.Forward ? Math.Max(1, fromVersion) : Math.Min(fromVersion, version);
        var events = new List<RecordedEvent>(Math.Min(maxCount, 256));
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = direction == ReadDirection.Forward ? TapeSql.SelectStreamForward : TapeSql.SelectStreamBackward;
            command.Parameters.AddWithValue("$stream_id", stream.Value);
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$limit", maxCount);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                events.Add(EventRow.Read(reader));
            }
        }

        long? next = null;
        if (events.Count == maxCount)
        {
            var last = events[^1].StreamVersion;
            next = direction == ReadDirection.Forward
                ? (last < version ? last + 1 : null)
                : (last > 1 ? last - 1 : null);
        }

        return new StreamSlice(stream, events, version, next);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var next = Math.Max(1, fromSeq);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = ReadBatch(next, batchSize);
            foreach (var recorded in batch)
            {
                yield return recorded;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }

            next = batch[^1].Seq + 1;
            await Task.Yield();
        }
    }

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="fromSeq"/>, in order.</summary>
    public List<RecordedEvent> ReadBatch(long fromSeq, int limit)
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectAllFrom;
        command.Parameters.AddWithValue("$from", fromSeq);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var batch = new List<RecordedEvent>(Math.Min(limit, 1024));
        while (reader.Read())
        {
            batch.Add(EventRow.Read(reader));
        }

        return batch;
    }

    public Task<TapeHead> ReadHeadAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHead;
        using var reader = command.ExecuteReader();
        var head = reader.Read() ? new TapeHead(reader.GetInt64(0), (byte[])reader.GetValue(1)) : new TapeHead(0, ChainHash.Genesis);
        return Task.FromResult(head);
    }

    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectByEventId;
        command.Parameters.AddWithValue("$event_id", eventId.ToByteArray(bigEndian: true));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? EventRow.Read(reader) : null);
    }

    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = connections.Open();
        return Task.FromResult(StreamVersion(connection, null, stream.Value));
    }

    public Writing.IdempotencyEntry? FindIdempotency(string key)
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectIdempotency;
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Writing.IdempotencyRows.Read(reader) : null;
    }

    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectOpenStreams;
        command.Parameters.AddWithValue("$opening", System.Text.Json.JsonSerializer.Serialize(openingTypes));
        command.Parameters.AddWithValue("$closing", System.Text.Json.JsonSerializer.Serialize(closingTypes));
        command.Parameters.AddWithValue("$prefix", category + "-");
        using var reader = command.ExecuteReader();
        var streams = new List<StreamId>();
        while (reader.Read())
        {
            streams.Add(StreamId.Parse(reader.GetString(0)));
        }

        return streams;
    }

    public TapeStats ReadStats()
    {
        using var connection = connections.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectStats;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TapeStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static long StreamVersion(SqliteConnection connection, SqliteTransaction? transaction, string stream)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TapeSql.SelectStreamVersion;
        command.Parameters.AddWithValue("$stream_id", stream);
        return command.ExecuteScalar() is long version ? version : 0;
    }
}

/// <summary>Counts over the tape.</summary>
/// <param name="Events">Rows on the tape.</param>
/// <param name="Streams">Distinct streams.</param>
/// <param name="ErasedPayloads">Rows whose payload was erased.</param>
public sealed record TapeStats(long Events, long Streams, long ErasedPayloads);
