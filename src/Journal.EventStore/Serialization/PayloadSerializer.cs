using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Journal.Domain.Errors;
using Journal.Domain.Tape;
using Journal.EventStore.Chain;
using Journal.EventStore.Codec;
using Journal.EventStore.Redaction;

namespace Journal.EventStore.Serialization;

/// <summary>
/// The one place where event records become tape bytes and back: record -> JSON tree
/// (System.Text.Json, camelCase) -> redaction -> MessagePack. Reading goes MessagePack -> JSON -> record.
/// </summary>
public sealed class PayloadSerializer
{
    private readonly EventTypeRegistry _registry;
    private readonly Redactor _redactor;
    private readonly int _maxPayloadBytes;

    /// <summary>Creates the serializer.</summary>
    public PayloadSerializer(EventTypeRegistry registry, Redactor redactor, int maxPayloadBytes)
    {
        _registry = registry;
        _redactor = redactor;
        _maxPayloadBytes = maxPayloadBytes;
    }

    /// <summary>The JSON settings used to map records (camelCase names, enums by name, nulls omitted).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>The registry of event types.</summary>
    public EventTypeRegistry Registry => _registry;

    /// <summary>The redactor applied to every payload.</summary>
    public Redactor Redactor => _redactor;

    /// <summary>Redacts and encodes one event with the call's metadata.</summary>
    /// <exception cref="ValidationException">The event type name is malformed or does not match the record's registered name.</exception>
    /// <exception cref="TooLargeException">The encoded payload is over the limit.</exception>
    internal EncodedEvent Encode(EventData data, EventMetadata metadata)
    {
        EncodedMetadata? plain = null;
        return Encode(data, metadata, ref plain);
    }

    /// <summary>
    /// Redacts and encodes one event; <paramref name="plain"/> carries the call's metadata encoding
    /// (without redacted paths) from one event to the next, so it is made once per call, not per event.
    /// </summary>
    internal EncodedEvent Encode(EventData data, EventMetadata metadata, ref EncodedMetadata? plain)
    {
        if (data.EventId == Guid.Empty)
        {
            throw new ValidationException("eventId", "an event id must not be the empty guid");
        }

        if (!EventTypeRegistry.IsValidName(data.EventType))
        {
            throw new ValidationException("eventType", $"'{data.EventType}' is not a tape type name of the form feature.fact.vN");
        }

        if (data.Payload is null)
        {
            throw new ValidationException("payload", "a payload is required");
        }

        if (_registry.TryGetName(data.Payload.GetType(), out var registered) && !string.Equals(registered, data.EventType, StringComparison.Ordinal))
        {
            throw new ValidationException("eventType", $"'{data.EventType}' does not match the record's registered type '{registered}'");
        }

        var (payload, paths) = EncodePayload(data.Payload);
        if (payload.Length > _maxPayloadBytes)
        {
            throw new TooLargeException("payload", payload.Length, _maxPayloadBytes);
        }

        EncodedMetadata encodedMetadata;
        if (paths.Count == 0)
        {
            encodedMetadata = plain ??= EncodedMetadata.Of(metadata.RedactedPaths is null ? metadata : metadata with { RedactedPaths = null });
        }
        else
        {
            encodedMetadata = EncodedMetadata.Of(metadata with { RedactedPaths = paths });
        }

        return new EncodedEvent(data.EventId, data.EventType, encodedMetadata.Bytes, encodedMetadata.Digest, payload, ChainHash.Digest(payload));
    }

    /// <summary>Metadata as stored (MessagePack) with its SHA-256; shared, never mutated, by the events of one call.</summary>
    internal sealed record EncodedMetadata(byte[] Bytes, byte[] Digest)
    {
        public static EncodedMetadata Of(EventMetadata metadata)
        {
            var bytes = EncodeMetadata(metadata);
            return new EncodedMetadata(bytes, ChainHash.Digest(bytes));
        }
    }

    /// <summary>
    /// Redacts and encodes a payload: the streaming path (<see cref="StreamingPayloadEncoder"/>) for records, the
    /// tree path for JSON trees and elements and for the rare input the streaming path declines. Both give the same
    /// bytes and paths.
    /// </summary>
    internal (byte[] Payload, IReadOnlyList<string> Paths) EncodePayload(object payload)
    {
        if (payload is not (JsonNode or JsonElement)
            && StreamingPayloadEncoder.TryEncode(payload, payload.GetType(), _redactor, out var encoded, out var paths))
        {
            return (encoded, paths is null ? [] : paths.ToArray());
        }

        return EncodePayloadTree(payload);
    }

    /// <summary>The reference encoding: record -> JSON tree -> <see cref="Redactor.Redact"/> -> MessagePack.</summary>
    internal (byte[] Payload, IReadOnlyList<string> Paths) EncodePayloadTree(object payload)
    {
        var redacted = _redactor.Redact(ToJson(payload));
        return (JsonMessagePack.Encode(redacted.Value), redacted.Paths);
    }

    /// <summary>Encodes metadata as MessagePack.</summary>
    public static byte[] EncodeMetadata(EventMetadata metadata)
    {
        return metadata is not null && StreamingPayloadEncoder.TryEncodeMetadata(metadata, out var encoded)
            ? encoded
            : EncodeMetadataTree(metadata);
    }

    /// <summary>The reference metadata encoding, through a JSON tree.</summary>
    internal static byte[] EncodeMetadataTree(EventMetadata? metadata) =>
        JsonMessagePack.Encode(JsonSerializer.SerializeToNode(metadata, JsonOptions));

    /// <summary>Decodes metadata written by <see cref="EncodeMetadata"/>.</summary>
    public static EventMetadata DecodeMetadata(ReadOnlyMemory<byte> bytes) =>
        ToRecord<EventMetadata>(bytes) ?? EventMetadata.Empty;

    /// <summary>
    /// Decodes a payload: the registered record type for <paramref name="eventType"/>, or a
    /// <see cref="JsonNode"/> when the type is not registered.
    /// </summary>
    public object? Decode(string eventType, ReadOnlyMemory<byte> payload)
    {
        if (!_registry.TryGetType(eventType, out var type))
        {
            return JsonMessagePack.Decode(payload);
        }

        // One JSON buffer and writer per thread, reused: decoding a tape is one payload after another.
        var json = _decodeBuffer ??= new ArrayBufferWriter<byte>(4096);
        json.ResetWrittenCount();
        var writer = _decodeWriter ??= new Utf8JsonWriter(json);
        writer.Reset(json);
        JsonMessagePack.WriteJson(payload, writer);
        writer.Flush();
        try
        {
            return JsonSerializer.Deserialize(json.WrittenSpan, type, JsonOptions);
        }
        finally
        {
            if (json.Capacity > 1 << 20)
            {
                // Do not keep a huge payload's buffer alive on the thread.
                (_decodeBuffer, _decodeWriter) = (null, null);
            }
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _decodeBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _decodeWriter;

    /// <summary>Decodes a payload to a record of type <typeparamref name="T"/>.</summary>
    public static T? ToRecord<T>(ReadOnlyMemory<byte> payload)
    {
        var json = new ArrayBufferWriter<byte>(payload.Length * 2 + 16);
        using (var writer = new Utf8JsonWriter(json))
        {
            JsonMessagePack.WriteJson(payload, writer);
        }

        return JsonSerializer.Deserialize<T>(json.WrittenSpan, JsonOptions);
    }

    private static JsonNode? ToJson(object payload) => payload switch
    {
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(payload, payload.GetType(), JsonOptions),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
