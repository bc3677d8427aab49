using Journal.Benchmarks.Tape;
using Npgsql;
using NpgsqlTypes;

namespace Journal.Benchmarks.Postgres;

/// <summary>
/// The raw baseline on PostgreSQL: a table of the same shape as the tape's <c>journal_events</c> (same columns, types,
/// checks, unique constraints and index; no triggers), written with one prepared INSERT per event and a COMMIT after
/// each. No redaction, no codec, no hashing, no lock: seq comes from an in-process counter, and the digest and hash
/// columns get fixed 32-byte values, as in the SQLite baseline (<see cref="RawTape"/>).
/// </summary>
internal sealed class RawPgTape : IAsyncDisposable
{
    private const string Ddl = """
        CREATE TABLE journal_events (
            seq             bigint  PRIMARY KEY CHECK (seq >= 1),
            event_id        bytea   NOT NULL UNIQUE CHECK (octet_length(event_id) = 16),
            stream_id       text    NOT NULL CHECK (char_length(stream_id) BETWEEN 1 AND 200),
            stream_version  bigint  NOT NULL CHECK (stream_version >= 1),
            event_type      text    NOT NULL CHECK (char_length(event_type) BETWEEN 1 AND 200),
            recorded_at     bigint  NOT NULL,
            metadata        bytea   NOT NULL,
            payload         bytea,
            payload_digest  bytea   NOT NULL CHECK (octet_length(payload_digest) = 32),
            prev_hash       bytea   NOT NULL CHECK (octet_length(prev_hash) = 32),
            hash            bytea   NOT NULL CHECK (octet_length(hash) = 32),
            UNIQUE (stream_id, stream_version)
        );
        CREATE INDEX journal_events_by_type ON journal_events (event_type, seq);
        """;

    private const string Insert = """
        INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        """;

    private static readonly byte[] Digest = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] PrevHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 3))];
    private static readonly byte[] Hash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private readonly PgDatabase _database;
    private readonly Caller[] _callers;
    private long _seq;

    private RawPgTape(PgDatabase database, Caller[] callers)
    {
        _database = database;
        _callers = callers;
    }

    /// <summary>A fresh database with the table, and one open connection with a prepared INSERT per caller (untimed).</summary>
    public static async Task<RawPgTape> OpenAsync(Journal.Testing.Postgres.PostgresServer server, int callers)
    {
        var database = await PgDatabase.CreateAsync(server, "raw").ConfigureAwait(false);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var ddl = new NpgsqlCommand(Ddl, connection);
            await ddl.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var opened = new Caller[callers];
        for (var c = 0; c < callers; c++)
        {
            opened[c] = await Caller.OpenAsync(database.ConnectionString, $"note-{c}").ConfigureAwait(false);
        }

        return new RawPgTape(database, opened);
    }

    /// <summary>Every caller writes <paramref name="perCaller"/> rows to its own stream, one transaction per row, all at once.</summary>
    public async Task<long> WriteAsync(int perCaller)
    {
        await Task.WhenAll(_callers.Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                await c.InsertAsync(Interlocked.Increment(ref _seq)).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return (long)perCaller * _callers.Length;
    }

    /// <summary>The baseline side: a fresh tape per round, <paramref name="callers"/> callers of <paramref name="perCaller"/> rows.</summary>
    public static BenchSide Side(Journal.Testing.Postgres.PostgresServer server, int callers, int perCaller) => new(
        async () => await OpenAsync(server, callers).ConfigureAwait(false),
        state => ((RawPgTape)state!).WriteAsync(perCaller),
        async state => await ((RawPgTape)state!).DisposeAsync().ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        foreach (var caller in _callers)
        {
            await caller.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One caller's connection, stream and prepared statement.</summary>
    private sealed class Caller : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _insert;
        private readonly string _stream;
        private long _version;

        private Caller(NpgsqlConnection connection, NpgsqlCommand insert, string stream)
        {
            _connection = connection;
            _insert = insert;
            _stream = stream;
        }

        public static async Task<Caller> OpenAsync(string connectionString, string stream)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            var insert = new NpgsqlCommand(Insert, connection);
            foreach (var type in new[]
                     {
                         NpgsqlDbType.Bigint, NpgsqlDbType.Bytea, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bigint,
                         NpgsqlDbType.Bytea, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea,
                     })
            {
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
            }

            await insert.PrepareAsync().ConfigureAwait(false);
            return new Caller(connection, insert, stream);
        }

        public async Task InsertAsync(long seq)
        {
            await using var transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false);
            _insert.Transaction = transaction;
            var p = _insert.Parameters;
            p[0].Value = seq;
            p[1].Value = Guid.CreateVersion7().ToByteArray(bigEndian: true);
            p[2].Value = _stream;
            p[3].Value = ++_version;
            p[4].Value = BenchEvents.EventType;
            p[5].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            p[6].Value = BenchEvents.RawMetadata;
            p[7].Value = BenchEvents.RawPayloads[seq % BenchEvents.RawPayloads.Length];
            p[8].Value = Digest;
            p[9].Value = PrevHash;
            p[10].Value = Hash;
            await _insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
