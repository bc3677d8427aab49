using Microsoft.Data.Sqlite;

namespace Journal.Benchmarks.Tape;

/// <summary>
/// The raw baseline: a table of the same shape as <c>journal_events</c> (same columns, constraints and
/// indexes, no triggers), WAL and synchronous=FULL, one prepared INSERT with bound parameters. No
/// redaction, no codec, no hashing: the digest and hash columns get fixed 32-byte values.
/// </summary>
internal sealed class RawTape : IDisposable
{
    private const string Ddl = """
        CREATE TABLE journal_events (
            seq             INTEGER PRIMARY KEY,
            event_id        BLOB    NOT NULL UNIQUE CHECK (length(event_id) = 16),
            stream_id       TEXT    NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 200),
            stream_version  INTEGER NOT NULL CHECK (stream_version >= 1),
            event_type      TEXT    NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
            recorded_at     INTEGER NOT NULL,
            metadata        BLOB    NOT NULL,
            payload         BLOB,
            payload_digest  BLOB    NOT NULL CHECK (length(payload_digest) = 32),
            prev_hash       BLOB    NOT NULL CHECK (length(prev_hash) = 32),
            hash            BLOB    NOT NULL CHECK (length(hash) = 32),
            UNIQUE (stream_id, stream_version)
        );
        CREATE INDEX journal_events_by_type ON journal_events (event_type, seq);
        """;

    private static readonly byte[] Digest = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] PrevHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 3))];
    private static readonly byte[] Hash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;
    private long _seq;

    public RawTape(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(Ddl);
        _insert = _connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash)
            VALUES ($seq, $event_id, $stream_id, $stream_version, $event_type, $recorded_at, $metadata, $payload, $payload_digest, $prev_hash, $hash);
            """;
        _p =
        [
            _insert.Parameters.Add("$seq", SqliteType.Integer),
            _insert.Parameters.Add("$event_id", SqliteType.Blob),
            _insert.Parameters.Add("$stream_id", SqliteType.Text),
            _insert.Parameters.Add("$stream_version", SqliteType.Integer),
            _insert.Parameters.Add("$event_type", SqliteType.Text),
            _insert.Parameters.Add("$recorded_at", SqliteType.Integer),
            _insert.Parameters.Add("$metadata", SqliteType.Blob),
            _insert.Parameters.Add("$payload", SqliteType.Blob),
            _insert.Parameters.Add("$payload_digest", SqliteType.Blob),
            _insert.Parameters.Add("$prev_hash", SqliteType.Blob),
            _insert.Parameters.Add("$hash", SqliteType.Blob),
        ];
        _insert.Prepare();
    }

    /// <summary>Writes <paramref name="rows"/> rows of one stream in one transaction.</summary>
    public void InsertTransaction(string stream, ref long version, int rows)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < rows; i++)
        {
            InsertRow(stream, ++version, now);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Writes one row to each of <paramref name="streams"/> in one transaction (a group commit's shape:
    /// one event each from callers on different streams).
    /// </summary>
    public void InsertTransaction(IReadOnlyList<string> streams, long[] versions)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < streams.Count; i++)
        {
            InsertRow(streams[i], ++versions[i], now);
        }

        transaction.Commit();
    }

    private void InsertRow(string stream, long version, long now)
    {
        var seq = ++_seq;
        _p[0].Value = seq;
        _p[1].Value = Guid.CreateVersion7().ToByteArray(bigEndian: true);
        _p[2].Value = stream;
        _p[3].Value = version;
        _p[4].Value = BenchEvents.EventType;
        _p[5].Value = now;
        _p[6].Value = BenchEvents.RawMetadata;
        _p[7].Value = BenchEvents.RawPayloads[seq % BenchEvents.RawPayloads.Length];
        _p[8].Value = Digest;
        _p[9].Value = PrevHash;
        _p[10].Value = Hash;
        _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
