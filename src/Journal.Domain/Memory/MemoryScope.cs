using Journal.Domain.Deciding;

namespace Journal.Domain.Memory;

/// <summary>
/// Whose memory: a principal, optionally narrowed to a channel and a session. An item is stored in
/// one scope; a recall or a purge in a scope reaches every item stored in it or in a narrower one
/// (a principal-wide recall sees the principal's channel and session items too).
/// </summary>
/// <param name="Principal">On whose behalf (required).</param>
/// <param name="Channel">A channel, optional.</param>
/// <param name="SessionId">A session, optional.</param>
public sealed record MemoryScope(string Principal, string? Channel = null, Guid? SessionId = null)
{
    /// <summary>The scope, checked: a key-shaped principal and channel, a non-empty session id.</summary>
    /// <exception cref="Errors.ValidationException">A field is invalid.</exception>
    public MemoryScope Validated()
    {
        var principal = Require.Key(Principal, "scope.principal", MemoryLimits.PrincipalMaxLength);
        var channel = Channel is null ? null : Require.Key(Channel, "scope.channel", MemoryLimits.ChannelMaxLength);
        if (SessionId is { } session)
        {
            Require.Id(session, "scope.sessionId");
        }

        return new MemoryScope(principal, channel, SessionId);
    }

    /// <summary>Whether an item stored in <paramref name="principal"/>/<paramref name="channel"/>/<paramref name="sessionId"/> lies in this scope.</summary>
    public bool Contains(string principal, string? channel, Guid? sessionId) =>
        string.Equals(Principal, principal, StringComparison.Ordinal)
        && (Channel is null || string.Equals(Channel, channel, StringComparison.Ordinal))
        && (SessionId is null || SessionId == sessionId);
}
