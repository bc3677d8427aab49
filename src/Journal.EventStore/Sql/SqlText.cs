using System.Reflection;

namespace Journal.EventStore.Sql;

/// <summary>Reads SQL files embedded in an assembly (each project keeps its SQL under its own <c>Sql/</c> folder).</summary>
public static class SqlResources
{
    /// <summary>Loads the embedded file <c>{rootNamespace}/{relativePath}</c>, line endings normalised to LF.</summary>
    public static string Load(Assembly assembly, string rootNamespace, string relativePath)
    {
        var name = rootNamespace + "." + relativePath.Replace('/', '.');
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded SQL '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

/// <summary>
/// SQL text of this project, kept as <c>.sql</c> files under <c>Sql/</c> and embedded in the assembly.
/// </summary>
internal static class SqlText
{
    private static readonly Assembly Assembly = typeof(SqlText).Assembly;

    /// <summary>Loads <c>Sql/{relativePath}</c>, for example <c>Tape/InsertEvent.sql</c>.</summary>
    public static string Load(string relativePath) => SqlResources.Load(Assembly, "Journal.EventStore.Sql", relativePath);

    /// <summary>Names of the embedded files under <c>Sql/{folder}/</c>, sorted.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var prefix = "Journal.EventStore.Sql." + folder + ".";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>The tape's statements, loaded once.</summary>
internal static class TapeSql
{
    public static readonly string InsertEvent = SqlText.Load("Tape/InsertEvent.sql");
    public static readonly string SelectHead = SqlText.Load("Tape/SelectHead.sql");
    public static readonly string SelectStreamVersion = SqlText.Load("Tape/SelectStreamVersion.sql");
    public static readonly string SelectStreamHead = SqlText.Load("Tape/SelectStreamHead.sql");
    public static readonly string SelectEventIdentity = SqlText.Load("Tape/SelectEventIdentity.sql");
    public static readonly string SelectByEventId = SqlText.Load("Tape/SelectByEventId.sql");
    public static readonly string SelectStreamForward = SqlText.Load("Tape/SelectStreamForward.sql");
    public static readonly string SelectStreamBackward = SqlText.Load("Tape/SelectStreamBackward.sql");
    public static readonly string SelectAllFrom = SqlText.Load("Tape/SelectAllFrom.sql");
    public static readonly string SelectRange = SqlText.Load("Tape/SelectRange.sql");
    public static readonly string SelectPayloadState = SqlText.Load("Tape/SelectPayloadState.sql");
    public static readonly string ErasePayload = SqlText.Load("Tape/ErasePayload.sql");
    public static readonly string SelectStats = SqlText.Load("Tape/SelectStats.sql");
    public static readonly string SelectTypeCounts = SqlText.Load("Tape/SelectTypeCounts.sql");
    public static readonly string RecountStats = SqlText.Load("Tape/RecountStats.sql");
    public static readonly string RecountTypes = SqlText.Load("Tape/RecountTypes.sql");
    public static readonly string SelectErasedPayloads = SqlText.Load("Tape/SelectErasedPayloads.sql");
    public static readonly string FoldCounts = SqlText.Load("Tape/FoldCounts.sql");
    public static readonly string AddErasedPayloads = SqlText.Load("Tape/AddErasedPayloads.sql");
    public static readonly string SelectRegisteredTypes = SqlText.Load("Tape/SelectRegisteredTypes.sql");
    public static readonly string SelectJournalInfo = SqlText.Load("Tape/SelectJournalInfo.sql");
    public static readonly string InsertJournalInfo = SqlText.Load("Tape/InsertJournalInfo.sql");
    public static readonly string SelectVerifyRange = SqlText.Load("Tape/SelectVerifyRange.sql");
    public static readonly string SelectHashAt = SqlText.Load("Tape/SelectHashAt.sql");
    public static readonly string CheckTail = SqlText.Load("Tape/CheckTail.sql");
    public static readonly string SelectIdempotency = SqlText.Load("Tape/SelectIdempotency.sql");
    public static readonly string InsertIdempotency = SqlText.Load("Tape/InsertIdempotency.sql");
    public static readonly string SelectOpenStreams = SqlText.Load("Tape/SelectOpenStreams.sql");
    public static readonly string SelectOpenTypes = SqlText.Load("Tape/SelectOpenTypes.sql");
    public static readonly string SelectKeptOpenStreams = SqlText.Load("Tape/SelectKeptOpenStreams.sql");
    public static readonly string RegisterOpenTypes = SqlText.Load("Tape/RegisterOpenTypes.sql");
    public static readonly string OpenKeptStreams = SqlText.Load("Tape/OpenKeptStreams.sql");
    public static readonly string CloseKeptStreams = SqlText.Load("Tape/CloseKeptStreams.sql");
    public static readonly string SelectSeqByHash = SqlText.Load("Tape/SelectSeqByHash.sql");
    public static readonly string SelectStreamVersionBefore = SqlText.Load("Tape/SelectStreamVersionBefore.sql");
    public static readonly string SelectErasedSeqs = SqlText.Load("Tape/SelectErasedSeqs.sql");
    public static readonly string SelectErasureRecordsAfter = SqlText.Load("Tape/SelectErasureRecordsAfter.sql");
}
