using Journal.Domain.Tape;
using Journal.Domain.ToolJobs;
using Journal.Projections.Runtime;
using Journal.Projections.ToolJobs;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Tests.Runtime;

/// <summary>The writer's prepared statements bind values exactly as ADO.NET would, and keep deferred upserts straight.</summary>
public sealed class ReadModelWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-writer", Guid.NewGuid().ToString("N"));
    private readonly ReadModelStore _store;
    private readonly SqliteConnection _connection;
    private readonly ReadModelWriter _db;

    public ReadModelWriterTests()
    {
        _store = new ReadModelStore(Path.Combine(_directory, "projections.db"));
        _connection = _store.OpenWriter(1);
        _db = new ReadModelWriter(_connection);
        _db.ExecuteScript("CREATE TABLE t (k TEXT PRIMARY KEY, s TEXT, i INTEGER, r REAL, b BLOB, g BLOB)");
    }

    [Fact]
    public void Execute_binds_each_value_type_as_ado_net_does()
    {
        var blob = new byte[] { 0, 1, 2, 255 };
        var changed = _db.Execute("INSERT INTO t (k, s, i, r, b) VALUES ($k, $s, $i, $r, $b)", ("$k", "a"), ("$s", "żluť 😀"), ("$i", 42L), ("$r", 2.5), ("$b", blob));
        _db.Execute("INSERT INTO t (k, s, i, r, b) VALUES ($k, $s, $i, $r, $b)", ("$k", "b"), ("$s", ""), ("$i", 7), ("$r", null), ("$b", DBNull.Value));
        _db.Execute("INSERT INTO t (k, s, i) VALUES ($k, $s, $i)", ("$k", "c"), ("$s", null), ("$i", true));

        Assert.Equal(1, changed);
        Assert.Equal(("żluť 😀", 42L, 2.5, "000102FF"), Row("a", r => (r.GetString(0), r.GetInt64(1), r.GetDouble(2), Convert.ToHexString((byte[])r.GetValue(3)))));
        Assert.Equal(("", "integer", "null", "null"), Row("b", r => (r.GetString(0), Type(r, 1), Type(r, 2), Type(r, 3))));
        Assert.Equal(("null", 1L), Row("c", r => (Type(r, 0), r.GetInt64(1))));
    }

    [Fact]
    public void Execute_falls_back_to_ado_net_for_other_types_and_binds_them_the_same()
    {
        var id = Guid.NewGuid();
        _db.Execute("INSERT INTO t (k, g) VALUES ($k, $g)", ("$k", "g"), ("$g", id));

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t WHERE g = $g";
        command.Parameters.AddWithValue("$g", id);
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public void Execute_runs_every_statement_of_a_text_and_sums_their_changes()
    {
        _db.Execute("INSERT INTO t (k, i) VALUES ('x', 1)");
        var changed = _db.Execute("DELETE FROM t WHERE k = $k; INSERT INTO t (k, i) VALUES ($k, $i); INSERT INTO t (k, i) VALUES ($k || '2', $i)", ("$k", "x"), ("$i", 9L));

        Assert.Equal(3, changed);
        Assert.Equal(9L, Row("x", r => r.GetInt64(1)));
        Assert.Equal(9L, Row("x2", r => r.GetInt64(1)));
    }

    [Fact]
    public void Execute_reports_a_constraint_violation_as_a_SqliteException_and_stays_usable()
    {
        const string insert = "INSERT INTO t (k, i) VALUES ($k, $i)";
        _db.Execute(insert, ("$k", "dup"), ("$i", 1L));

        var error = Assert.Throws<SqliteException>(() => _db.Execute(insert, ("$k", "dup"), ("$i", 2L)));
        _db.Execute(insert, ("$k", "next"), ("$i", 3L));

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(1L, Row("dup", r => r.GetInt64(1)));
        Assert.Equal(3L, Row("next", r => r.GetInt64(1)));
    }

    [Fact]
    public void FlushDeferred_writes_each_row_once_with_its_last_values_and_Discard_forgets_them()
    {
        const string upsert = "INSERT INTO t (k, i) VALUES ($k, $i) ON CONFLICT (k) DO UPDATE SET i = excluded.i";
        _db.DeferWrites = true;
        _db.Upsert(upsert, "a", [("$k", "a"), ("$i", 1L)]);
        _db.Upsert(upsert, "a", [("$k", "a"), ("$i", 2L)]);
        _db.Upsert(upsert, "b", [("$k", "b"), ("$i", 5L)]);
        Assert.Equal(0L, Count());
        _db.FlushDeferred();
        _db.Upsert(upsert, "c", [("$k", "c"), ("$i", 7L)]);
        _db.Discard();
        _db.FlushDeferred();

        Assert.Equal(2L, Count());
        Assert.Equal(2L, Row("a", r => r.GetInt64(1)));
        Assert.Equal(5L, Row("b", r => r.GetInt64(1)));
    }

    [Fact]
    public void FlushDeferred_treats_equal_statement_texts_from_different_strings_as_one_statement()
    {
        const string upsert = "INSERT INTO t (k, i) VALUES ($k, $i) ON CONFLICT (k) DO UPDATE SET i = excluded.i";
        var copy = new string(upsert.AsSpan());
        _db.DeferWrites = true;
        _db.Upsert(copy, "a", [("$k", "a"), ("$i", 1L)]);
        _db.FlushDeferred();
        _db.Upsert(upsert, "a", [("$k", "a"), ("$i", 2L)]);
        _db.Upsert(copy, "a", [("$k", "a"), ("$i", 3L)]);
        _db.FlushDeferred();

        Assert.False(ReferenceEquals(copy, upsert));
        Assert.Equal(3L, Row("a", r => r.GetInt64(1)));
    }

    [Fact]
    public void TrimCaches_keeps_all_the_writers_caches_together_under_its_budget_by_emptying_the_largest()
    {
        // Four caches, each under its own cap, that together hold more than the writer's budget.
        var each = ReadModelWriter.CachesBudgetBytes / 3;
        for (var c = 0; c < 4; c++)
        {
            Sized($"c{c}").Set(1, each - ReadModelCache<int, long>.EntryOverhead - c);
        }

        _db.TrimCaches();

        Assert.True(_db.CachedBytes <= ReadModelWriter.CachesBudgetBytes, $"{_db.CachedBytes} bytes kept");
        Assert.False(Sized("c0").TryGet(1, out _));
        Assert.All(new[] { "c1", "c2", "c3" }, name => Assert.True(Sized(name).TryGet(1, out _)));
    }

    [Fact]
    public void ToolJobsProjection_counts_a_jobs_output_tail_in_what_its_cache_holds()
    {
        var projection = new ToolJobsProjection();
        projection.Create(_db);
        var job = Guid.NewGuid();
        var at = DateTimeOffset.UnixEpoch;
        var text = new string('x', 50_000);

        Apply(projection, new ToolJobQueued(job, Guid.NewGuid(), null, "bash", null, at), 1);
        Apply(projection, new ToolJobOutputAppended(job, 0, ToolOutputStream.Stdout, text, text.Length, new string('0', 64), 1_000_000, at), 2);

        Assert.True(_db.CachedBytes >= 2L * text.Length, $"{_db.CachedBytes} bytes counted for a 50,000-character tail");
    }

    private ReadModelCache<int, long> Sized(string name) => _db.Cache<int, long>(name, bytes => bytes);

    private void Apply(IProjection projection, object payload, long seq)
    {
        var recorded = new RecordedEvent(seq, Guid.NewGuid(), "tooljob-x", seq, "sample", 0, EventMetadata.Empty, null, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        projection.Apply(_db, new ProjectedEvent(recorded, payload));
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private long Count() => _db.Scalar<long>("SELECT count(*) FROM t");

    private T Row<T>(string key, Func<SqliteDataReader, T> map) =>
        Assert.Single(_db.Query("SELECT s, i, r, b FROM t WHERE k = $k", map, ("$k", key)));

    private static string Type(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "null" : reader.GetDataTypeName(ordinal).ToLowerInvariant() switch
    {
        "text" => "text",
        "integer" => "integer",
        var other => other,
    };
}
