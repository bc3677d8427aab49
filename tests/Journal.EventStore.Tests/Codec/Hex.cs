namespace Journal.EventStore.Tests.Codec;

/// <summary>Hex helpers for the test-suite notation ("c4-00-ff").</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        text.Length == 0 ? [] : Convert.FromHexString(text.Replace("-", string.Empty, StringComparison.Ordinal));

    public static string Format(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? string.Empty : string.Join('-', Convert.ToHexString(bytes).ToLowerInvariant().Chunk(2).Select(pair => new string(pair)));
}
