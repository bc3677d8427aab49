using System.Globalization;
using Journal.Domain.Errors;
using Journal.Projections.Querying;
using Journal.Projections.Runtime;
using Microsoft.Data.Sqlite;

namespace Journal.Projections.Shared;

/// <summary>
/// The listing of one entity's versions, newest first, keyset-paged on the version (a canvas's versions,
/// a document's content versions). Its statement binds the entity as <c>$id</c>, the version a page
/// continues below as <c>$before_version</c> (null on the first page) and <c>$limit</c>.
/// </summary>
/// <typeparam name="T">A version row.</typeparam>
/// <param name="Name">The listing's name, which its cursors carry.</param>
/// <param name="Kind">What an unknown entity is refused as (<c>{kind}.not_found</c>).</param>
/// <param name="Select">The statement.</param>
/// <param name="Map">Maps one of its rows.</param>
/// <param name="VersionOf">A row's version, the key of the next page's cursor.</param>
internal sealed record VersionListing<T>(string Name, string Kind, string Select, Func<SqliteDataReader, T> Map, Func<T, long> VersionOf)
{
    /// <summary>One page of <paramref name="entityId"/>'s versions.</summary>
    /// <exception cref="ValidationException">A bad cursor or limit.</exception>
    /// <exception cref="NotFoundException">The entity has no version in the read model.</exception>
    public Page<T> Read(ReadModelStore readModels, Guid entityId, string? cursor, int? limit)
    {
        var pageSize = PageCursor.Limit(limit);
        var id = ReadModelValues.Id(entityId);
        var before = PageCursor.BeforeVersion(cursor, Name, id);

        using var connection = readModels.OpenReader();
        var rows = ReadModelQueries.Rows(connection, Select, Map, ("$id", id), ("$before_version", before), ("$limit", pageSize + 1));

        // Every entity has a first version: none at all (on a first page) means no such entity.
        return rows.Count == 0 && before is null
            ? throw new NotFoundException(Kind, id)
            : ReadModelQueries.ToPage(rows, pageSize, Name, v => [id, VersionOf(v).ToString(CultureInfo.InvariantCulture)]);
    }
}
