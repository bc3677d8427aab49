namespace Journal.Application.Sql;

/// <summary>SQL text of the application project, kept as <c>.sql</c> files under <c>Sql/</c>.</summary>
internal static class ApplicationSql
{
    /// <summary>Loads <c>Sql/{relativePath}</c>, for example <c>Snapshots/SelectSnapshot.sql</c>.</summary>
    public static string Load(string relativePath) =>
        Journal.EventStore.Sql.SqlResources.Load(typeof(ApplicationSql).Assembly, "Journal.Application.Sql", relativePath);
}

/// <summary>The aggregate snapshot file's statements, loaded once.</summary>
internal static class SnapshotSql
{
    public static readonly string CreateSnapshots = ApplicationSql.Load("Snapshots/CreateSnapshots.sql");
    public static readonly string SelectSnapshot = ApplicationSql.Load("Snapshots/SelectSnapshot.sql");
    public static readonly string UpsertSnapshot = ApplicationSql.Load("Snapshots/UpsertSnapshot.sql");
    public static readonly string DeleteSnapshot = ApplicationSql.Load("Snapshots/DeleteSnapshot.sql");
    public static readonly string DeleteFoldedBeforeErasure = ApplicationSql.Load("Snapshots/DeleteFoldedBeforeErasure.sql");
}
