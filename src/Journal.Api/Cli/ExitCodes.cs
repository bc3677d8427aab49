namespace Journal.Api.Cli;

/// <summary>Exit codes of the admin verbs.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an unknown option, a missing or unreadable file, a file from a newer version.</summary>
    public const int BadInput = 2;

    /// <summary>Verification found a broken link.</summary>
    public const int Mismatch = 3;
}
