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

    public void Dispose()
    {
        _connections.ClearPool();
        _directory.Dispose();
    }
}
