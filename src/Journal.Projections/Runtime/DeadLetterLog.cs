using Journal.Domain.Tape;
using Journal.Projections.Sql;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Runtime;

/// <summary>
/// The events projections could not apply: recorded as dead letters in the read-model file, with the
/// projection stopped there or moving past, as <see cref="ProjectionOptions.PoisonPolicy"/> says.
/// </summary>
internal sealed class DeadLetterLog(ReadModelWriter db, ProjectionOptions options, TimeProvider time)
{
    /// <summary>Records <paramref name="recorded"/> as dead for the cursor's projection and, under the stop policy, stops it just before.</summary>
    public void Record(ProjectionCursor cursor, RecordedEvent recorded, Exception error)
    {
        var stop = options.PoisonPolicy == PoisonPolicy.Stop;
        db.Execute(
            RuntimeSql.InsertDeadLetter,
            ("$projection", cursor.Projection.Name),
            ("$seq", recorded.Seq),
            ("$event_id", recorded.EventId.ToString()),
            ("$event_type", recorded.EventType),
            ("$error", $"{error.GetType().Name}: {error.Message}"),
            ("$action", stop ? "stopped" : "skipped"),
            ("$recorded_at", time.GetUtcNow().ToUnixTimeMilliseconds()));
        if (stop)
        {
            cursor.Stopped = true;
            cursor.Position = recorded.Seq - 1;
        }
    }

    /// <summary>Every dead letter recorded in the current read models.</summary>
    public static IReadOnlyList<DeadLetter> ReadAll(ReadModelStore readModels)
    {
        using var connection = readModels.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = RuntimeSql.SelectDeadLetters;
        try
        {
            using var reader = command.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt64(6)));
            }

            return letters;
        }
        catch (SqliteException)
        {
            // Not initialised yet: no dead letters.
            return [];
        }
    }
}
