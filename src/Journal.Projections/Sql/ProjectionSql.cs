namespace Journal.Projections.Sql;

/// <summary>SQL text of the projections project, kept as <c>.sql</c> files under <c>Sql/</c>.</summary>
public static class ProjectionSql
{
    /// <summary>Loads <c>Sql/{relativePath}</c>, for example <c>Runtime/UpsertCheckpoint.sql</c>.</summary>
    public static string Load(string relativePath) =>
        Journal.EventStore.Sql.SqlResources.Load(typeof(ProjectionSql).Assembly, "Journal.Projections.Sql", relativePath);
}

/// <summary>The runtime's statements.</summary>
internal static class RuntimeSql
{
    public static readonly string SelectCheckpoints = ProjectionSql.Load("Runtime/SelectCheckpoints.sql");
    public static readonly string UpsertCheckpoint = ProjectionSql.Load("Runtime/UpsertCheckpoint.sql");
    public static readonly string InsertDeadLetter = ProjectionSql.Load("Runtime/InsertDeadLetter.sql");
    public static readonly string SelectDeadLetters = ProjectionSql.Load("Runtime/SelectDeadLetters.sql");
    public static readonly string DeleteCheckpoint = ProjectionSql.Load("Runtime/DeleteCheckpoint.sql");
    public static readonly string SelectTables = ProjectionSql.Load("Runtime/SelectTables.sql");
    public static readonly string DeleteDeadLetters = ProjectionSql.Load("Runtime/DeleteDeadLetters.sql");
    public static readonly string SelectDeferrableIndexes = ProjectionSql.Load("Runtime/SelectDeferrableIndexes.sql");
}
