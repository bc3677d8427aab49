namespace Journal.ControlRoom.Hosting;

/// <summary>
/// The host's API keys as the control room needs them: whether a login is needed at all, and who a
/// presented key belongs to. The host compares keys the way its API does; the key itself is never kept.
/// </summary>
public interface IControlRoomKeys
{
    /// <summary>True when keys are configured and the UI asks for one; false in loopback-only mode.</summary>
    bool LoginRequired { get; }

    /// <summary>The holder of <paramref name="presentedKey"/>, or null when no configured key matches.</summary>
    KeyHolder? Find(string presentedKey);
}

/// <summary>Who holds a key: its name (the actor of the commands sent with it) and its role.</summary>
/// <param name="Name">The key's configured name.</param>
/// <param name="Role"><c>reader</c>, <c>writer</c> or <c>admin</c>, as the API's role claim spells it.</param>
public sealed record KeyHolder(string Name, string Role);
