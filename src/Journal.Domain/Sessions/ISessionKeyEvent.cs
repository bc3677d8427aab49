namespace Journal.Domain.Sessions;

/// <summary>Marker of the events of one session key's claim stream, <c>sessionkey-{key}</c>.</summary>
public interface ISessionKeyEvent;
