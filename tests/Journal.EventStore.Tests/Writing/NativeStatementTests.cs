using Journal.EventStore.Storage;
using Journal.EventStore.Writing;
using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Tests.Writing;

public sealed class NativeStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public NativeStatementTests()
    {
        _connection.Open();
        Scalar(_connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB NOT NULL);");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Binds_by_parameter_name_and_reads_the_row_back()
    {
        using var insert = new NativeStatement(_connection, "INSERT INTO t (id, name, data) VALUES ($id, $name, $data);");
        insert.Bind(insert.Parameter("$id"), 7);
        insert.Bind(insert.Parameter("$name"), "sieben ✓");
        insert.Bind(insert.Parameter("$data"), new byte[] { 1, 2, 3 });
        insert.Execute();

        using var select = new NativeStatement(_connection, "SELECT id, name, data FROM t WHERE name = $name;");
        select.Bind(select.Parameter("$name"), "sieben ✓");
        Assert.True(select.Step());
        Assert.Equal(7, select.Int64(0));
        Assert.Equal("sieben ✓", select.Text(1));
        Assert.Equal(new byte[] { 1, 2, 3 }, select.Blob(2));
        select.Reset();
    }

    [Fact]
    public void A_constraint_failure_is_a_SqliteException_with_code_19_and_the_statement_stays_usable()
    {
        using var insert = new NativeStatement(_connection, "INSERT INTO t (name, data) VALUES ($name, $data);");
        insert.Bind(insert.Parameter("$name"), "a");
        insert.Bind(insert.Parameter("$data"), ReadOnlySpan<byte>.Empty);
        insert.Execute();

        var error = Assert.Throws<SqliteException>(insert.Execute);
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);

        insert.Bind(insert.Parameter("$name"), "b");
        insert.Execute();
        Assert.Equal(2L, Scalar(_connection, "SELECT count(*) FROM t;"));
    }

    [Fact]
    public void A_step_that_finds_no_row_returns_false()
    {
        using var select = new NativeStatement(_connection, "SELECT id FROM t WHERE name = $name;");
        select.Bind(select.Parameter("$name"), "missing");
        Assert.False(select.Step());
    }

    [Fact]
    public void A_step_that_finds_a_table_locked_is_retried_until_the_lock_is_gone()
    {
        var name = "native-" + Guid.NewGuid().ToString("N");
        using var writer = new SqliteConnection($"Data Source={name};Mode=Memory;Cache=Shared");
        using var reader = new SqliteConnection($"Data Source={name};Mode=Memory;Cache=Shared");
        writer.Open();
        reader.Open();
        Scalar(writer, "CREATE TABLE s (v INTEGER); INSERT INTO s VALUES (1), (2);");

        // A read left open holds the shared cache's lock on the table, so the insert finds it locked.
        using var select = reader.CreateCommand();
        select.CommandText = "SELECT v FROM s;";
        var open = select.ExecuteReader();
        Assert.True(open.Read());
        var retries = 0;
        using var insert = new NativeStatement(writer, "INSERT INTO s VALUES (3);", onBusy: () =>
        {
            retries++;
            open.Dispose();
        });

        insert.Execute();

        Assert.True(retries >= 1, "the insert never met the lock");
        Assert.Equal(3L, Scalar(writer, "SELECT count(*) FROM s;"));
    }

    [Fact]
    public void Unknown_parameters_and_bad_sql_are_refused()
    {
        using var select = new NativeStatement(_connection, "SELECT id FROM t WHERE name = $name;");
        Assert.Throws<InvalidOperationException>(() => select.Parameter("$nope"));
        Assert.Throws<SqliteException>(() => new NativeStatement(_connection, "SELEC nothing"));
    }

    /// <summary>Runs SQL through ADO.NET (set-up and checks, not the code under test).</summary>
    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
