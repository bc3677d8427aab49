namespace Journal.Domain.Canvas;

/// <summary>Size limits of canvases, measured on the canonical form (<see cref="Patching.CanonicalJson"/>).</summary>
public static class CanvasLimits
{
    /// <summary>Largest state, in canonical UTF-8 bytes (512 KiB; a restore event carries a whole state and must fit a tape payload).</summary>
    public const int MaxStateBytes = 512 * 1024;

    /// <summary>Largest patch, in canonical UTF-8 bytes (64 KiB).</summary>
    public const int MaxPatchBytes = 64 * 1024;

    /// <summary>Deepest nesting of a state (<c>{}</c> is 1): a view of it must still fit the API's JSON depth limit of 32.</summary>
    public const int MaxStateDepth = 24;

    /// <summary>Most operations in one patch.</summary>
    public const int MaxPatchOperations = 1000;
}
