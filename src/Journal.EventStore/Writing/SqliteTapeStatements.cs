using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Reading;
using Journal.EventStore.Serialization;
using Journal.EventStore.Sql;
using System.Data.Common;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Writing;

/// <summary>The writer's prepared statements on its own connection, with parameters bound by position of use.</summary>
internal sealed class SqliteTapeStatements : ITapeStatements
{
    /// <summary>The insert's parameters in the order <see cref="Insert"/> binds them.</summary>
    private const int SqliteConstraint = 19;

    private static readonly string[] InsertParameters =
        ["$seq", "$event_id", "$stream_id", "$stream_version", "$event_type", "$recorded_at", "$metadata", "$payload", "$payload_digest", "$prev_hash", "$hash"];

    private readonly NativeStatement _insert;
    private readonly int[] _insertIndexes;
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _version;
    private readonly NativeStatement _identity;
    private readonly int _identityEventId;
    private readonly SqliteCommand _payloadState;
    private readonly SqliteCommand _erase;
    private readonly SqliteCommand _findIdempotency;
    private readonly SqliteCommand _insertIdempotency;
    private readonly SqliteCommand _addErased;
    private readonly SqliteCommand _foldCounts;
    private readonly NativeStatement _dataVersion;
    private readonly NativeStatement _registeredTypes;
    private readonly OpenSetTypes _openTypes = new();
    private long? _openTypesVersion;
    private readonly SqliteCommand _openKept;
    private readonly SqliteCommand _closeKept;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackTo;
    private readonly SqliteCommand _streamFrom;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly byte[] _eventIdBuffer = new byte[16];
    private readonly SqliteConnection _connection;
    private long _openSetMoves;

    /// <summary>Prepares the writer's statements on <paramref name="connection"/>, which it then owns (and closes).</summary>
    public SqliteTapeStatements(SqliteConnection connection)
    {
        _connection = connection;
        _insert = new NativeStatement(connection, TapeSql.InsertEvent);
        _insertIndexes = [.. InsertParameters.Select(_insert.Parameter)];
        _head = Create(connection, TapeSql.SelectHead);
        _version = Create(connection, TapeSql.SelectStreamVersion);
        _version.Parameters.Add("$stream_id", SqliteType.Text);
        _identity = new NativeStatement(connection, TapeSql.SelectEventIdentity);
        _identityEventId = _identity.Parameter("$event_id");
        _payloadState = Create(connection, TapeSql.SelectPayloadState);
        _payloadState.Parameters.Add("$seq", SqliteType.Integer);
        _erase = Create(connection, TapeSql.ErasePayload);
        _erase.Parameters.Add("$seq", SqliteType.Integer);
        _findIdempotency = Create(connection, TapeSql.SelectIdempotency);
        _findIdempotency.Parameters.Add("$key", SqliteType.Text);
        _insertIdempotency = Create(connection, TapeSql.InsertIdempotency);
        foreach (var name in new[] { "$key", "$request_hash", "$command_type", "$stream_id", "$stream_version", "$position", "$events_written", "$recorded_at" })
        {
            _insertIdempotency.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _addErased = Create(connection, TapeSql.AddErasedPayloads);
        _addErased.Parameters.Add("$erased_payloads", SqliteType.Integer);
        _foldCounts = Create(connection, TapeSql.FoldCounts);
        _foldCounts.Parameters.Add("$through", SqliteType.Integer);
        _dataVersion = new NativeStatement(connection, "PRAGMA data_version;");
        _registeredTypes = new NativeStatement(connection, TapeSql.SelectRegisteredTypes);

        _openKept = Create(connection, TapeSql.OpenKeptStreams);
        _openKept.Parameters.Add("$after", SqliteType.Integer);
        _openKept.Parameters.Add(new SqliteParameter("$category", SqliteType.Text) { Value = DBNull.Value });
        _closeKept = Create(connection, TapeSql.CloseKeptStreams);
        _closeKept.Parameters.Add("$after", SqliteType.Integer);

        _begin = Create(connection, "BEGIN IMMEDIATE;");
        _commit = Create(connection, "COMMIT;");
        _rollback = Create(connection, "ROLLBACK;");

        // Kept prepared: a group sets one savepoint per request.
        _savepoint = Create(connection, "SAVEPOINT request;");
        _release = Create(connection, "RELEASE request;");
        _rollbackTo = Create(connection, "ROLLBACK TO request;");

        // Reads between groups, outside any transaction.
        _streamFrom = Create(connection, TapeSql.SelectStreamForward);
        _streamFrom.Parameters.Add("$stream_id", SqliteType.Text);
        _streamFrom.Parameters.Add("$from", SqliteType.Integer);
        _streamFrom.Parameters.Add("$limit", SqliteType.Integer);
    }

    /// <summary>
    /// Begins the group's write transaction. The writer runs BEGIN, COMMIT and ROLLBACK as prepared
    /// statements of its own (no <see cref="SqliteTransaction"/>, which parses them anew each time), so
    /// every statement here runs with no transaction object set.
    /// </summary>
    /// <summary>The file has one writer: a group gathers inside its transaction, applying requests as they arrive.</summary>
    public bool GathersBeforeBegin => false;

    public void Begin() => _begin.ExecuteNonQuery();

    /// <summary>Every lookup is a call into the file already open in this process: nothing to fetch ahead.</summary>
    public void Prepare(IReadOnlyList<WriteRequest> group, int from)
    {
    }

    public StorageException Describe(string what, DbException error) =>
        error is SqliteException sqlite ? StorageException.From(what, sqlite) : new StorageException($"{what}: {error.Message}", error);

    public bool IsConstraintViolation(DbException error) => error is SqliteException { SqliteErrorCode: SqliteConstraint };

    /// <summary>
    /// Stops the file from growing (SQLite's <c>max_page_count</c> set to its current size on the writer's
    /// connection), or lifts that cap: a commit that needs a new page then fails with SQLITE_FULL exactly
    /// as on a full disk.
    /// </summary>
    public void CapGrowth(bool capped)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA page_count;";
        var pages = capped ? Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) : 4294967294L;

