using System.Text.Json;
using Journal.EventStore.Storage;

namespace Journal.EventStore.Verification.Start;

/// <summary>
/// The verified mark kept as a small JSON file in the data directory (owner-only), written by the verifier alone:
/// whole or not at all (a temporary file renamed over the last one).
/// </summary>
public static class VerifiedMarkFile
{
    /// <summary>The mark's file name, beside the tape in the data directory.</summary>
    public const string FileName = "journal.verified.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The mark's path for a tape whose data directory holds <paramref name="fileInDataDirectory"/>.</summary>
    public static string Beside(string fileInDataDirectory) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fileInDataDirectory)) ?? ".", FileName);

    /// <summary>The mark at <paramref name="path"/>; null when there is none or it cannot be read (then a start checks everything).</summary>
    public static VerifiedMark? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<VerifiedMark>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="mark"/> to <paramref name="path"/>, owner-only, replacing the last one whole.</summary>
    public static void Write(string path, VerifiedMark mark)
    {
        StoragePaths.EnsureDirectory(path);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        StoragePaths.EnsureOwnerOnlyFile(temporary);
        File.WriteAllText(temporary, JsonSerializer.Serialize(mark, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
