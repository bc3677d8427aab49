using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Journal.EventStore.Redaction;

/// <summary>
/// Removes secrets from an event's JSON tree before it is encoded and hashed, so they never reach the
/// tape. Immutable and thread-safe; build one per <see cref="RedactionOptions"/> and reuse it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Key rule.</b> An object property whose key is sensitive (see <see cref="IsSensitiveKey(string)"/>)
/// has its whole value, whatever its type, replaced by <see cref="RedactionOptions.Replacement"/>. A
/// <c>null</c> value is kept (it holds nothing), and a value already equal to the replacement is left
/// alone and not reported, so redacting twice changes nothing.
/// </para>
/// <para>
/// <b>Argument-list rule.</b> In an array, an item that is a sensitive command-line flag on its own
/// (<c>"--token"</c>, <c>"-api-key"</c>: one or two dashes and a sensitive key) makes the next item its
/// value, replaced whole whatever its type, unless that item is null or is the next option (it starts
/// with <c>--</c> or is itself a sensitive flag): <c>["gh","--token","abc"]</c> keeps <c>"gh"</c> and
/// <c>"--token"</c>.
/// </para>
/// <para>
/// <b>Value rule.</b> Every other string, wherever it is (array element, innocent key, the root), is
/// scanned with <see cref="RedactText(string, out bool)"/>.
/// </para>
/// <para>
/// <b>Embedded JSON.</b> A string that, trimmed, starts with <c>{</c> or <c>[</c> and parses as JSON is
/// redacted as a tree with both rules, up to <see cref="RedactionOptions.MaxEmbeddedJsonDepth"/>
/// levels; when anything inside changed it is replaced by the compact re-serialization. Deeper strings,
/// and strings that do not parse, are scanned as text.
/// </para>
/// <para>Object keys themselves are never rewritten.</para>
/// </remarks>
public sealed class Redactor
{
    private const int EmbeddedDocumentMaxDepth = 64;

    private readonly string _replacement;
    private readonly int _maxEmbeddedJsonDepth;
    private readonly SensitiveKeyMatcher _keys;
    private readonly TextRedactor _text;