        // A pragma takes no bound parameter; the value is a number this method computed.
        command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages};");
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Counts the group's erasures, folds the rows into the kept counts when the group's positions cross a multiple
    /// of <see cref="CountsFold.Every"/> (Sql/Tape/FoldCounts.sql: the rows after the last fold are counted by the
    /// readers, so no other commit writes the counts' pages), and moves the kept open set when the group wrote a
    /// type registered to open or close a stream.
    /// </summary>
    public void AddCounts(GroupCounts counts)
    {
        if (counts.ErasedPayloads > 0)
        {
            _addErased.Parameters[0].Value = counts.ErasedPayloads;
            _addErased.ExecuteNonQuery();
        }

        var through = counts.AfterSeq + counts.Events;
        if (CountsFold.Crosses(counts.AfterSeq, through))
        {
            _foldCounts.Parameters[0].Value = through;
            _foldCounts.ExecuteNonQuery();
        }

        if (counts.Events > 0 && MovesOpenSet(counts))
        {
            _openKept.Parameters[0].Value = counts.AfterSeq;
            _openKept.ExecuteNonQuery();
            _closeKept.Parameters[0].Value = counts.AfterSeq;
            _closeKept.ExecuteNonQuery();
            Interlocked.Increment(ref _openSetMoves);
        }
    }

    /// <summary>
    /// Whether the group wrote a type registered to open or close a stream. The types are read again only when
    /// another connection committed since they were last read (SQLite's <c>data_version</c>, which this
    /// connection's own commits leave alone): a registration is another connection's commit, and read here, inside
    /// the write transaction, none can commit before this group does.
    /// </summary>
    private bool MovesOpenSet(GroupCounts counts)
    {
        var version = _dataVersion.Step() ? _dataVersion.Int64(0) : 0;
        _dataVersion.Reset();
        if (version != _openTypesVersion)
        {
            var types = new List<string>();
            try
            {
                while (_registeredTypes.Step())
                {
                    types.Add(_registeredTypes.Text(0));
                }
            }
            finally
            {
                _registeredTypes.Reset();
            }

            _openTypes.Replace(types);
            _openTypesVersion = version;
        }

        return _openTypes.AnyOf(counts.ByType);
    }

    public long OpenSetMoves => Interlocked.Read(ref _openSetMoves);

    /// <summary>Commits the group's transaction.</summary>
    public void Commit() => _commit.ExecuteNonQuery();

    /// <summary>Rolls the group's transaction back.</summary>
    public void Rollback() => _rollback.ExecuteNonQuery();

    public IdempotencyEntry? FindIdempotency(string key)
    {
        _findIdempotency.Parameters[0].Value = key;
        using var reader = _findIdempotency.ExecuteReader();
        return reader.Read() ? IdempotencyRows.Read(reader) : null;
    }

    public void InsertIdempotency(IdempotencyRecord record, string stream, long version, long position, int eventsWritten, long recordedAt)
    {
        var p = _insertIdempotency.Parameters;
        p[0].Value = record.Key;
        p[1].Value = record.RequestHash;
        p[2].Value = record.CommandType;
        p[3].Value = stream;
        p[4].Value = version;
        p[5].Value = position;
        p[6].Value = eventsWritten;
        p[7].Value = recordedAt;
        _insertIdempotency.ExecuteNonQuery();
    }

    /// <summary>Sets the request savepoint.</summary>
    public void Savepoint() => _savepoint.ExecuteNonQuery();

    /// <summary>Keeps what was done since the savepoint.</summary>
    public void ReleaseSavepoint() => _release.ExecuteNonQuery();

    /// <summary>Undoes what was done since the savepoint and releases it.</summary>
    public void RollbackToSavepoint()
    {
        _rollbackTo.ExecuteNonQuery();
        _release.ExecuteNonQuery();
    }

    public (long Seq, byte[] Hash, long RecordedAt) Head()
    {
        using var reader = _head.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetInt64(2))
            : (0, ChainHash.Genesis.ToArray(), 0);
    }

    public long StreamVersion(string stream)
    {
        _version.Parameters[0].Value = stream;
        return _version.ExecuteScalar() is long version ? version : 0;
    }

    /// <summary>Up to <paramref name="limit"/> events of a stream from a version on; only between groups.</summary>
    public List<RecordedEvent> StreamFrom(string stream, long fromVersion, int limit)
    {
        var p = _streamFrom.Parameters;
        p[0].Value = stream;
        p[1].Value = fromVersion;
        p[2].Value = limit;
        return EventRow.ReadAll(_streamFrom);
    }

    public (long Seq, string StreamId, long StreamVersion, string EventType, byte[] PayloadDigest)? FindIdentity(Guid eventId)
    {
        eventId.TryWriteBytes(_eventIdBuffer, bigEndian: true, out _);
        _identity.Bind(_identityEventId, _eventIdBuffer);
        try
        {
            return _identity.Step()
                ? (_identity.Int64(0), _identity.Text(1), _identity.Int64(2), _identity.Text(3), _identity.Blob(4))
                : null;
        }
        finally
        {
            _identity.Reset();
        }
    }

    public (string EventType, bool Erased)? PayloadState(long seq)
    {
        _payloadState.Parameters[0].Value = seq;
        using var reader = _payloadState.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1) != 0) : null;
    }

    public void ErasePayload(long seq)
    {
        _erase.Parameters[0].Value = seq;
        _erase.ExecuteNonQuery();
    }

    public void Insert(in ChainFields fields, EncodedEvent encoded, byte[] prevHash, byte[] hash)
    {
        Span<byte> id = stackalloc byte[16];
        fields.EventId.TryWriteBytes(id, bigEndian: true, out _);
        var p = _insertIndexes;
        _insert.Bind(p[0], fields.Seq);
        _insert.Bind(p[1], id);
        _insert.Bind(p[2], fields.StreamId);
        _insert.Bind(p[3], fields.StreamVersion);
        _insert.Bind(p[4], fields.EventType);
        _insert.Bind(p[5], fields.RecordedAt);
        _insert.Bind(p[6], encoded.Metadata);
        _insert.Bind(p[7], encoded.Payload);
        _insert.Bind(p[8], encoded.PayloadDigest);
        _insert.Bind(p[9], prevHash);
        _insert.Bind(p[10], hash);
        _insert.Execute();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _head.Dispose();
        _version.Dispose();
        _identity.Dispose();
        _payloadState.Dispose();
        _erase.Dispose();
        _findIdempotency.Dispose();
        _insertIdempotency.Dispose();
        _addErased.Dispose();
        _foldCounts.Dispose();
        _dataVersion.Dispose();
        _registeredTypes.Dispose();
        _openKept.Dispose();
        _closeKept.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackTo.Dispose();
        _streamFrom.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _connection.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
