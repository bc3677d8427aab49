using System.Data;
using System.Runtime.CompilerServices;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Reading;
using Journal.EventStore.Writing;
using Npgsql;

namespace Journal.EventStore.Postgres.Reading;

/// <summary>
/// Reads a PostgreSQL tape with the meaning and edge cases of the SQLite <see cref="TapeReader"/>. Each method
/// is one statement on a pooled connection of <paramref name="dataSource"/>, so what it answers comes from one
/// snapshot; the asynchronous ones read asynchronously.
/// </summary>
/// <param name="dataSource">The database holding the tape.</param>
/// <param name="batchSize">Rows per page of <see cref="ReadAllAsync"/>.</param>
internal sealed class PostgresTapeReader(NpgsqlDataSource dataSource, int batchSize)
{
    /// <summary>A page of one stream, with the stream's version and the version to read next.</summary>
    /// <exception cref="Domain.Errors.ValidationException"><paramref name="maxCount"/> is not 1..10000.</exception>
    public async Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct)
    {
        if (maxCount is < 1 or > 10_000)
        {
            throw new Domain.Errors.ValidationException("maxCount", "must be between 1 and 10000");
        }

        ct.ThrowIfCancellationRequested();
        var forward = direction == ReadDirection.Forward;
        await using var command = dataSource.CreateCommand(forward ? PostgresReadSql.SelectStreamForward : PostgresReadSql.SelectStreamBackward);
        command.Parameters.AddWithValue("stream_id", stream.Value);
        command.Parameters.AddWithValue("from", forward ? Math.Max(1, fromVersion) : fromVersion);
        command.Parameters.AddWithValue("limit", maxCount);
        var events = new List<RecordedEvent>();
        long version = 0;
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                version = reader.IsDBNull(11) ? 0 : reader.GetInt64(11);
                if (!reader.IsDBNull(0))
                {
                    events.Add(PostgresEventRow.Read(reader));
                }
            }
        }

        long? next = null;
        if (events.Count == maxCount)
        {
            var last = events[^1].StreamVersion;
            next = forward
                ? (last < version ? last + 1 : null)
                : (last > 1 ? last - 1 : null);
        }

        return new StreamSlice(stream, events, version, next);
    }

    /// <summary>Up to <paramref name="limit"/> events of a stream from a version on, in one statement (no stream version).</summary>
    public List<RecordedEvent> ReadStreamFrom(string stream, long fromVersion, int limit)
    {
        using var command = dataSource.CreateCommand(PostgresReadSql.SelectStreamFrom);
        command.Parameters.AddWithValue("stream_id", stream);
        command.Parameters.AddWithValue("from", fromVersion);
        command.Parameters.AddWithValue("limit", limit);
        return PostgresEventRow.ReadAll(command);
    }

    /// <summary>A stream's last version and position, by one index seek.</summary>
    public Ports.StreamHead ReadStreamHead(string stream)
    {
        using var command = dataSource.CreateCommand(PostgresReadSql.SelectStreamHead);
        command.Parameters.AddWithValue("stream_id", stream);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Ports.StreamHead(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    /// <summary>Every event from <paramref name="fromSeq"/> on, read a page of batchSize rows at a time.</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var next = Math.Max(1, fromSeq);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = await ReadBatchAsync(next, batchSize, ct).ConfigureAwait(false);
            foreach (var recorded in batch)
            {
                yield return recorded;
            }

            if (batch.Count < batchSize)
            {
                yield break;
            }

            next = batch[^1].Seq + 1;
        }
    }

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="fromSeq"/>, in order.</summary>
    public List<RecordedEvent> ReadBatch(long fromSeq, int limit)
    {
        using var command = BatchCommand(fromSeq, limit);
        return PostgresEventRow.ReadAll(command);
    }

    /// <summary>The head position and hash; position 0 and the genesis hash on an empty tape.</summary>
    public async Task<TapeHead> ReadHeadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(PostgresReadSql.SelectHead);
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new TapeHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
                : new TapeHead(0, ChainHash.Genesis);
        }
    }

    /// <summary>The event with this id; null when there is none.</summary>
    public async Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(PostgresReadSql.SelectByEventId);
        command.Parameters.AddWithValue("event_id", eventId.ToByteArray(bigEndian: true));
        var events = await PostgresEventRow.ReadAllAsync(command, ct).ConfigureAwait(false);
        return events.Count == 0 ? null : events[0];
    }

    /// <summary>The stream's last version; 0 when it has no event.</summary>
    public async Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(PostgresReadSql.SelectStreamVersion);
        command.Parameters.AddWithValue("stream_id", stream.Value);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long version ? version : 0;
    }

    /// <summary>The first result recorded under an idempotency key; null when the key is new.</summary>
    public IdempotencyEntry? FindIdempotency(string key)
    {
        using var command = dataSource.CreateCommand(PostgresReadSql.SelectIdempotency);
        command.Parameters.AddWithValue("key", key);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new IdempotencyEntry(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5))
            : null;
    }

    /// <summary>
    /// The streams of <paramref name="category"/> open by these types, in byte order, from the set the writers keep
    /// (journal_open_streams), in time proportional to the open streams. The first ask of a category, or an ask
    /// with other types than those registered, registers the types and fills the set from the rows (one scan,
    /// under the writers' head lock); a registration refused (a type already registered for another category)
    /// falls back to the scan, which answers the same streams or fewer.
    /// </summary>
    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var connection = dataSource.OpenConnection();
        using (var read = connection.BeginTransaction(IsolationLevel.RepeatableRead))
        {
            if (Registered(connection, category, openingTypes, closingTypes))
            {
                return KeptOpenStreams(connection, category);
            }
        }

        try
        {
            using var write = connection.BeginTransaction();
            using (var lockHead = new NpgsqlCommand(PostgresReadSql.LockHead, connection))
            {
                lockHead.ExecuteNonQuery();
            }

            if (!Registered(connection, category, openingTypes, closingTypes))
            {
                using (var register = new NpgsqlCommand(PostgresReadSql.RegisterOpenTypes, connection))
                {
                    register.Parameters.AddWithValue("category", category);
                    register.Parameters.AddWithValue("opening", openingTypes.ToArray());
                    register.Parameters.AddWithValue("closing", closingTypes.ToArray());
                    register.ExecuteNonQuery();
                }

                using var fill = new NpgsqlBatch(connection);
                fill.BatchCommands.Add(PostgresTapeStatements.KeptStreams(PostgresTapeStatements.OpenKeptStreams, 0, category));
                fill.ExecuteNonQuery();
            }

            var streams = KeptOpenStreams(connection, category);
            write.Commit();
            return streams;
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ScanOpenStreams(connection, category, openingTypes, closingTypes);
        }
    }

    /// <summary>Whether the category's registered types are exactly these.</summary>
    private static bool Registered(NpgsqlConnection connection, string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var command = new NpgsqlCommand(PostgresReadSql.SelectOpenTypes, connection);
        command.Parameters.AddWithValue("category", category);
        using var reader = command.ExecuteReader();
        return RegisteredOpenTypes.AreExactly(reader, openingTypes, closingTypes);
    }

    private static List<StreamId> KeptOpenStreams(NpgsqlConnection connection, string category)
    {
        using var command = new NpgsqlCommand(PostgresReadSql.SelectKeptOpenStreams, connection);
        command.Parameters.AddWithValue("category", category);
        return ReadStreams(command);
    }

    /// <summary>The scan of the whole tape the kept set replaces: streams with an opening event and no closing one.</summary>
    private static List<StreamId> ScanOpenStreams(NpgsqlConnection connection, string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var command = new NpgsqlCommand(PostgresReadSql.SelectOpenStreams, connection);
        command.Parameters.AddWithValue("opening", openingTypes.ToArray());
        command.Parameters.AddWithValue("closing", closingTypes.ToArray());
        command.Parameters.AddWithValue("prefix", category + "-");
        return ReadStreams(command);
    }

    private static List<StreamId> ReadStreams(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var streams = new List<StreamId>();
        while (reader.Read())
        {
            streams.Add(StreamId.Parse(reader.GetString(0)));
        }

        return streams;
    }

    /// <summary>Counts of events, streams and erased payloads.</summary>
    public TapeStats ReadStats()
    {
        using var command = dataSource.CreateCommand(PostgresReadSql.SelectStats);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TapeStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Events on the tape by type, as kept by the writer.</summary>
    public IReadOnlyList<EventTypeCount> ReadTypeCounts()
    {
        using var command = dataSource.CreateCommand(PostgresReadSql.SelectTypeCounts);
        return TypeCounts(command);
    }

    /// <summary>The kept counts against a full recount of the tape, in one snapshot (a scan: for the maintenance check only).</summary>
    public CountsComparison CompareCounts()
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        using var kept = new NpgsqlCommand(PostgresReadSql.SelectStats, connection, transaction);
        using var keptTypes = new NpgsqlCommand(PostgresReadSql.SelectTypeCounts, connection, transaction);
        using var recount = new NpgsqlCommand(PostgresReadSql.RecountStats, connection, transaction);
        using var recountTypes = new NpgsqlCommand(PostgresReadSql.RecountTypes, connection, transaction);
        return new CountsComparison(Stats(kept), TypeCounts(keptTypes), Stats(recount), TypeCounts(recountTypes));
    }

    private static TapeStats Stats(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TapeStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static List<EventTypeCount> TypeCounts(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        var counts = new List<EventTypeCount>();
        while (reader.Read())
        {
            counts.Add(new EventTypeCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    private async Task<List<RecordedEvent>> ReadBatchAsync(long fromSeq, int limit, CancellationToken ct)
    {
        await using var command = BatchCommand(fromSeq, limit);
        return await PostgresEventRow.ReadAllAsync(command, ct).ConfigureAwait(false);
    }

    private NpgsqlCommand BatchCommand(long fromSeq, int limit)
    {
        var command = dataSource.CreateCommand(PostgresReadSql.SelectAllFrom);
        command.Parameters.AddWithValue("from", fromSeq);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }
}
