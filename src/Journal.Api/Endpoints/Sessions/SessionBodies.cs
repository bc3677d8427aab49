namespace Journal.Api.Endpoints.Sessions;

/// <summary>Body of <c>POST /v1/sessions</c>.</summary>
/// <param name="Principal">On whose behalf.</param>
/// <param name="SessionId">The new session's id; the journal picks one when left out.</param>
/// <param name="SessionKey">Optional stable key, unique among live sessions.</param>
/// <param name="Label">Optional label.</param>
public sealed record CreateSessionBody(string Principal, string Device, string Channel, Guid? SessionId = null, string? SessionKey = null, string? Label = null);

/// <summary>Body of <c>PUT /v1/sessions/{sessionId}/label</c>.</summary>
/// <param name="Label">The new label.</param>
public sealed record RenameSessionBody(string Label);

/// <summary>Body of <c>POST /v1/sessions/{sessionId}/archive</c> (optional).</summary>
/// <param name="Reason">Why, optional.</param>
public sealed record ArchiveSessionBody(string? Reason = null);
