using System.Text.RegularExpressions;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Source-generated value patterns. Each starts with a literal (so the generated matcher jumps between
/// candidates with a vectorized search) and is built from adjacent character classes that do not
/// overlap, so a failed attempt cannot backtrack more than linearly; the timeout is a second guard.
/// </summary>
internal static partial class SecretPatterns
{
    private const int TimeoutMs = 250;

    /// <summary>OpenAI <c>sk-</c>, <c>sk-proj-</c>, <c>sk-svcacct-</c> and Anthropic <c>sk-ant-</c> keys.</summary>
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex PrefixedSk();

    /// <summary>GitHub classic tokens <c>ghp_ gho_ ghu_ ghs_ ghr_</c> and fine-grained <c>github_pat_</c>.</summary>
    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex GitHub();

    /// <summary>Slack tokens <c>xoxa- xoxb- xoxp- xoxr- xoxs-</c>.</summary>
    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9\-]{10,}", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Slack();

    /// <summary>AWS access key ids, long-term <c>AKIA</c> and temporary <c>ASIA</c>.</summary>
    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex AwsAccessKeyId();

    /// <summary>Google API keys.</summary>
    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{30,}", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex GoogleApiKey();

    /// <summary>JSON Web Tokens: base64url header and payload that both start with <c>{"</c>.</summary>
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{2,}\.eyJ[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Jwt();

    /// <summary>
    /// PEM private key blocks through the END line with the same label; a block with no END line is
    /// redacted to the end of the text, since a truncated key is still a secret.
    /// </summary>
    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----(?:[\s\S]*?-----END \1PRIVATE KEY-----|[\s\S]*)", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex PemPrivateKey();

    /// <summary><c>Bearer &lt;token&gt;</c>, any case; the credential is validated in code.</summary>
    [GeneratedRegex(@"\b(?i:bearer)[ \t]+[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Bearer();

    /// <summary><c>Basic &lt;base64&gt;</c>, any case; the credential is validated in code.</summary>
    [GeneratedRegex(@"\b(?i:basic)[ \t]+[A-Za-z0-9+/]{4,}={0,2}", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex Basic();

    /// <summary>URL user info with a password: <c>://user:password@</c>.</summary>
    [GeneratedRegex(@"://[^\s/?#@:]*:[^\s/?#@]+@", RegexOptions.CultureInvariant, TimeoutMs)]
    public static partial Regex UrlCredentials();
}
