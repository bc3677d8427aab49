using Journal.Projections.Sessions;

namespace Journal.ControlRoom.Sessions;

/// <summary>The sessions list's filters, as the list query takes them (blank means any).</summary>
/// <param name="Principal">Only this principal's sessions.</param>
/// <param name="Channel">Only this channel's sessions.</param>
/// <param name="State"><c>active</c>, <c>archived</c>, or null for both.</param>
public sealed record SessionFilter(string? Principal = null, string? Channel = null, string? State = null)
{
    /// <summary>The list query for one page of this filter.</summary>
    public ListSessionsQuery Query(string? cursor, int limit) => new(Blank(Principal), Blank(Channel), Blank(State), cursor, limit);

    /// <summary>A filter value as the query takes it: trimmed, and null when blank.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
