using Journal.EventStore.Storage;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Tape;

/// <summary>Lent read connections keep their prepared statements, and never outlive a cleared pool.</summary>
public sealed class ReadSessionTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteConnections _connections;

    public ReadSessionTests()
    {
        var path = _directory.File("sessions.db");
        using (var create = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            create.Open();
        }

        _connections = new SqliteConnections(path, 1000);
        using var setup = _connections.Open();
        using var command = setup.CreateCommand();
        command.CommandText = "CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3);";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_session_given_back_is_lent_again_with_its_prepared_command()
    {
        ReadSession first;
        Microsoft.Data.Sqlite.SqliteCommand command;
        using (first = _connections.Rent())
        {
            command = first.Command("SELECT count(*) FROM t;");
            Assert.Equal(3L, command.ExecuteScalar());
        }

        using var second = _connections.Rent();

        Assert.Same(first, second);
        Assert.Same(command, second.Command("SELECT count(*) FROM t;"));
    }

    [Fact]
    public void A_command_is_handed_out_without_the_parameters_of_its_last_use()
    {
        using var session = _connections.Rent();
        var command = session.Command("SELECT count(*) FROM t WHERE v >= $min;");
        command.Parameters.AddWithValue("$min", 2);
        Assert.Equal(2L, command.ExecuteScalar());

        var again = session.Command("SELECT count(*) FROM t WHERE v >= $min;");

        Assert.Empty(again.Parameters);
    }

    [Fact]
    public void Clearing_the_pool_closes_idle_sessions_and_those_lent_at_the_time_when_they_come_back()
    {
        var idle = _connections.Rent();
        var lent = _connections.Rent();
        idle.Dispose();

        _connections.ClearPool();
        Assert.Equal(System.Data.ConnectionState.Closed, idle.Connection.State);
        Assert.Equal(System.Data.ConnectionState.Open, lent.Connection.State);
        lent.Dispose();
        using var fresh = _connections.Rent();

        Assert.Equal(System.Data.ConnectionState.Closed, lent.Connection.State);
        Assert.NotSame(idle, fresh);
        Assert.NotSame(lent, fresh);
        Assert.Equal(3L, fresh.Command("SELECT count(*) FROM t;").ExecuteScalar());
    }

    [Fact]
    public void A_native_statement_is_kept_with_its_session_and_lent_again_reset_with_fresh_bindings()
    {
        ReadSession first;
        NativeStatement statement;
        using (first = _connections.Rent())
        {
            statement = first.Statement("SELECT v FROM t WHERE v >= $min ORDER BY v;");
            statement.Bind("$min", 2);
            Assert.Equal([2L, 3L], Values(statement));
        }

        using var second = _connections.Rent();
        var again = second.Statement("SELECT v FROM t WHERE v >= $min ORDER BY v;");
        again.Bind("$min", 3);

        Assert.Same(statement, again);
        Assert.Equal([3L], Values(again));
    }

    [Fact]
    public void A_native_statement_left_mid_rows_lets_go_of_its_snapshot_when_the_session_is_given_back()
    {
        using (var session = _connections.Rent())
        {
            var statement = session.Statement("SELECT v FROM t ORDER BY v;");
            Assert.True(statement.Step());
        }

        using var writer = _connections.Open();
        using var command = writer.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (4);";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var checkpoint = command.ExecuteReader();
        Assert.True(checkpoint.Read());

        // busy = 0: no reader (the idle session above included) holds back the checkpoint.
        Assert.Equal(0L, checkpoint.GetInt64(0));
    }

    private static List<long> Values(NativeStatement statement)
    {
        var values = new List<long>();
        while (statement.Step())
        {
            values.Add(statement.Int64(0));
        }

        statement.Reset();
        return values;
    }

    public void Dispose()
    {
        _connections.ClearPool();
        _directory.Dispose();
    }
}
