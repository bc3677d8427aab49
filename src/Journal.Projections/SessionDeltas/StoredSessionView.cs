using Journal.Projections.Sessions;

namespace Journal.Projections.SessionDeltas;

/// <summary>A session view as <c>session_deltas.v4</c> stores it: the view and its JSON text (the text a delta's before and after hold).</summary>
/// <param name="Json">The view as <see cref="SessionViewJson.Write"/> wrote it.</param>
public sealed record StoredSessionView(SessionView View, string Json);
