using Journal.EventStore.Chain;
using Journal.EventStore.Erasure;
using Journal.EventStore.Sql;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Journal.EventStore.Verification;

/// <summary>
/// The rows of a SQLite tape for verification, in one deferred read transaction (one WAL snapshot). Every call
/// completes synchronously: SQLite reads are local, and the scan reads columns as spans straight from the
/// statement (no per-row allocation but one key per new stream).
/// </summary>
internal sealed class SqliteChainSource : IChainSource
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteChainSource(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction(deferred: true);
    }

    /// <summary>Opens a connection and its snapshot.</summary>
    public static SqliteChainSource Open(SqliteConnections connections)
    {
        var connection = connections.Open();
        try
        {
            return new SqliteChainSource(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask<(long Seq, byte[] Hash)> ReadHeadAsync(CancellationToken ct)
    {
        using var command = Command(TapeSql.SelectHead);
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0L, ChainHash.Genesis.ToArray()));
    }

    public ValueTask<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct) => ValueTask.FromResult(ReadHashAt(_connection, seq));

    /// <summary>The stored hash at <paramref name="seq"/>; null when there is no such row or it is not 32 bytes.</summary>
    public static byte[]? ReadHashAt(SqliteConnection connection, long seq)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TapeSql.SelectHashAt;
        command.Parameters.AddWithValue("$seq", seq);
        return command.ExecuteScalar() is byte[] { Length: ChainHash.Size } hash ? hash : null;
    }

    public ValueTask<IChainRows> OpenRangeAsync(long from, long to, CancellationToken ct) =>
        ValueTask.FromResult<IChainRows>(new Rows(_connection.Handle!, from, to));

    public ValueTask<long?> FindSeqByHashAsync(byte[] hash, long seq, CancellationToken ct)
    {
        using var command = Command(TapeSql.SelectSeqByHash);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$seq", seq);
        return ValueTask.FromResult(command.ExecuteScalar() is long other ? other : (long?)null);
    }

    public ValueTask<long> ReadVersionBeforeAsync(byte[] streamUtf8, long before, CancellationToken ct)
    {
        using var command = Command(TapeSql.SelectStreamVersionBefore);
        command.Parameters.AddWithValue("$stream", streamUtf8);
        command.Parameters.AddWithValue("$before", before);
        return ValueTask.FromResult(command.ExecuteScalar() is long version ? version : 0);
    }

    public ValueTask ReadErasedSeqsAsync(long to, Action<long> each, CancellationToken ct)
    {
        using var command = Command(TapeSql.SelectErasedSeqs);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            each(reader.GetInt64(0));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReadErasureRecordsAfterAsync(long after, Action<long, byte[]?> each, CancellationToken ct)
    {
        using var command = Command(TapeSql.SelectErasureRecordsAfter);
        command.Parameters.AddWithValue("$type", ErasureRecord.EventTypeName);
        command.Parameters.AddWithValue("$stream", ErasureRecord.StreamName);
        command.Parameters.AddWithValue("$after", after);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            each(reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1));
        }

        return ValueTask.CompletedTask;
    }

    public bool IsCorrupt(Exception error) =>
        error is StorageException { Code: StorageException.Corrupt } || error is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };

    public ValueTask DisposeAsync()
    {
        _transaction.Dispose();
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>The range stepped with SQLite's own statement: columns are read in place, their storage classes first.</summary>
    private sealed class Rows : IChainRows
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly int[] _classes = new int[ColumnTypes.Count];

        public Rows(sqlite3 db, long from, long to)
        {
            _db = db;
            Check(db, raw.sqlite3_prepare_v2(db, TapeSql.SelectVerifyRange, out _statement));
            raw.sqlite3_bind_int64(_statement, 1, from);
            raw.sqlite3_bind_int64(_statement, 2, to);
        }

        public long Seq => raw.sqlite3_column_int64(_statement, 0);

        public ReadOnlySpan<byte> EventId => raw.sqlite3_column_blob(_statement, 1);

        public ReadOnlySpan<byte> StreamId => raw.sqlite3_column_blob(_statement, 2);

        public long StreamVersion => raw.sqlite3_column_int64(_statement, 3);

        public ReadOnlySpan<byte> EventType => raw.sqlite3_column_blob(_statement, 4);

        public long RecordedAt => raw.sqlite3_column_int64(_statement, 5);

        public ReadOnlySpan<byte> Metadata => raw.sqlite3_column_blob(_statement, 6);

        public bool PayloadErased => _classes[7] == raw.SQLITE_NULL;

        public ReadOnlySpan<byte> Payload => PayloadErased ? default : raw.sqlite3_column_blob(_statement, 7);

        public ReadOnlySpan<byte> PayloadDigest => raw.sqlite3_column_blob(_statement, 8);

        public ReadOnlySpan<byte> PrevHash => raw.sqlite3_column_blob(_statement, 9);

        public ReadOnlySpan<byte> Hash => raw.sqlite3_column_blob(_statement, 10);

        public ValueTask<bool> MoveNextAsync(CancellationToken ct)
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                // Storage classes first: reading a column in another type converts it, after which its type is undefined.
                ColumnTypes.Read(_statement, _classes);
                return ValueTask.FromResult(true);
            }

            Check(_db, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
            return ValueTask.FromResult(false);
        }

        public bool SeqMisplaced(out string expected, out string found)
        {
            (expected, found) = _classes[0] == raw.SQLITE_INTEGER ? (string.Empty, string.Empty) : (ColumnTypes.Describe(0), ColumnTypes.Describe(0, _classes[0]));
            return _classes[0] != raw.SQLITE_INTEGER;
        }

        public bool ColumnMisplaced(out string expected, out string found)
        {
            if (ColumnTypes.Misplaced(_classes) is { } column)
            {
                (expected, found) = (ColumnTypes.Describe(column), ColumnTypes.Describe(column, _classes[column]));
                return true;
            }

            (expected, found) = (string.Empty, string.Empty);
            return false;
        }

        public ValueTask DisposeAsync()
        {
            _statement.Dispose();
            return ValueTask.CompletedTask;
        }

        private static void Check(sqlite3 db, int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                var code = rc is SqliteCorrupt or SqliteNotADatabase ? StorageException.Corrupt : StorageException.Unavailable;
                throw new StorageException($"verification could not read the tape: {raw.sqlite3_errmsg(db).utf8_to_string()}", null, code);
            }
        }
    }
}
