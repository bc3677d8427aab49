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
    /// <summary>
    /// A page of one stream. Runs on the caller's thread: it is one or two index seeks on a lent
    /// connection with prepared statements, cheaper than a hop to another thread.
    /// </summary>
    public Task<StreamSlice> ReadStreamAsync(StreamId stream, long fromVersion, ReadDirection direction, int maxCount, CancellationToken ct)
    {
        if (maxCount is < 1 or > 10_000)
        {
            throw new Domain.Errors.ValidationException("maxCount", "must be between 1 and 10000");
        }

        ct.ThrowIfCancellationRequested();
        using var session = connections.Rent();
        using var transaction = session.Connection.BeginTransaction(deferred: true);
        var version = StreamVersion(session, transaction, stream.Value);
        var from = direction == ReadDirection.Forward ? Math.Max(1, fromVersion) : Math.Min(fromVersion, version);
        var command = session.Command(direction == ReadDirection.Forward ? TapeSql.SelectStreamForward : TapeSql.SelectStreamBackward, transaction);
        command.Parameters.AddWithValue("$stream_id", stream.Value);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$limit", maxCount);
        var events = EventRow.ReadAll(command);
        long? next = null;
        if (events.Count == maxCount)
        {
            var last = events[^1].StreamVersion;
            next = direction == ReadDirection.Forward
                ? (last < version ? last + 1 : null)
                : (last > 1 ? last - 1 : null);
        }

        return Task.FromResult(new StreamSlice(stream, events, version, next));
    }

    /// <summary>Up to <paramref name="limit"/> events of a stream from a version on, in one statement (no stream version).</summary>
    public List<RecordedEvent> ReadStreamFrom(string stream, long fromVersion, int limit)
    {
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectStreamForward);
        command.Parameters.AddWithValue("$stream_id", stream);
        command.Parameters.AddWithValue("$from", fromVersion);
        command.Parameters.AddWithValue("$limit", limit);
        return EventRow.ReadAll(command);
    }

    /// <summary>A stream's last version and position, by one index seek.</summary>
    public Ports.StreamHead ReadStreamHead(string stream)
    {
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectStreamHead);
        command.Parameters.AddWithValue("$stream_id", stream);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Ports.StreamHead(reader.GetInt64(0), reader.GetInt64(1)) : default;
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
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectAllFrom);
        command.Parameters.AddWithValue("$from", fromSeq);
        command.Parameters.AddWithValue("$limit", limit);
        return EventRow.ReadAll(command);
    }

    public Task<TapeHead> ReadHeadAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectHead);
        using var reader = command.ExecuteReader();
        var head = reader.Read() ? new TapeHead(reader.GetInt64(0), (byte[])reader.GetValue(1)) : new TapeHead(0, ChainHash.Genesis);
        return Task.FromResult(head);
    }

    public Task<RecordedEvent?> FindEventAsync(Guid eventId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectByEventId);
        command.Parameters.AddWithValue("$event_id", eventId.ToByteArray(bigEndian: true));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? EventRow.Read(reader) : null);
    }

    public Task<long> ReadStreamVersionAsync(StreamId stream, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var session = connections.Rent();
        return Task.FromResult(StreamVersion(session, null, stream.Value));
    }

    public Writing.IdempotencyEntry? FindIdempotency(string key)
    {
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectIdempotency);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Writing.IdempotencyRows.Read(reader) : null;
    }

    /// <summary>
    /// The streams of <paramref name="category"/> open by these types, from the set the writer keeps
    /// (journal_open_streams), in time proportional to the open streams. The first ask of a category, or an ask
    /// with other types than those registered, registers the types and fills the set from the rows (one scan,
    /// under the write lock); a registration refused (a type already registered for another category) falls back
    /// to the scan, which answers the same streams or fewer.
    /// </summary>
    public IReadOnlyList<StreamId> FindOpenStreams(string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var connection = connections.Open();
        using (var read = connection.BeginTransaction(deferred: true))
        {
            if (Registered(connection, read, category, openingTypes, closingTypes))
            {
                return KeptOpenStreams(connection, read, category);
            }
        }

        try
        {
            using var write = connection.BeginTransaction(deferred: false);
            if (!Registered(connection, write, category, openingTypes, closingTypes))
            {
                using var register = Command(connection, write, TapeSql.RegisterOpenTypes);
                register.Parameters.AddWithValue("$category", category);
                register.Parameters.AddWithValue("$opening", System.Text.Json.JsonSerializer.Serialize(openingTypes));
                register.Parameters.AddWithValue("$closing", System.Text.Json.JsonSerializer.Serialize(closingTypes));
                register.ExecuteNonQuery();
                using var fill = Command(connection, write, TapeSql.OpenKeptStreams);
                fill.Parameters.AddWithValue("$after", 0L);
                fill.Parameters.AddWithValue("$category", category);
                fill.ExecuteNonQuery();
            }

            var streams = KeptOpenStreams(connection, write, category);
            write.Commit();
            return streams;
        }
        catch (SqliteException error) when (error.SqliteErrorCode is SqliteConstraint or SqliteReadOnly)
        {
            return ScanOpenStreams(connection, category, openingTypes, closingTypes);
        }
    }

    private const int SqliteConstraint = 19;
    private const int SqliteReadOnly = 8;

    /// <summary>Whether the category's registered types are exactly these.</summary>
    private static bool Registered(SqliteConnection connection, SqliteTransaction transaction, string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var command = Command(connection, transaction, TapeSql.SelectOpenTypes);
        command.Parameters.AddWithValue("$category", category);
        using var reader = command.ExecuteReader();
        return RegisteredOpenTypes.AreExactly(reader, openingTypes, closingTypes);
    }

    private static List<StreamId> KeptOpenStreams(SqliteConnection connection, SqliteTransaction transaction, string category)
    {
        using var command = Command(connection, transaction, TapeSql.SelectKeptOpenStreams);
        command.Parameters.AddWithValue("$category", category);
        return ReadStreams(command);
    }

    /// <summary>The scan of the whole tape the kept set replaces: streams with an opening event and no closing one.</summary>
    private static List<StreamId> ScanOpenStreams(SqliteConnection connection, string category, IReadOnlyCollection<string> openingTypes, IReadOnlyCollection<string> closingTypes)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectOpenStreams;
        command.Parameters.AddWithValue("$opening", System.Text.Json.JsonSerializer.Serialize(openingTypes));
        command.Parameters.AddWithValue("$closing", System.Text.Json.JsonSerializer.Serialize(closingTypes));
        command.Parameters.AddWithValue("$prefix", category + "-");
        return ReadStreams(command);
    }

    private static List<StreamId> ReadStreams(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var streams = new List<StreamId>();
        while (reader.Read())
        {
            streams.Add(StreamId.Parse(reader.GetString(0)));
        }

        return streams;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public TapeStats ReadStats()
    {
        using var session = connections.Rent();
        var command = session.Command(TapeSql.SelectStats);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TapeStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Payloads erased so far: kept by the writer in the erasing commit, one row read.</summary>
    public long ReadErasedPayloads()
    {
        using var session = connections.Rent();
        return (long)session.Command(TapeSql.SelectErasedPayloads).ExecuteScalar()!;
    }

    /// <summary>Events on the tape by type, as kept by the writer.</summary>
    public IReadOnlyList<EventTypeCount> ReadTypeCounts() => TypeCounts(TapeSql.SelectTypeCounts);

    /// <summary>
    /// Counts the tape by scanning it: for a file made before the counts this code reads (schema version 7), which the
    /// read-only inspector cannot migrate.
    /// </summary>
    public (TapeStats Stats, IReadOnlyList<EventTypeCount> Types) Recount()
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return (Stats(connection, transaction, TapeSql.RecountStats), TypeCounts(connection, transaction, TapeSql.RecountTypes));
    }

    /// <summary>The kept counts against a full recount of the tape (a scan: for the maintenance check only).</summary>
    public CountsComparison CompareCounts()
    {
        using var connection = connections.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return new CountsComparison(
            Stats(connection, transaction, TapeSql.SelectStats),
            TypeCounts(connection, transaction, TapeSql.SelectTypeCounts),
            Stats(connection, transaction, TapeSql.RecountStats),
            TypeCounts(connection, transaction, TapeSql.RecountTypes));
    }

    private List<EventTypeCount> TypeCounts(string sql)
    {
        using var connection = connections.Open();
        return TypeCounts(connection, null, sql);
    }

    private static TapeStats Stats(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TapeStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static List<EventTypeCount> TypeCounts(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var counts = new List<EventTypeCount>();
        while (reader.Read())
        {
            counts.Add(new EventTypeCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    private static long StreamVersion(ReadSession session, SqliteTransaction? transaction, string stream)
    {
        var command = session.Command(TapeSql.SelectStreamVersion, transaction);
        command.Parameters.AddWithValue("$stream_id", stream);
        return command.ExecuteScalar() is long version ? version : 0;
    }
}

/// <summary>Counts over the tape.</summary>
/// <param name="Events">Rows on the tape.</param>
/// <param name="Streams">Distinct streams.</param>
/// <param name="ErasedPayloads">Rows whose payload was erased.</param>
public sealed record TapeStats(long Events, long Streams, long ErasedPayloads);
