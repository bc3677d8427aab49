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

    /// <summary>Verification found a broken link (or a tape that does not extend a checkpoint).</summary>
    public const int Mismatch = 3;

    /// <summary><c>verify --checkpoint</c>: the tape extends the checkpoint, but payloads were erased since it (each is listed with its erasure record).</summary>
    public const int ErasedSinceCheckpoint = 4;

    /// <summary><c>verify --checkpoint</c>: the checks held, but no trusted public key was given, so who signed the checkpoint is unverified.</summary>
    public const int UnverifiedSigner = 5;
}
