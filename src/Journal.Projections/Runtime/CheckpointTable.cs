using Journal.Projections.Sql;

namespace Journal.Projections.Runtime;

/// <summary>
/// Each projection's checkpoint row in a read-model file, and the tables that go with the registered
/// projections: loaded (or first saved) when an engine starts, saved with every batch it commits.
/// </summary>
internal sealed class CheckpointTable(ReadModelWriter db, TimeProvider time)
{
    /// <summary>Drops stale tables, creates each projection's tables and loads (or first saves) every checkpoint.</summary>
    public void Load(List<ProjectionCursor> cursors)
    {
        DropStaleTables(cursors);
        var stored = db.Query(RuntimeSql.SelectCheckpoints, r => (Name: r.GetString(0), Position: r.GetInt64(1), Stopped: r.GetString(2) == "stopped", LastEventAt: r.GetInt64(3)))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var cursor in cursors)
        {
            cursor.Projection.Create(db);
            if (stored.TryGetValue(cursor.Projection.Name, out var checkpoint))
            {
                cursor.Position = checkpoint.Position;
                cursor.Stopped = checkpoint.Stopped;
                cursor.LastEventAt = checkpoint.LastEventAt;
            }
            else
            {
                Save(cursor);
            }
        }

        foreach (var name in stored.Keys.Where(n => cursors.All(c => c.Projection.Name != n)))
        {
            db.Execute(RuntimeSql.DeleteCheckpoint, ("$name", name));
        }
    }

    public void Save(ProjectionCursor cursor) => db.Execute(
        RuntimeSql.UpsertCheckpoint,
        ("$name", cursor.Projection.Name),
        ("$position", cursor.Position),
        ("$state", cursor.Stopped ? "stopped" : "running"),
        ("$last_event_at", cursor.LastEventAt),
        ("$updated_at", time.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>Drops the tables of projection versions no longer registered.</summary>
    private void DropStaleTables(List<ProjectionCursor> cursors)
    {
        var prefixes = cursors.Select(c => ProjectionNames.TablePrefix(c.Projection.Name)).ToList();
        var tables = db.Query(RuntimeSql.SelectTables, r => r.GetString(0));
        foreach (var table in tables)
        {
            var owned = table.StartsWith("projection_", StringComparison.Ordinal) || table == "schema_migrations"
                || prefixes.Any(p => table.StartsWith(p, StringComparison.Ordinal));

            // FTS5 shadow tables go with their virtual table; dropping one twice is harmless.
            if (!owned && tables.Contains(table))
            {
                db.ExecuteScript($"DROP TABLE IF EXISTS \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            }
        }
    }
}
