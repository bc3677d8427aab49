namespace Journal.Domain.Sessions;

/// <summary>Who holds a session key.</summary>
/// <param name="SessionKey">The key (null before the first claim).</param>
/// <param name="HeldBy">The session holding it, or null when free.</param>
public sealed record SessionKeyState(string? SessionKey, Guid? HeldBy);
