using System.Data;
using System.Data.Common;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Journal.EventStore.Writing;
using Npgsql;

namespace Journal.EventStore.Postgres;

/// <summary>
/// The group commit's statements on PostgreSQL, on one connection of the writer's own. A round trip costs what
/// a SQLite call does not, so a group costs two: the transaction's start, the head lock, the head read (with the
/// types registered to open or close a stream) and every lookup its requests will make (<see cref="Prepare"/> asks them before <see cref="Head"/> sends them);
/// and the rows, the idempotency records, the notification, the counts (the open set's statements only for a
/// group holding a registered type) and the commit (<see cref="Commit"/>). Rows are held back until then,
/// so what a request asks about rows of its own group is answered from memory.
/// </summary>
internal sealed class PostgresTapeStatements(NpgsqlDataSource dataSource) : ITapeStatements
{
    private static readonly string BeginSql = SqlText.Load("Postgres/Writing/Begin.sql");
    private static readonly string LockHeadSql = SqlText.Load("Postgres/Writing/LockHead.sql");
    private static readonly string SelectHeadSql = SqlText.Load("Postgres/Writing/SelectHead.sql");
    private static readonly string SelectIdentitiesSql = SqlText.Load("Postgres/Writing/SelectIdentities.sql");
    private static readonly string SelectIdempotenciesSql = SqlText.Load("Postgres/Writing/SelectIdempotencies.sql");
    private static readonly string SelectStreamVersionsSql = SqlText.Load("Postgres/Writing/SelectStreamVersions.sql");
    private static readonly string InsertEventsSql = SqlText.Load("Postgres/Writing/InsertEvents.sql");
    private static readonly string InsertIdempotenciesSql = SqlText.Load("Postgres/Writing/InsertIdempotencies.sql");
    private static readonly string NotifySql = SqlText.Load("Postgres/Writing/NotifyCommitted.sql");
    private static readonly string SelectPayloadStateSql = SqlText.Load("Postgres/Writing/SelectPayloadState.sql");
    private static readonly string ErasePayloadSql = SqlText.Load("Postgres/Writing/ErasePayload.sql");
    private static readonly string AddCountsSql = SqlText.Load("Postgres/Writing/AddCounts.sql");
    private static readonly string OpenKeptStreamsSql = SqlText.Load("Postgres/Writing/OpenKeptStreams.sql");
    private static readonly string CloseKeptStreamsSql = SqlText.Load("Postgres/Writing/CloseKeptStreams.sql");
    private static readonly string SelectStreamForwardSql = SqlText.Load("Postgres/Writing/SelectStreamForward.sql");

    private readonly PendingRows _pending = new();
    private readonly GroupLookups _lookups = new();
    private NpgsqlConnection? _connection;
    private bool _beginPending;
    private bool _inTransaction;
    private PendingRows.Mark _savepoint;
    private int _openingRowSets;
    private GroupLookups.Ask? _deferred;
    private GroupCounts? _counts;
    private long _openSetMoves;
    private readonly OpenSetTypes _openTypes = new();
    private bool _openTypesRead;

    /// <summary>The head lock is held from the head read to the commit: every instance waits on it, so no group gathers while holding it.</summary>
    public bool GathersBeforeBegin => true;

    public void Begin()
    {
        Connection();
        _pending.Clear();
        _lookups.Clear();
        _deferred = null;
        _beginPending = true;
        _inTransaction = true;
    }

    /// <summary>Held for the commit's batch: the counts cost no round trip of their own.</summary>
    public void AddCounts(GroupCounts counts) => _counts = counts;

    public long OpenSetMoves => Interlocked.Read(ref _openSetMoves);

