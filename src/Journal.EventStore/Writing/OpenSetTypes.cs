namespace Journal.EventStore.Writing;

/// <summary>
/// The event types some category registered to open or close its streams (journal_open_types), as the writer last
/// read them inside a group's transaction. Only a row of one of these types can move the kept open set, so a group
/// that wrote none of them skips the set's statements: most groups, since few types mark a stream's life.
/// </summary>
internal sealed class OpenSetTypes
{
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    /// <summary>Takes the types just read, in place of the ones known before.</summary>
    public void Replace(IEnumerable<string> types)
    {
        _types.Clear();
        _types.UnionWith(types);
    }

    /// <summary>Whether the group wrote an event of a registered type (<paramref name="byType"/>: its events by type).</summary>
    public bool AnyOf(IReadOnlyDictionary<string, long> byType)
    {
        if (_types.Count == 0)
        {
            return false;
        }

        foreach (var type in byType.Keys)
        {
            if (_types.Contains(type))
            {
                return true;
            }
        }

        return false;
    }
}
