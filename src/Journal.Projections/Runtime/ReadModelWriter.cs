using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// What a projection writes through: one connection and the current batch's transaction, with every
/// statement prepared once and reused (the SQL text is the cache key).
/// </summary>
public sealed class ReadModelWriter : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    internal ReadModelWriter(SqliteConnection connection) => Connection = connection;

    /// <summary>The read-model connection (for reads inside the batch, too).</summary>
    public SqliteConnection Connection { get; }

    internal SqliteTransaction? Transaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            foreach (var command in _commands.Values)
            {
                command.Transaction = value;
            }
        }
    }

    /// <summary>Runs a statement with named parameters (<c>$name</c>); returns rows changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => Bind(sql, parameters).ExecuteNonQuery();

    /// <summary>Runs a query and returns its first column of the first row (or default).</summary>
    public T? Scalar<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var value = Bind(sql, parameters).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var reader = Bind(sql, parameters).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs DDL or several statements at once (not cached).</summary>
    public void ExecuteScript(string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            _commands[sql] = command;
        }

        foreach (var (name, value) in parameters)
        {
            var index = command.Parameters.IndexOf(name);
            var parameter = index >= 0 ? command.Parameters[index] : command.Parameters.Add(new SqliteParameter { ParameterName = name });
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }
}
