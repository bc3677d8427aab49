using System.Security.Cryptography;


namespace Journal.EventStore.Schema;

/// <summary>One numbered schema step: its SQL and the checksum recorded when it is applied.</summary>
/// <param name="Version">The step's number, from 1, gapless.</param>
/// <param name="Name">File name without the number, for example <c>tape</c>.</param>
/// <param name="Sql">The script.</param>
/// <param name="Precondition">
/// A query run before the script, in its transaction: a row (one text column, saying why) refuses the
/// migration, so a file whose data the new schema would reject is left as it is. Not part of the checksum.
/// </param>
public sealed record Migration(int Version, string Name, string Sql, string? Precondition = null)
{
    /// <summary>SHA-256 of the script text (line endings normalised to LF), lower-case hex.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql)));
}
