namespace Journal.Domain.Sessions;

/// <summary>Field limits of sessions, shared by validation and clients.</summary>
public static class SessionLimits
{
    /// <summary>Longest principal.</summary>
    public const int PrincipalMaxLength = 128;

    /// <summary>Longest device name.</summary>
    public const int DeviceMaxLength = 128;

    /// <summary>Longest channel name.</summary>
    public const int ChannelMaxLength = 64;

    /// <summary>Longest session key (it becomes part of the <c>sessionkey-{key}</c> stream name).</summary>
    public const int KeyMaxLength = 128;

    /// <summary>Longest label.</summary>
    public const int LabelMaxLength = 200;

    /// <summary>Longest archive reason.</summary>
    public const int ReasonMaxLength = 500;
}
