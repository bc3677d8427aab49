namespace Journal.Domain.Sessions;

/// <summary>Marker of the events of one session's stream, <c>session-{sessionId}</c>.</summary>
public interface ISessionEvent;
