namespace Journal.Projections.Sessions;

/// <summary>What a session view takes from an event that changes it.</summary>
/// <param name="SessionId">The session it is about.</param>
/// <param name="At">When it happened (the view's <see cref="SessionView.UpdatedAt"/> when it changes the view).</param>
public readonly record struct SessionEventRoute(Guid SessionId, DateTimeOffset At);
