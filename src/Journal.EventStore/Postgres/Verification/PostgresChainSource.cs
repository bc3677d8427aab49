using System.Data;
using Journal.EventStore.Chain;
using Journal.EventStore.Erasure;
using Journal.EventStore.Postgres.Reading;
using Journal.EventStore.Verification;
using Npgsql;

namespace Journal.EventStore.Postgres.Verification;

/// <summary>
/// The rows of a PostgreSQL tape for verification, in one REPEATABLE READ transaction (one snapshot for the whole
/// check). Rows come in pages read whole before they are checked, so the lookups a check makes between two rows
/// can run on the same connection (it carries one statement at a time).
/// </summary>
internal sealed class PostgresChainSource : IChainSource
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly int _pageSize;

    private PostgresChainSource(NpgsqlConnection connection, NpgsqlTransaction transaction, int pageSize)
    {
        _connection = connection;
        _transaction = transaction;
        _pageSize = pageSize;
    }

    /// <summary>Opens a connection of <paramref name="dataSource"/> and its snapshot; scans read <paramref name="pageSize"/> rows a page.</summary>
    public static async Task<PostgresChainSource> OpenAsync(NpgsqlDataSource dataSource, int pageSize, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            return new PostgresChainSource(connection, transaction, pageSize);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<(long Seq, byte[] Hash)> ReadHeadAsync(CancellationToken ct)
    {
        await using var command = Command(PostgresReadSql.SelectHead);
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
                : (0L, ChainHash.Genesis.ToArray());
        }
    }

    public async ValueTask<byte[]?> ReadHashAtAsync(long seq, CancellationToken ct)
    {
        await using var command = Command(PostgresVerifySql.SelectHashAt);
        command.Parameters.AddWithValue("seq", seq);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is byte[] { Length: ChainHash.Size } hash ? hash : null;
    }

    public ValueTask<IChainRows> OpenRangeAsync(long from, long to, CancellationToken ct) => ValueTask.FromResult<IChainRows>(new Rows(this, from, to));

    public async ValueTask<long?> FindSeqByHashAsync(byte[] hash, long seq, CancellationToken ct)
    {
        await using var command = Command(PostgresVerifySql.SelectSeqByHash);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("seq", seq);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long other ? other : null;
    }

    public async ValueTask<long> ReadVersionBeforeAsync(byte[] streamUtf8, long before, CancellationToken ct)
    {
        await using var command = Command(PostgresVerifySql.SelectStreamVersionBefore);
        command.Parameters.AddWithValue("stream", streamUtf8);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is long version ? version : 0;
    }

    public async ValueTask ReadErasedSeqsAsync(long to, Action<long> each, CancellationToken ct)
    {
        await using var command = Command(PostgresVerifySql.SelectErasedSeqs);
        command.Parameters.AddWithValue("to", to);
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                each(reader.GetInt64(0));
            }
        }
    }

    public async ValueTask ReadErasureRecordsAfterAsync(long after, Action<long, byte[]?> each, CancellationToken ct)
    {
        await using var command = Command(PostgresVerifySql.SelectErasureRecordsAfter);
        command.Parameters.AddWithValue("type", ErasureRecord.EventTypeName);
        command.Parameters.AddWithValue("stream", ErasureRecord.StreamName);
        command.Parameters.AddWithValue("after", after);
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                each(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
            }
        }
    }

    /// <summary>PostgreSQL's own word that a page or an index is damaged (SQLSTATE XX001, XX002).</summary>
    public bool IsCorrupt(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted };

    public async ValueTask DisposeAsync()
    {
        // Nothing was written: ending the snapshot is all a rollback does here.
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    /// <summary>One stored row, its text columns as UTF-8 bytes.</summary>
    private sealed record Row(
        long Seq,
        byte[] EventId,
        byte[] StreamId,
        long StreamVersion,
        byte[] EventType,
        long RecordedAt,
        byte[] Metadata,
        byte[]? Payload,
        byte[] PayloadDigest,
        byte[] PrevHash,
        byte[] Hash);

    /// <summary>The range read a page at a time (keyset on seq); columns are served from the page in memory.</summary>
    private sealed class Rows(PostgresChainSource source, long from, long to) : IChainRows
    {
        private readonly List<Row> _page = new(source._pageSize);
        private int _at = -1;
        private long _next = from;
        private bool _exhausted;

        private Row Current => _page[_at];

        public long Seq => Current.Seq;

        public ReadOnlySpan<byte> EventId => Current.EventId;

        public ReadOnlySpan<byte> StreamId => Current.StreamId;

        public long StreamVersion => Current.StreamVersion;

        public ReadOnlySpan<byte> EventType => Current.EventType;

        public long RecordedAt => Current.RecordedAt;

        public ReadOnlySpan<byte> Metadata => Current.Metadata;

        public bool PayloadErased => Current.Payload is null;

        public ReadOnlySpan<byte> Payload => Current.Payload;

        public ReadOnlySpan<byte> PayloadDigest => Current.PayloadDigest;

        public ReadOnlySpan<byte> PrevHash => Current.PrevHash;

        public ReadOnlySpan<byte> Hash => Current.Hash;

        public async ValueTask<bool> MoveNextAsync(CancellationToken ct)
        {
            if (++_at < _page.Count)
            {
                return true;
            }

            if (_exhausted)
            {
                return false;
            }

            await LoadPageAsync(ct).ConfigureAwait(false);
            _at = 0;
            return _page.Count > 0;
        }

        /// <summary>The schema types every column (bigint, bytea, text): no value can be stored as another type.</summary>
        public bool SeqMisplaced(out string expected, out string found)
        {
            (expected, found) = (string.Empty, string.Empty);
            return false;
        }

        /// <inheritdoc cref="SeqMisplaced"/>
        public bool ColumnMisplaced(out string expected, out string found)
        {
            (expected, found) = (string.Empty, string.Empty);
            return false;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private async Task LoadPageAsync(CancellationToken ct)
        {
            _page.Clear();
            await using var command = source.Command(PostgresVerifySql.SelectVerifyRange);
            command.Parameters.AddWithValue("from", _next);
            command.Parameters.AddWithValue("to", to);
            command.Parameters.AddWithValue("limit", source._pageSize);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    _page.Add(new Row(
                        reader.GetInt64(0),
                        reader.GetFieldValue<byte[]>(1),
                        reader.GetFieldValue<byte[]>(2),
                        reader.GetInt64(3),
                        reader.GetFieldValue<byte[]>(4),
                        reader.GetInt64(5),
                        reader.GetFieldValue<byte[]>(6),
                        reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7),
                        reader.GetFieldValue<byte[]>(8),
                        reader.GetFieldValue<byte[]>(9),
                        reader.GetFieldValue<byte[]>(10)));
                }
            }

            _exhausted = _page.Count < source._pageSize;
            if (_page.Count > 0)
            {
                _next = _page[^1].Seq + 1;
            }
        }
    }
}