    public void Commit()
    {
        if (_beginPending)
        {
            // Nothing was asked or written: there is no transaction on the server to end.
            End();
            return;
        }

        try
        {
            using var batch = new NpgsqlBatch(Connection());
            if (_pending.Events.Count > 0)
            {
                batch.BatchCommands.Add(_pending.InsertEvents(InsertEventsSql));
                var notify = new NpgsqlBatchCommand(NotifySql);
                notify.Parameters.AddWithValue("head", _pending.Events[^1].Fields.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
                batch.BatchCommands.Add(notify);
            }

            if (_pending.Idempotency.Count > 0)
            {
                batch.BatchCommands.Add(_pending.InsertIdempotency(InsertIdempotenciesSql));
            }

            var moves = _counts is { } counted && AddCounts(batch, counted);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            batch.ExecuteNonQuery();
            if (moves)
            {
                Interlocked.Increment(ref _openSetMoves);
            }
        }
        finally
        {
            End();
        }
    }

    public void Rollback()
    {
        var sent = !_beginPending;
        End();
        if (sent && _connection is { State: ConnectionState.Open } connection)
        {
            using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            rollback.ExecuteNonQuery();
        }
    }

    public void Savepoint()
    {
        Execute("SAVEPOINT request");
        _savepoint = _pending.Position();
    }

    public void ReleaseSavepoint() => Execute("RELEASE SAVEPOINT request");

    public void RollbackToSavepoint()
    {
        Execute("ROLLBACK TO SAVEPOINT request");
        Execute("RELEASE SAVEPOINT request");
        _pending.TruncateTo(_savepoint);
    }

    public (long Seq, byte[] Hash, long RecordedAt) Head()
    {
        var opening = _beginPending;
        try
        {
            return ReadHead();
        }
        catch (NpgsqlException ex) when (opening && ex is not PostgresException)
        {
            // The connection died while idle (the server restarted since the last group): nothing of this group
            // reached the server, so it starts again once on a new connection instead of failing its callers.
            Reconnect();
            _beginPending = true;
            return ReadHead();
        }
    }

    private (long Seq, byte[] Hash, long RecordedAt) ReadHead()
    {
        using var batch = Batch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(SelectHeadSql));
        var lookups = _deferred;
        if (lookups is { } ask)
        {
            AddLookups(batch, ask);
        }

        using var reader = Read(batch);
        reader.Read();
        var head = reader.IsDBNull(0)
            ? (0, ChainHash.Genesis.ToArray(), 0)
            : (reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetInt64(2));
        if (_inTransaction)
        {
            // Read under the head lock: true of the tape until this group commits.
            _openTypes.Replace(reader.GetFieldValue<string[]>(3));
            _openTypesRead = true;
        }

        if (lookups is not null)
        {
            reader.NextResult();
            ReadLookups(reader);
            _deferred = null;
        }

        return head;
    }

    public void Prepare(IReadOnlyList<WriteRequest> group, int from)
    {
        var ask = _lookups.Collect(group, from);
        if (ask.IsEmpty)
        {
            return;
        }

        if (_beginPending)
        {
            // Asked before the head: they ride in the head's round trip, after the lock.
            _deferred = ask;
            return;
        }

        using var batch = Batch();
        AddLookups(batch, ask);
        using var reader = Read(batch);
        ReadLookups(reader);
    }

    private static void AddLookups(NpgsqlBatch batch, GroupLookups.Ask ask)
    {
        Add(batch, SelectIdentitiesSql, "event_ids", ask.EventIds);
        Add(batch, SelectIdempotenciesSql, "keys", ask.Keys);
        Add(batch, SelectStreamVersionsSql, "streams", ask.Streams);
    }

    private void ReadLookups(NpgsqlDataReader reader)
    {
        _lookups.ReadIdentities(reader);
        reader.NextResult();
        _lookups.ReadIdempotency(reader);
        reader.NextResult();
        _lookups.ReadVersions(reader);
    }

