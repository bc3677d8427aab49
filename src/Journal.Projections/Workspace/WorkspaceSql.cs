using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Workspace;

/// <summary>The statements of <c>workspace.v1</c> and how its rows are read back.</summary>
internal static class WorkspaceSql
{
    public static readonly string Create = Load("Create.sql");
    public static readonly string UpsertDocument = Load("UpsertDocument.sql");
    public static readonly string SelectDocument = Load("SelectDocument.sql");
    public static readonly string SelectDocuments = Load("SelectDocuments.sql");
    public static readonly string InsertVersion = Load("InsertVersion.sql");
    public static readonly string SelectVersions = Load("SelectVersions.sql");
    public static readonly string SelectVersion = Load("SelectVersion.sql");
    public static readonly string ReplaceFts = Load("ReplaceFts.sql");
    public static readonly string IndexAll = Load("IndexAll.sql");
    public static readonly string Search = Load("Search.sql");

    /// <summary>Maps the first ten columns of <see cref="SelectDocument"/> or <see cref="SelectDocuments"/>.</summary>
    public static WorkspaceDocumentRow ReadDocument(SqliteDataReader r) => new(
        r.GetId(0),
        r.GetString(1),
        r.GetEnum<WorkspaceDocumentStatus>(2),
        r.GetInt64(3),
        r.GetString(4),
        r.GetInt64(5),
        r.GetTime(6),
        r.GetTime(7),
        r.GetInt64(8),
        r.GetInt64(9));

    /// <summary>Maps a row of <see cref="SelectDocument"/>.</summary>
    public static WorkspaceDocumentView ReadView(SqliteDataReader r) => new(ReadDocument(r), r.GetString(10));

    /// <summary>Maps a row of <see cref="SelectVersions"/>.</summary>
    public static DocumentVersionRow ReadVersionRow(SqliteDataReader r) =>
        new(r.GetId(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetTime(4), r.GetInt64(5));

    /// <summary>Maps a row of <see cref="SelectVersion"/>.</summary>
    public static DocumentVersion ReadVersion(SqliteDataReader r) =>
        new(new DocumentVersionRow(r.GetId(0), r.GetInt64(1), r.GetString(3), r.GetInt64(4), r.GetTime(5), r.GetInt64(6)), r.GetString(2));

    private static string Load(string file) => Projections.Sql.ProjectionSql.Load("Workspace/" + file);
}
