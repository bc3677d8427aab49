using Journal.Domain.Errors;
using Journal.Projections.Runtime;
using Journal.Projections.Shared;

namespace Journal.Projections.Sessions;

/// <summary>The one-session lookup the by-id and by-key queries share.</summary>
internal static class SessionLookup
{
    /// <summary>
    /// The first session <paramref name="sql"/> selects with <paramref name="parameter"/>, or
    /// <c>session.not_found</c> naming it as <paramref name="lookedUpBy"/> (its id, or the key).
    /// </summary>
    public static SessionView One(ReadModelStore readModels, string sql, (string Name, object? Value) parameter, string lookedUpBy)
    {
        using var session = readModels.RentReader();
        return ReadModelQueries.Row(session, sql, SessionRows.Read, parameter) ?? throw new NotFoundException("session", lookedUpBy);
    }
}
