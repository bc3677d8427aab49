using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Journal.EventStore.Checkpoints;

/// <summary>A tree head read back from a checkpoint note.</summary>
/// <param name="Origin">The note's first line: the log's identity.</param>
/// <param name="Size">The tree size.</param>
/// <param name="Root">The root at that size (32 bytes).</param>
public sealed record NoteTreeHead(string Origin, long Size, byte[] Root);

/// <summary>
/// The tree head as a C2SP <c>tlog-checkpoint</c> signed note, so tools that read transparency-log checkpoints can
/// read ours: the text <c>origin\nsize\nbase64(root)\n</c>, a blank line, and one signature line
/// <c>— origin base64(key ID || signature)</c>. The signature is signed-note type 0x02 (ECDSA P-256): the key ID is the
/// first four bytes of SHA-256 over the key's SubjectPublicKeyInfo DER, the signature ECDSA over SHA-256 of the text
/// in ASN.1 DER form. docs/hash-chain.md, "Signed tree heads", says it byte for byte.
/// </summary>
public static class CheckpointNote
{
    private const string SignaturePrefix = "\u2014 ";

    /// <summary>The note text: origin, size and base64 root, each ending in a newline.</summary>
    /// <exception cref="ArgumentException">The origin is empty, or holds a space, a plus or a control character.</exception>
    public static string Text(string origin, long size, ReadOnlySpan<byte> root)
    {
        CheckOrigin(origin);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (root.Length != Merkle.MerkleHash.Size)
        {
            throw new ArgumentException("a tree root is 32 bytes");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{origin}\n{size}\n{Convert.ToBase64String(root)}\n");
    }

    /// <summary>The signed note: <see cref="Text"/>, a blank line, and the signature line by <paramref name="key"/> (P-256, private).</summary>
    public static string Sign(string origin, long size, ReadOnlySpan<byte> root, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = Text(origin, size, root);
        var signature = key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var line = new byte[4 + signature.Length];
        KeyId(key).CopyTo(line, 0);
        signature.CopyTo(line, 4);
        return $"{text}\n{SignaturePrefix}{origin} {Convert.ToBase64String(line)}\n";
    }

    /// <summary>The signed-note key ID of <paramref name="key"/>: SHA-256 of its SubjectPublicKeyInfo DER, first four bytes.</summary>
    public static byte[] KeyId(ECDsa key) => SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4];

    /// <summary>
    /// Reads a signed note and checks it: the text is a checkpoint of <paramref name="origin"/>, and a signature line of
    /// that name with <paramref name="key"/>'s key ID verifies. Lines of other keys are ignored, as signed-note asks.
    /// </summary>
    /// <exception cref="FormatException">The note is malformed, names another origin, or no signature of the key verifies.</exception>
    public static NoteTreeHead Open(string note, string origin, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(key);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            throw new FormatException("a signed note is its text, a blank line and signature lines, each ending in a newline");
        }

        var text = note[..(split + 1)];
        var head = ReadText(text);
        if (head.Origin != origin)
        {
            throw new FormatException($"the note is a checkpoint of '{head.Origin}', not of '{origin}'");
        }

        var id = KeyId(key);
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal) || line.Split(' ') is not [_, var name, var encoded] || name != origin)
            {
                continue;
            }

            var bytes = Base64(encoded);
            if (bytes.Length > 4 && bytes.AsSpan(0, 4).SequenceEqual(id))
            {
                return key.VerifyData(Encoding.UTF8.GetBytes(text), bytes.AsSpan(4), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                    ? head
                    : throw new FormatException("the note's signature by the key does not verify: the note was altered or signed by another key");
            }
        }

        throw new FormatException($"the note has no signature line of '{origin}' by the key");
    }

    /// <summary>Reads the three lines of a checkpoint's text (extension lines after them are allowed and ignored).</summary>
    /// <exception cref="FormatException">Not a checkpoint text.</exception>
    public static NoteTreeHead ReadText(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[..^1].Any(line => line.Length == 0))
        {
            throw new FormatException("a checkpoint's text is at least three non-empty lines, each ending in a newline");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            throw new FormatException($"the tree size '{lines[1]}' is not a decimal number without leading zeroes");
        }

        var root = Base64(lines[2]);
        return root.Length == Merkle.MerkleHash.Size
            ? new NoteTreeHead(lines[0], size, root)
            : throw new FormatException("the root is not 32 bytes of base64");
    }

    private static void CheckOrigin(string origin)
    {
        if (string.IsNullOrEmpty(origin) || origin.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new ArgumentException($"a checkpoint origin is non-empty, without spaces, plus signs or control characters: '{origin}'");
        }
    }

    private static byte[] Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not base64");
        }
    }
}
