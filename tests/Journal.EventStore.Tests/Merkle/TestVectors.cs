using System.Text.Json;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Merkle;

/// <summary>The transparency-dev test vectors in tests/testdata/merkle (a copy of ../shared/testdata/merkle).</summary>
internal static class TestVectors
{
    public static string Folder => RepositoryRoot.File("tests", "testdata", "merkle");

    /// <summary>The case files of one kind ("inclusion" or "consistency"), relative to <see cref="Folder"/>, '/'-separated.</summary>
    public static IEnumerable<object[]> Files(string kind) =>
        Directory.EnumerateFiles(System.IO.Path.Combine(Folder, kind), "*.json", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(Folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(file => new object[] { file });

    public static JsonElement Read(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, relative)));
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A size or index as the verifier takes it, or null when it does not fit a long: the vectors write uint64, and a
    /// tape never holds 2^63 events, so such a case is refused before any hash is looked at.
    /// </summary>
    public static long? Number(JsonElement value) => value.TryGetInt64(out var n) ? n : null;

    public static byte[] Bytes(JsonElement value) => Convert.FromBase64String(value.GetString()!);

    /// <summary>A proof; the vectors write an empty one as null or [].</summary>
    public static byte[][] Hashes(JsonElement value) => value.ValueKind == JsonValueKind.Null
        ? []
        : value.EnumerateArray().Select(Bytes).ToArray();
}
