using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Journal.Api.Http.Input;

/// <summary>
/// Checks a JSON body in one forward pass of <see cref="Utf8JsonReader"/>, without building a document:
/// strict UTF-8, well-formed (no comments, trailing commas or data after the value), at most
/// <see cref="JsonSetup.MaxDepth"/> levels, each key at most once per object (compared after unescaping),
/// and no escaped lone surrogate. These are the bodies two JSON parsers could read two ways, or that the
/// serializer would only trip over later, after part of the request has been acted on.
/// </summary>
public static class JsonBodyCheck
{
    /// <summary>The first fault of <paramref name="body"/>, or null when it is strict JSON. A leading UTF-8 byte order mark is skipped (and counted in offsets).</summary>
    public static JsonBodyFault? Find(ReadOnlySpan<byte> body)
    {
        var scan = new Scan(body.StartsWith("\uFEFF"u8) ? 3 : 0);
        try
        {
            return scan.Run(body);
        }
        finally
        {
            scan.Return();
        }
    }

    /// <summary>The state of one pass: the open objects and arrays, and the (unescaped) keys of the open objects.</summary>
    private sealed class Scan(int start)
    {
        private const string Malformed = "request.malformed_json";

        // Up to this many keys an object's keys are compared one by one; past it, through a hash set (so a
        // body of many keys costs linear time, not quadratic).
        private const int LinearKeys = 16;

        // Longest key shown in a path: a hostile key may be as long as the body.
        private const int ShownKeyLength = 100;

        private readonly Frame[] _frames = ArrayPool<Frame>.Shared.Rent(JsonSetup.MaxDepth + 1);
        private byte[] _names = ArrayPool<byte>.Shared.Rent(512);
        private KeyRange[] _keys = ArrayPool<KeyRange>.Shared.Rent(64);
        private int _depth;
        private int _nameBytes;
        private int _keyCount;

        public JsonBodyFault? Run(ReadOnlySpan<byte> body)
        {
            // One level more than the limit for the reader itself, so that the limit is reported here, with its path.
            var reader = new Utf8JsonReader(body[start..], new JsonReaderOptions { MaxDepth = JsonSetup.MaxDepth + 1 });
            try
            {
                while (reader.Read())
                {
                    var fault = reader.TokenType switch
                    {
                        JsonTokenType.PropertyName => Key(body, ref reader),
                        JsonTokenType.String => Text(body, ref reader),
                        JsonTokenType.StartObject or JsonTokenType.StartArray => Open(body, ref reader),
                        JsonTokenType.EndObject or JsonTokenType.EndArray => Close(),
                        _ => Value(),
                    };
                    if (fault is not null)
                    {
                        return fault;
                    }
                }

                return null;
            }
            catch (JsonException e)
            {
                return Fault(body, Malformed, PathTo(Math.Max(0, _depth - 1)), "is not valid JSON", OffsetOf(body, e.LineNumber ?? 0, e.BytePositionInLine ?? 0));
            }
        }

        public void Return()
        {
            ArrayPool<Frame>.Shared.Return(_frames, clearArray: true);
            ArrayPool<byte>.Shared.Return(_names);
            ArrayPool<KeyRange>.Shared.Return(_keys);
        }

        private JsonBodyFault? Key(ReadOnlySpan<byte> body, ref Utf8JsonReader reader)
        {
            var quote = start + reader.TokenStartIndex;
            var container = _depth - 1;
            var raw = reader.ValueSpan;
            if (FirstInvalidByte(raw) is { } bad)
            {
                return Fault(body, Malformed, PathTo(container), "is not valid UTF-8", quote + 1 + bad);
            }

            Reserve(raw.Length);
            int length;
            if (!reader.ValueIsEscaped)
            {
                raw.CopyTo(_names.AsSpan(_nameBytes));
                length = raw.Length;
            }
            else if (!TryUnescape(ref reader, out length))
            {
                return Fault(body, Malformed, PathTo(container), "holds an escaped lone surrogate", quote);
            }

            if (_keyCount == _keys.Length)
            {
                var keys = ArrayPool<KeyRange>.Shared.Rent(_keys.Length * 2);
                _keys.AsSpan(0, _keyCount).CopyTo(keys);
                ArrayPool<KeyRange>.Shared.Return(_keys);
                _keys = keys;
            }

            ref var frame = ref _frames[container];
            var name = _names.AsSpan(_nameBytes, length);
            var repeated = frame.Large is { } large ? !large.Add(Encoding.UTF8.GetString(name)) : Repeats(frame.FirstKey, name);
            _keys[_keyCount] = new KeyRange(_nameBytes, length);
            frame.Current = _keyCount++;
            _nameBytes += length;
            if (frame.Large is null && _keyCount - frame.FirstKey > LinearKeys)
            {
                frame.Large = new HashSet<string>(StringComparer.Ordinal);
                for (var i = frame.FirstKey; i < _keyCount; i++)
                {
                    frame.Large.Add(Encoding.UTF8.GetString(NameAt(i)));
                }
            }

            return repeated ? Fault(body, "request.duplicate_key", PathTo(_depth), "is a key its object already has", quote) : null;
        }

