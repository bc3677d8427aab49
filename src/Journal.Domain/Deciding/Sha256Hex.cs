using System.Security.Cryptography;
using System.Text;

namespace Journal.Domain.Deciding;

/// <summary>SHA-256 as lower-case hex: pure, so deciders may call it.</summary>
public static class Sha256Hex
{
    /// <summary>The SHA-256 of the UTF-8 bytes of <paramref name="text"/>, as 64 lower-case hex digits.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
