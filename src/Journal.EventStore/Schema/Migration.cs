using System.Security.Cryptography;


namespace Journal.EventStore.Schema;

/// <summary>One numbered schema step: its SQL and the checksum recorded when it is applied.</summary>
/// <param name="Version">The step's number, from 1, gapless.</param>
/// <param name="Name">File name without the number, for example <c>tape</c>.</param>
/// <param name="Sql">The script.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script text (line endings normalised to LF), lower-case hex.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql)));
}