    public long StreamVersion(string stream)
    {
        if (_lookups.TryGetVersion(stream, out var known))
        {
            return known;
        }

        using var batch = Batch();
        Add(batch, SelectStreamVersionsSql, "streams", new[] { stream });
        using var reader = Read(batch);
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    public List<RecordedEvent> StreamFrom(string stream, long fromVersion, int limit)
    {
        using var command = new NpgsqlCommand(SelectStreamForwardSql, Connection());
        command.Parameters.AddWithValue("stream_id", stream);
        command.Parameters.AddWithValue("from", fromVersion);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var events = new List<RecordedEvent>();
        while (reader.Read())
        {
            events.Add(EventRow.Read(reader));
        }

        return events;
    }

    public (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)? FindIdentity(Guid eventId)
    {
        if (_pending.TryFindIdentity(eventId, out var pending))
        {
            return pending;
        }

        if (_lookups.TryGetIdentity(eventId, out var known))
        {
            return known;
        }

        using var batch = Batch();
        Add(batch, SelectIdentitiesSql, "event_ids", new[] { GroupLookups.Bytes(eventId) });
        using var reader = Read(batch);
        return reader.Read() ? GroupLookups.ReadIdentity(reader).Identity : null;
    }

    public IdempotencyEntry? FindIdempotency(string key)
    {
        if (_pending.TryFindIdempotency(key, out var pending))
        {
            return pending;
        }

        if (_lookups.TryGetIdempotency(key, out var known))
        {
            return known;
        }

        using var batch = Batch();
        Add(batch, SelectIdempotenciesSql, "keys", new[] { key });
        using var reader = Read(batch);
        return reader.Read() ? GroupLookups.ReadIdempotency(reader, out _) : null;
    }

    public void InsertIdempotency(IdempotencyRecord record, string stream, long version, long position, int eventsWritten, long recordedAt) =>
        _pending.AddIdempotency(record, stream, version, position, eventsWritten, recordedAt);

    public (string EventType, bool Erased)? PayloadState(long seq)
    {
        using var batch = Batch();
        var command = new NpgsqlBatchCommand(SelectPayloadStateSql);
        command.Parameters.AddWithValue("seq", seq);
        batch.BatchCommands.Add(command);
        using var reader = Read(batch);
        return reader.Read() ? (reader.GetString(0), reader.GetBoolean(1)) : null;
    }

    public void ErasePayload(long seq)
    {
        using var batch = Batch();
        var command = new NpgsqlBatchCommand(ErasePayloadSql);
        command.Parameters.AddWithValue("seq", seq);
        batch.BatchCommands.Add(command);
        batch.ExecuteNonQuery();
    }

    public void Insert(in ChainFields fields, EncodedEvent encoded, byte[] prevHash, byte[] hash) =>
        _pending.AddEvent(fields, encoded, prevHash, hash);

    public StorageException Describe(string what, DbException error) => PostgresErrors.Describe(what, error);

    public bool IsConstraintViolation(DbException error) => PostgresErrors.IsConstraintViolation(error);

    public void CapGrowth(bool capped) =>
        throw new NotSupportedException("capping the storage is a seam of the SQLite tape; PostgreSQL manages its own");

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>
    /// The writer's connection, opened again when the last one broke (the server restarted, the network
    /// dropped): the next group after an outage reconnects by itself.
    /// </summary>
    private NpgsqlConnection Connection()
    {
        if (_connection is { FullState: ConnectionState.Open } open)
        {
            return open;
        }

        if (_inTransaction && !_beginPending)
        {
            // A transaction the server started died with the connection; a new one would not hold its work.
            throw new NpgsqlException("the connection to the tape was lost inside a group commit");
        }

        if (_connection is not null)
        {
            Reconnect();
        }

        var connection = dataSource.CreateConnection();
        connection.Open();
        _connection = connection;
        return connection;
    }

    /// <summary>
    /// Drops the writer's dead connection, and the pool's idle ones with it: they died with the same server,
    /// and readers would otherwise meet them one failure at a time.
    /// </summary>
    private void Reconnect()
    {
        _connection?.Dispose();
        _connection = null;
        dataSource.Clear();
    }

    /// <summary>A batch on the writer's connection that first starts the transaction and takes the head lock, when that is still to do.</summary>
    private NpgsqlBatch Batch()
    {
        var batch = new NpgsqlBatch(Connection());
        _openingRowSets = 0;
        if (_beginPending)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(BeginSql));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockHeadSql));
            _beginPending = false;
            _openingRowSets = 1;
        }

        return batch;
    }

    private void Execute(string sql)
    {
        using var batch = Batch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        batch.ExecuteNonQuery();
    }

    /// <summary>
    /// Adds the group's counts to the commit batch, and the kept open set's statements when the group holds a type
    /// registered to open or close a stream (read with the head); true when it added them.
    /// </summary>
    private bool AddCounts(NpgsqlBatch batch, GroupCounts counts)
    {
        var add = new NpgsqlBatchCommand(AddCountsSql);
        add.Parameters.AddWithValue("events", counts.Events);
        add.Parameters.AddWithValue("streams", counts.Streams);
        add.Parameters.AddWithValue("erased_payloads", counts.ErasedPayloads);
        add.Parameters.AddWithValue("types", counts.ByType.Keys.ToArray());
        add.Parameters.AddWithValue("counts", counts.ByType.Values.ToArray());
        batch.BatchCommands.Add(add);
        if (counts.Events == 0 || (_openTypesRead && !_openTypes.AnyOf(counts.ByType)))
        {
            return false;
        }

        batch.BatchCommands.Add(KeptStreams(OpenKeptStreamsSql, counts.AfterSeq, category: null));
        var close = new NpgsqlBatchCommand(CloseKeptStreamsSql);
        close.Parameters.AddWithValue("after", counts.AfterSeq);
        batch.BatchCommands.Add(close);
        return true;
    }

    /// <summary>
    /// The statement that adds the streams opened after <paramref name="after"/> to the kept set: for every
    /// registered category (the writer), or for one (a registration filling it from the rows).
    /// </summary>
    internal static NpgsqlBatchCommand KeptStreams(string sql, long after, string? category)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.Add(new NpgsqlParameter("category", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)category ?? DBNull.Value });
        return command;
    }

    /// <summary>The kept open set's fill statement (Sql/Postgres/Writing/OpenKeptStreams.sql).</summary>
    internal static string OpenKeptStreams => OpenKeptStreamsSql;

    private static void Add<T>(NpgsqlBatch batch, string sql, string name, T[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(name, values);
        batch.BatchCommands.Add(command);
    }

    /// <summary>
    /// Runs a batch and moves its reader to the first row set of its own statements, past the head lock's
    /// (a single void row) when the batch opened the transaction.
    /// </summary>
    private NpgsqlDataReader Read(NpgsqlBatch batch)
    {
        var reader = batch.ExecuteReader();
        for (var i = 0; i < _openingRowSets; i++)
        {
            reader.NextResult();
        }

        return reader;
    }

    private void End()
    {
        _deferred = null;
        _counts = null;
        _openTypesRead = false;
        _beginPending = false;
        _inTransaction = false;
        _pending.Clear();
        _lookups.Clear();
    }
}
