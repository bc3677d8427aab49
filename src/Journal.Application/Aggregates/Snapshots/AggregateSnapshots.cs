using Journal.Application.Sql;
using Journal.Domain.Commands;
using Journal.Domain.Tape;
using Journal.EventStore.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journal.Application.Aggregates.Snapshots;

/// <summary>
/// Aggregate snapshots (Marten's "inline snapshots"): a stream's folded state at a version, kept in a
/// SQLite side file so that a load after a start folds at most <see cref="AggregateSnapshotOptions.Every"/>
/// events instead of the whole stream. A snapshot is only a cache of what the tape says: one that cannot
/// be read, decoded or trusted (another format, folded before an erasure) is ignored and the stream is
/// folded from the tape; one that cannot be written is logged and skipped. Nothing here fails a command.
/// </summary>
public sealed class AggregateSnapshots : IDisposable
{
    private readonly AggregateSnapshotOptions _options;
    private readonly ILogger _logger;
    private readonly SqliteConnections _connections;
    private readonly SnapshotFormat _formats = new();
    private readonly SnapshotCodec _codec = new();
    private readonly Lock _lock = new();
    private bool _created;
    private long _purgedFor = -1;

    /// <summary>Snapshots in <see cref="AggregateSnapshotOptions.DatabasePath"/> (the file is made, owner-only, at first use).</summary>
    public AggregateSnapshots(AggregateSnapshotOptions options, ILogger<AggregateSnapshots>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Every, 1);
        _options = options;
        _logger = logger ?? NullLogger<AggregateSnapshots>.Instance;
        // A cache: NORMAL is enough (a torn last write costs a fold, never a wrong state).
        _connections = new SqliteConnections(options.DatabasePath, options.BusyTimeoutMs, durable: false);
        try
        {
            // Made at start, like the read-model file, so the first command does not pay for it.
            Create();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "aggregate snapshots file {Path} could not be opened; loads fold from the tape until it can", options.DatabasePath);
        }
    }

    /// <summary>Events between two snapshots of a stream.</summary>
    public int Every => _options.Every;

    /// <summary>The newest usable snapshot of <paramref name="stream"/> as a <typeparamref name="TState"/>, or false.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="erasures">The tape's erased-payload count now: a snapshot folded at another count is not used.</param>
    /// <param name="snapshot">The state, its version and the position of its last event.</param>
    internal bool TryLoad<TState>(StreamId stream, long erasures, out Loaded<TState> snapshot)
        where TState : class
    {
        snapshot = null!;
        var type = typeof(TState);
        try
        {
            using var session = Session(erasures);
            var command = session.Command(SnapshotSql.SelectSnapshot);
            command.Parameters.AddWithValue("$stream_id", stream.Value);
            command.Parameters.AddWithValue("$state_type", type.FullName);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return false;
            }

            var (format, version, position, folded) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            if (!string.Equals(format, _formats.Of(type), StringComparison.Ordinal) || folded != erasures)
            {
                return false;
            }

            var bytes = (byte[])reader.GetValue(4);
            try
            {
                snapshot = new Loaded<TState>((TState)_codec.Decode(type, bytes), version, position);
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "aggregate snapshot of {Stream} ({State}) at version {Version} could not be decoded; folding the stream from the tape", stream.Value, type.Name, version);
                reader.Close();
                Delete(session, stream, type);
                return false;
            }
        }
        catch (SqliteException ex)
        {
            _logger.LogWarning(ex, "aggregate snapshots could not be read ({Path}); folding {Stream} from the tape", _options.DatabasePath, stream.Value);
            return false;
        }
    }

    /// <summary>Keeps <paramref name="state"/> as <paramref name="stream"/>'s snapshot at <paramref name="version"/> (unless a newer one is kept); never throws.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="state">Its state after <paramref name="version"/>.</param>
    /// <param name="version">The stream version the state includes.</param>
    /// <param name="position">The tape position of that version's event.</param>
    /// <param name="erasures">The tape's erased-payload count read before the state was folded.</param>
    internal void Save(StreamId stream, object state, long version, long position, long erasures)
    {
        try
        {
            var bytes = _codec.Encode(state);
            using var session = Session(erasures);
            var command = session.Command(SnapshotSql.UpsertSnapshot);
            command.Parameters.AddWithValue("$stream_id", stream.Value);
            command.Parameters.AddWithValue("$state_type", state.GetType().FullName);
            command.Parameters.AddWithValue("$format", _formats.Of(state.GetType()));
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$position", position);
            command.Parameters.AddWithValue("$erasures", erasures);
            command.Parameters.AddWithValue("$state", bytes);
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A snapshot is a cache: the command already succeeded and the tape holds the truth.
            _logger.LogWarning(ex, "aggregate snapshot of {Stream} at version {Version} not written", stream.Value, version);
        }
    }

    /// <summary>
    /// Computes the formats of <paramref name="states"/>' types and runs each through the codec, both ways, ahead
    /// of their first snapshot (the serializer builds its metadata and the runtime compiles the path on first use).
    /// </summary>
    public void Warm(IEnumerable<object> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        foreach (var state in states)
        {
            _formats.Of(state.GetType());
            _codec.Decode(state.GetType(), _codec.Encode(state));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connections.ClearPool();

    /// <summary>
    /// A session on the file, made and migrated at first use; when the tape's erasure count moved since
    /// the last look, first deletes every snapshot folded before it (it may hold an erased payload's data).
    /// </summary>
    private ReadSession Session(long erasures)
    {
        Create();
        var session = _connections.Rent();
        if (Interlocked.Read(ref _purgedFor) != erasures)
        {
            try
            {
                var purge = session.Command(SnapshotSql.DeleteFoldedBeforeErasure);
                purge.Parameters.AddWithValue("$erasures", erasures);
                purge.ExecuteNonQuery();
                Interlocked.Exchange(ref _purgedFor, erasures);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        return session;
    }

    private void Create()
    {
        lock (_lock)
        {
            if (_created)
            {
                return;
            }

            StoragePaths.EnsureDirectory(_options.DatabasePath);
            StoragePaths.EnsureOwnerOnlyFile(_options.DatabasePath);
            using var connection = _connections.Open();
            SqliteConnections.EnableWal(connection);
            using var create = connection.CreateCommand();
            create.CommandText = SnapshotSql.CreateSnapshots;
            create.ExecuteNonQuery();
            StoragePaths.RestrictDatabaseFiles(_options.DatabasePath);
            _created = true;
        }
    }

    private static void Delete(ReadSession session, StreamId stream, Type type)
    {
        var command = session.Command(SnapshotSql.DeleteSnapshot);
        command.Parameters.AddWithValue("$stream_id", stream.Value);
        command.Parameters.AddWithValue("$state_type", type.FullName);
        command.ExecuteNonQuery();
    }
}