        private JsonBodyFault? Text(ReadOnlySpan<byte> body, ref Utf8JsonReader reader)
        {
            Enter();
            var quote = start + reader.TokenStartIndex;
            var raw = reader.ValueSpan;
            if (FirstInvalidByte(raw) is { } bad)
            {
                return Fault(body, Malformed, PathTo(_depth), "is not valid UTF-8", quote + 1 + bad);
            }

            if (reader.ValueIsEscaped)
            {
                // Unescaped into the free end of the key buffer, only to see that it can be.
                Reserve(raw.Length);
                if (!TryUnescape(ref reader, out _))
                {
                    return Fault(body, Malformed, PathTo(_depth), "holds an escaped lone surrogate", quote);
                }
            }

            return null;
        }

        private JsonBodyFault? Open(ReadOnlySpan<byte> body, ref Utf8JsonReader reader)
        {
            Enter();
            if (_depth >= JsonSetup.MaxDepth)
            {
                return Fault(body, "request.too_deep", PathTo(_depth), $"is nested too deeply (at most {JsonSetup.MaxDepth} levels)", start + reader.TokenStartIndex);
            }

            _frames[_depth++] = new Frame(reader.TokenType == JsonTokenType.StartArray, _keyCount, _nameBytes);
            return null;
        }

        private JsonBodyFault? Close()
        {
            ref var frame = ref _frames[--_depth];
            _keyCount = frame.FirstKey;
            _nameBytes = frame.FirstNameByte;
            frame.Large = null;
            return null;
        }

        private JsonBodyFault? Value()
        {
            Enter();
            return null;
        }

        /// <summary>A value starts: in an array, it is the next element.</summary>
        private void Enter()
        {
            if (_depth > 0 && _frames[_depth - 1].IsArray)
            {
                _frames[_depth - 1].Current++;
            }
        }

        private bool Repeats(int firstKey, ReadOnlySpan<byte> name)
        {
            for (var i = firstKey; i < _keyCount; i++)
            {
                if (NameAt(i).SequenceEqual(name))
                {
                    return true;
                }
            }

            return false;
        }

        private bool TryUnescape(ref Utf8JsonReader reader, out int length)
        {
            try
            {
                length = reader.CopyString(_names.AsSpan(_nameBytes));
                return true;
            }
            catch (InvalidOperationException)
            {
                // The reader refuses to unescape a lone surrogate (\ud800 without its pair).
                length = 0;
                return false;
            }
        }

        private void Reserve(int length)
        {
            if (_nameBytes + length <= _names.Length)
            {
                return;
            }

            var names = ArrayPool<byte>.Shared.Rent(Math.Max(_names.Length * 2, _nameBytes + length));
            _names.AsSpan(0, _nameBytes).CopyTo(names);
            ArrayPool<byte>.Shared.Return(_names);
            _names = names;
        }

        private ReadOnlySpan<byte> NameAt(int key) => _names.AsSpan(_keys[key].Start, _keys[key].Length);

        /// <summary>The path through the first <paramref name="frames"/> open containers, each to its current member.</summary>
        private string PathTo(int frames)
        {
            var path = new StringBuilder("$");
            for (var i = 0; i < frames; i++)
            {
                var frame = _frames[i];
                if (frame.IsArray)
                {
                    path.Append('[').Append(frame.Current.ToString(CultureInfo.InvariantCulture)).Append(']');
                    continue;
                }

                var name = Encoding.UTF8.GetString(NameAt(frame.Current));
                name = name.Length > ShownKeyLength ? name[..ShownKeyLength] + "..." : name;
                if (name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    path.Append('.').Append(name);
                }
                else
                {
                    path.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                }
            }

            return path.ToString();
        }

        /// <summary>The body offset of a reader position (its line counted from 0 at LF, its byte in that line).</summary>
        private long OffsetOf(ReadOnlySpan<byte> body, long line, long byteInLine)
        {
            var lineStart = start;
            for (var i = 0L; i < line; i++)
            {
                var next = body[lineStart..].IndexOf((byte)'\n');
                if (next < 0)
                {
                    break;
                }

                lineStart += next + 1;
            }

            return Math.Min(body.Length, lineStart + byteInLine);
        }

        private static JsonBodyFault Fault(ReadOnlySpan<byte> body, string code, string path, string reason, long offset)
        {
            var before = body[..(int)offset];
            var line = before.Count((byte)'\n') + 1L;
            var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
            return new JsonBodyFault(code, path, $"{reason} at byte {offset} (line {line}, column {column})", offset, line, column);
        }

        private static int? FirstInvalidByte(ReadOnlySpan<byte> text)
        {
            if (Utf8.IsValid(text))
            {
                return null;
            }

            var at = 0;
            while (Rune.DecodeFromUtf8(text[at..], out _, out var consumed) == OperationStatus.Done)
            {
                at += consumed;
            }

            return at;
        }
    }

    /// <summary>An open object or array.</summary>
    /// <param name="IsArray">An array (its members are counted) or an object (its keys are kept).</param>
    /// <param name="FirstKey">Index of the object's first key among the kept keys.</param>
    /// <param name="FirstNameByte">Where the object's key bytes start.</param>
    private record struct Frame(bool IsArray, int FirstKey, int FirstNameByte)
    {
        /// <summary>Arrays: index of the current element (-1 before the first); objects: the current key.</summary>
        public int Current { get; set; } = -1;

        /// <summary>The keys of an object with many, as strings.</summary>
        public HashSet<string>? Large { get; set; }
    }

    /// <summary>Where a kept key's unescaped bytes are.</summary>
    private readonly record struct KeyRange(int Start, int Length);
}
