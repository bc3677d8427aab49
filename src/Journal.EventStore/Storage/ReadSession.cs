using Microsoft.Data.Sqlite;

namespace Journal.EventStore.Storage;

/// <summary>
/// An open read connection lent by <see cref="SqliteConnections.Rent"/>, with the statements it has
/// prepared kept for the next borrower: a hot read (an aggregate catching up on its stream, the head)
/// then costs a bind and a step, not an open, four pragmas and a parse. Dispose gives it back.
/// </summary>
public sealed class ReadSession : IDisposable
{
    private readonly ReadSessionPool _pool;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeStatement> _statements = new(StringComparer.Ordinal);

    internal ReadSession(ReadSessionPool pool, SqliteConnection connection, int generation)
    {
        _pool = pool;
        Connection = connection;
        Generation = generation;
    }

    /// <summary>The open connection; a transaction begun on it must end before the session is given back.</summary>
    public SqliteConnection Connection { get; }

    internal int Generation { get; }

    /// <summary>
    /// The command for <paramref name="sql"/>, prepared once per session, with no parameters bound and
    /// enlisted in <paramref name="transaction"/>. Valid until the session is given back.
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// <paramref name="sql"/> prepared once per session on SQLite's own handle, for a hot read whose rows
    /// are read in place (<see cref="NativeStatement"/>): reset, its old bindings to be overwritten. Reset
    /// it when done with its rows; valid until the session is given back.
    /// </summary>
    public NativeStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new NativeStatement(Connection, sql);
            _statements[sql] = statement;
        }

        statement.Reset();
        return statement;
    }

    /// <summary>Gives the session back to its pool (or closes it when the pool was cleared meanwhile).</summary>
    public void Dispose()
    {
        // A statement left mid-rows (its reader threw) would hold its read snapshot, and so hold back the
        // WAL's checkpoints, while the session sits idle.
        foreach (var statement in _statements.Values)
        {
            statement.Reset();
        }

        _pool.Return(this);
    }

    internal void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }
}
