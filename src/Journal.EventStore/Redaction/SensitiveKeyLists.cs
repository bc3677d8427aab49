using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Journal.EventStore.Redaction;

/// <summary>
/// The built-in sensitive key vocabulary. Tokens are compared whole and case-insensitively against
/// the output of <see cref="KeyTokenizer"/>, never as substrings: <c>tokens</c>, <c>tokenizer</c>,
/// <c>author</c>, <c>passage</c> and <c>secretary</c> are not sensitive. <c>session key</c> is not either: in
/// this journal a session key is the caller's stable name for a session, an identifier, not a secret.
/// </summary>
internal static class SensitiveKeyLists
{
    /// <summary>A key containing any of these tokens is sensitive.</summary>
    public static readonly FrozenSet<string> SingleTokens = new[]
    {
        "password", "passwords", "passwd", "pwd", "passphrase", "passcode",
        "secret", "secrets", "token", "authorization", "bearer",
        "cookie", "cookies", "credential", "credentials", "creds",
        // Concatenated spellings that tokenize as one word when written all lower case.
        "apikey", "apikeys", "apitoken", "accesstoken", "refreshtoken", "authtoken", "idtoken",
        "sessiontoken", "accesskey", "secretkey", "privatekey", "signingkey", "clientsecret",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A key containing any of these token sequences, consecutively, is sensitive.</summary>
    public static readonly ImmutableArray<ImmutableArray<string>> TokenSequences =
    [
        ["api", "key"], ["api", "keys"],
        ["private", "key"], ["private", "keys"],
        ["access", "key"], ["access", "keys"],
        ["secret", "key"],
        ["signing", "key"],
        ["encryption", "key"],
        ["decryption", "key"],
        ["master", "key"],
        ["auth", "key"],
        ["ssh", "key"],
        ["client", "key"],
    ];

    /// <summary>
    /// Lower-case substrings that a text must contain for an assignment such as <c>token=...</c> to be
    /// possible; one per built-in token or sequence (a shared prefix covers several).
    /// </summary>
    public static readonly ImmutableArray<string> AssignmentTriggers =
    [
        "pass", "pwd", "secret", "token", "authorization", "bearer", "cookie", "cred", "key",
    ];
}
