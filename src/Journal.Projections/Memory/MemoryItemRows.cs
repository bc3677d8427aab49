using Journal.Domain.Memory;
using Journal.Projections.Shared;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Memory;

/// <summary>How item rows are read back.</summary>
internal static class MemoryItemRows
{
    /// <summary>Maps columns 1 to 12 of <see cref="MemorySql.SelectHits"/> or <see cref="MemorySql.SelectItem"/> (and 13 and 14 when present).</summary>
    public static MemoryItemView Read(SqliteDataReader r) => new(
        r.GetId(1),
        r.GetString(5),
        new MemoryScope(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetIdOrNull(4)),
        MemorySql.Tags(r.GetString(6)),
        r.GetString(7),
        r.GetDouble(8),
        r.GetTime(9),
        r.GetTime(10),
        r.GetTimeOrNull(11),
        r.GetInt64(12),
        r.FieldCount > 13 && !r.IsDBNull(13) ? new MemoryEmbeddingInfo(r.GetString(13), r.GetInt32(14)) : null);
}