    /// <summary>Creates a redactor.</summary>
    /// <param name="options">The settings; <see cref="RedactionOptions.Default"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException">Options, its extra keys, an extra key or the replacement is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The embedded JSON depth is negative.</exception>
    public Redactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ExtraKeys, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Replacement, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxEmbeddedJsonDepth, nameof(options));
        _replacement = options.Replacement;
        _maxEmbeddedJsonDepth = options.MaxEmbeddedJsonDepth;
        _keys = new SensitiveKeyMatcher(options.ExtraKeys);
        _text = new TextRedactor(_keys, _replacement);
    }

    /// <summary>
    /// Redacts a tree in place. Containers are mutated; a replaced root is returned in
    /// <see cref="RedactionResult.Value"/>, otherwise the same instance comes back.
    /// </summary>
    /// <param name="root">The serialized event, or null.</param>
    /// <returns>The redacted root and the pointer of every replaced value, in document order.</returns>
    public RedactionResult Redact(JsonNode? root)
    {
        if (root is null)
        {
            return new RedactionResult(null, []);
        }

        List<string>? paths = null;
        root = NormalizeOpaque(root);
        JsonNode value = Visit(root, host: null, level: 0, ref paths);
        return new RedactionResult(value, paths is null ? [] : paths.ToArray());
    }

    /// <summary>
    /// Replaces secret-looking substrings of free text (transcripts, error messages, log lines):
    /// <list type="bullet">
    /// <item><c>Bearer &lt;token&gt;</c> and <c>Basic &lt;base64 of user:password&gt;</c>, any case; the scheme word is kept.</item>
    /// <item>OpenAI <c>sk-</c>/<c>sk-proj-</c> and Anthropic <c>sk-ant-</c> keys (16+ characters after <c>sk-</c>, with a digit).</item>
    /// <item>GitHub <c>ghp_ gho_ ghu_ ghs_ ghr_</c> + 36 alphanumerics, and <c>github_pat_</c> tokens.</item>
    /// <item>Slack <c>xoxa- xoxb- xoxp- xoxr- xoxs-</c> tokens; AWS <c>AKIA</c>/<c>ASIA</c> + 16 key ids; Google <c>AIza</c> keys.</item>
    /// <item>JWTs (<c>eyJ….eyJ….…</c>) and PEM <c>-----BEGIN … PRIVATE KEY-----</c> blocks through the matching END line.</item>
    /// <item>URL passwords: <c>https://user:password@host</c>.</item>
    /// <item>Assignments <c>name=value</c> / <c>name: value</c> (quotes around either allowed) whose name is a
    /// sensitive key: the value is replaced up to whitespace, <c>&amp; ; , " ' ` &lt; &gt;</c>, or for a
    /// quoted value up to the closing quote.</item>
    /// <item>Command-line flags whose name (after one or two dashes, starting a word) is a sensitive key, with
    /// the value after spaces or tabs: <c>--token VALUE</c>, <c>-token VALUE</c>, <c>--api-key "a b"</c>, and
    /// an argument list written out, <c>["--token", "VALUE"]</c> or <c>['--token', 'VALUE']</c>; the value ends
    /// as an assignment's does. A following word that starts with <c>--</c>, or is itself a sensitive flag,
    /// is the next option, not the value. <c>--token=VALUE</c> is an assignment.</item>
    /// </list>
    /// Strings too short or without any trigger substring are returned without running a regex.
    /// If a pattern times out on hostile input the whole text is replaced.
    /// </summary>
    /// <param name="text">The text to scan.</param>
    /// <param name="changed">Whether anything was replaced.</param>
    /// <returns>The redacted text, or <paramref name="text"/> itself when nothing changed.</returns>
    public string RedactText(string text, out bool changed)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _text.Redact(text, out changed);
    }

    /// <summary>
    /// Whether values under <paramref name="key"/> are secret. The key is split into lower-cased tokens
    /// on every character that is not a letter or digit (<c>_ - .</c> space ...), on camelCase and
    /// acronym boundaries (<c>APIKey</c> → api, key; <c>XMLHttpToken</c> → xml, http, token) and between
    /// letters and digits. It is sensitive when a whole token is one of
    /// <c>password passwords passwd pwd passphrase passcode secret secrets token authorization bearer
    /// cookie cookies credential credentials creds apikey apikeys apitoken accesstoken refreshtoken
    /// authtoken idtoken sessiontoken accesskey secretkey privatekey signingkey clientsecret</c>,
    /// or consecutive tokens are one of
    /// <c>api key(s), private key(s), access key(s), secret key, signing key, session key, encryption key,
    /// decryption key, master key, auth key, ssh key, client key</c>, or any
    /// <see cref="RedactionOptions.ExtraKeys"/> sequence. Substrings never count: <c>max_tokens</c>,
    /// <c>tokenizer</c>, <c>author</c>, <c>passage</c>, <c>secretary</c> and <c>key</c> alone are kept.
    /// </summary>
    /// <param name="key">The property name.</param>
    /// <returns>True when the key's value must be redacted.</returns>
    public bool IsSensitiveKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _keys.IsSensitive(key);
    }

    /// <summary>The text written in place of redacted values.</summary>
    internal string Replacement => _replacement;

    /// <summary>
    /// The argument-list rule: whether an array item is a sensitive flag on its own (<c>--token</c>), so that
    /// the next item, unless it is an option (<see cref="IsOptionItem(ReadOnlySpan{char})"/>) or null, is
    /// replaced whole.
    /// </summary>
    internal bool IsSensitiveFlagItem(ReadOnlySpan<char> item) => AssignmentScanner.IsSensitiveFlagItem(item, _keys);

    /// <summary>Whether an array item after a sensitive flag item is the next option rather than its value.</summary>
    internal bool IsOptionItem(ReadOnlySpan<char> item) => AssignmentScanner.IsOptionItem(item, _keys);

    private bool IsOptionItem(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && IsOptionItem(ReadString(value));

    /// <summary><see cref="IsSensitiveKey(string)"/> for a key held in a span (the streaming encoder's keys).</summary>
    internal bool IsSensitiveKey(ReadOnlySpan<char> key) => _keys.IsSensitive(key);

    /// <summary>
    /// Whether a string value of the top-level document could change under <see cref="RedactValue"/>:
    /// false means it is certainly kept as it is, so the caller need not materialize it.
    /// </summary>
    internal bool MightRedactValue(ReadOnlySpan<char> text) => MightBeEmbeddedJson(text) || _text.MightMatch(text);

    /// <summary>
    /// Whether <see cref="RedactValue"/> would try <paramref name="text"/> as embedded JSON; when not, it
    /// is exactly <see cref="RedactText"/> plus the pointer on a change, so the pointer can wait for one.
    /// </summary>
    internal bool MightBeEmbeddedJson(ReadOnlySpan<char> text) => _maxEmbeddedJsonDepth > 0 && LooksLikeJson(text);

    /// <summary>
    /// The value rule for one string of the top-level document, exactly as the tree walk applies it to a
    /// string node: embedded JSON first, then the text patterns.
    /// </summary>
    /// <param name="text">The string value.</param>
    /// <param name="pointer">The value's JSON Pointer in the top-level document.</param>
    /// <param name="paths">Receives the pointers of replaced values, in document order.</param>
    /// <returns>The value to store: <paramref name="text"/> itself when nothing changed.</returns>
    internal string RedactValue(string text, string pointer, ref List<string>? paths)
    {
        if (MightBeEmbeddedJson(text) && TryParse(text, out JsonNode? embedded))
        {
            int before = paths?.Count ?? 0;
            JsonNode redacted = Visit(embedded, pointer, level: 1, ref paths);
            return (paths?.Count ?? 0) > before ? SerializeCompact(redacted) : text;
        }

        string result = _text.Redact(text, out bool changed);
        if (!changed)
        {
            return text;
        }

        (paths ??= []).Add(pointer);
        return result;
    }

    private JsonNode Visit(JsonNode node, string? host, int level, ref List<string>? paths)
    {
        switch (node)
        {
            case JsonObject obj:
                VisitObject(obj, host, level, ref paths);
                return obj;
            case JsonArray array:
                VisitArray(array, host, level, ref paths);
                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return VisitString(value, ReadString(value), host, level, ref paths);
            default:
                return node;
        }
    }

    private void VisitObject(JsonObject obj, string? host, int level, ref List<string>? paths)
    {
        // Indexed access: enumerating a JsonObject would box its enumerator.
        for (int i = 0; i < obj.Count; i++)
        {
            (string key, JsonNode? child) = obj.GetAt(i);
            if (child is null)
            {
                continue;
            }

            if (_keys.IsSensitive(key))
            {
                if (!IsReplacement(child))
                {
                    (paths ??= []).Add(JsonPointer.Compose(host, JsonPointer.Of(obj, key)));
                    obj.SetAt(i, JsonValue.Create(_replacement));
                }

                continue;
            }

            JsonNode normalized = NormalizeOpaque(child);
            if (!ReferenceEquals(normalized, child))
            {
                obj.SetAt(i, normalized);
            }

            JsonNode redacted = Visit(normalized, host, level, ref paths);
            if (!ReferenceEquals(redacted, normalized))
            {
                obj.SetAt(i, redacted);
            }
        }
    }

    private void VisitArray(JsonArray array, string? host, int level, ref List<string>? paths)
    {
        bool afterFlag = false;
        for (int i = 0; i < array.Count; i++)
        {
            JsonNode? child = array[i];
            bool valueOfFlag = afterFlag;
            afterFlag = child is JsonValue item && item.GetValueKind() == JsonValueKind.String && IsSensitiveFlagItem(ReadString(item));
            if (child is null)
            {
                continue;
            }

            // An argument list: the item after "--token" is its value, whatever it looks like.
            if (valueOfFlag && !IsOptionItem(child))
            {
                if (!IsReplacement(child))
                {
                    (paths ??= []).Add(JsonPointer.Compose(host, JsonPointer.Of(child)));
                    array[i] = JsonValue.Create(_replacement);
                }

                continue;
            }

            JsonNode normalized = NormalizeOpaque(child);
            if (!ReferenceEquals(normalized, child))
            {
                array[i] = normalized;
            }

            JsonNode redacted = Visit(normalized, host, level, ref paths);
            if (!ReferenceEquals(redacted, normalized))
            {
                array[i] = redacted;
            }
        }
    }

    private JsonValue VisitString(JsonValue value, string text, string? host, int level, ref List<string>? paths)
    {
        if (level < _maxEmbeddedJsonDepth && LooksLikeJson(text) && TryParse(text, out JsonNode? embedded))
        {
            string hostPointer = JsonPointer.Compose(host, JsonPointer.Of(value));
            int before = paths?.Count ?? 0;
            JsonNode redacted = Visit(embedded, hostPointer, level + 1, ref paths);

            // The parse already saw every string inside, so an unchanged document needs no text scan.
            return (paths?.Count ?? 0) > before ? JsonValue.Create(SerializeCompact(redacted)) : value;
        }

        string result = _text.Redact(text, out bool changed);
        if (!changed)
        {
            return value;
        }

        (paths ??= []).Add(JsonPointer.Compose(host, JsonPointer.Of(value)));
        return JsonValue.Create(result);
    }

    /// <summary>
    /// Compact JSON with minimal escaping, so a re-written embedded document stays close to what the
    /// producer wrote (<c>\"</c> rather than <c>\u0022</c>); it is stored, never placed in HTML.
    /// </summary>
    private static string SerializeCompact(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private bool IsReplacement(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && ReadString(value) == _replacement;

    private static string ReadString(JsonValue value) =>
        value.TryGetValue(out string? text)
            ? text
            : JsonNode.Parse(value.ToJsonString())!.GetValue<string>(); // e.g. a wrapped Guid or custom type

    /// <summary>
    /// A JsonValue can wrap an object or array (a JsonElement or a CLR object); re-parse it into real
    /// nodes so its contents are walked like everything else. Trees from the serializer never need this.
    /// </summary>
    private static JsonNode NormalizeOpaque(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array
            ? JsonNode.Parse(value.ToJsonString())!
            : node;

    // Cheap shape check first: "[INFO] ..." and "[REDACTED]" must not cost a thrown JsonException.
    private static bool LooksLikeJson(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        if (trimmed.Length < 2)
        {
            return false;
        }

        char open = trimmed[0];
        char close = trimmed[^1];
        ReadOnlySpan<char> inner = trimmed[1..].TrimStart();
        char next = inner.IsEmpty ? '\0' : inner[0];
        return open switch
        {
            '{' => close == '}' && next is '"' or '}',
            '[' => close == ']' && (next is '{' or '[' or '"' or ']' or '-' or 't' or 'f' or 'n' || char.IsAsciiDigit(next)),
            _ => false,
        };
    }

    private static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text, nodeOptions: null, new JsonDocumentOptions { MaxDepth = EmbeddedDocumentMaxDepth });
            return node is not null;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}
