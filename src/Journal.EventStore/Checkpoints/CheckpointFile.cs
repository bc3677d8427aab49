using System.Text.Json;
using Journal.EventStore.Storage;

namespace Journal.EventStore.Checkpoints;

/// <summary>Reads and writes checkpoint files (one JSON object, camelCase).</summary>
public static class CheckpointFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> (owner-only, replaced atomically).</summary>
    public static async Task WriteAsync(string path, SignedCheckpoint checkpoint, CancellationToken ct)
    {
        StoragePaths.Validate(path, "checkpoint");
        var full = Path.GetFullPath(path);
        StoragePaths.EnsureDirectory(full);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N");
        StoragePaths.EnsureOwnerOnlyFile(temporary);
        try
        {
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(checkpoint, Json) + "\n", ct).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads a checkpoint file.</summary>
    /// <exception cref="FileNotFoundException">No file there.</exception>
    /// <exception cref="ArgumentException">The file is not a <c>journal.checkpoint.v2</c> or <c>v1</c> checkpoint.</exception>
    public static async Task<SignedCheckpoint> ReadAsync(string path, CancellationToken ct)
    {
        StoragePaths.Validate(path, "checkpoint");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no checkpoint file at '{Path.GetFullPath(path)}'", path);
        }

        SignedCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<SignedCheckpoint>(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"'{path}' is not a checkpoint file: {ex.Message}", ex);
        }

        if (checkpoint is null
            || checkpoint.Format is not (SignedCheckpoint.FormatV1 or SignedCheckpoint.FormatV2 or SignedCheckpoint.FormatV3)
            || checkpoint.HeadHash is not { Length: 64 }
            || checkpoint.Signature is null
            || checkpoint.PublicKey is null
            || (checkpoint.CommitsToErasures && (checkpoint.ErasedCount is not >= 0 || checkpoint.ErasedDigest is not { Length: 64 }))
            || (checkpoint.CommitsToTree && (checkpoint.TreeSize != checkpoint.Seq || !IsRoot(checkpoint.TreeRoot))))
        {
            throw new ArgumentException($"'{path}' is not a {SignedCheckpoint.FormatV3} (or {SignedCheckpoint.FormatV2} or {SignedCheckpoint.FormatV1}) checkpoint");
        }

        return checkpoint;
    }

    private static bool IsRoot(string? base64)
    {
        Span<byte> root = stackalloc byte[Merkle.MerkleHash.Size + 3];
        return base64 is not null && Convert.TryFromBase64String(base64, root, out var length) && length == Merkle.MerkleHash.Size;
    }
}
