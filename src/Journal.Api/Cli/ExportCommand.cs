using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using Journal.Domain.Tape;
using Journal.EventStore.Codec;

namespace Journal.Api.Cli;

/// <summary>
/// <c>export --format ndjson [--from SEQ] [--db PATH|URI]</c>: one JSON object per event, payload and
/// metadata decoded to JSON, hashes in hex, to standard output. <c>export --to FILE.db</c> copies the tape
/// into a new SQLite tape file instead (see <see cref="ExportToFile"/>).
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var db = CommonOptions.Database();
        var from = CommonOptions.Position("--from", "First position to export", 1);
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "ndjson" }.AcceptOnlyFromAmong("ndjson");
        var to = new Option<string?>("--to") { Description = "Copy the tape into this new SQLite tape file instead (refused when the file exists)" };
        var command = new Command("export", "Export the tape as NDJSON, or copy it into a new SQLite tape file with --to (read-only)") { db, from, format, to };
        command.SetAction(async (parse, ct) =>
        {
            var location = TapeLocation.Parse(parse.GetValue(db)!);
            if (parse.GetValue(to) is { } target)
            {
                return await ExportToFile.RunAsync(context, location, target, parse.GetValue(from), ct);
            }

            return await TapeSource.UseAsync(location, async source =>
            {
                var buffer = new ArrayBufferWriter<byte>(4096);
                await foreach (var recorded in source.ReadAllAsync(parse.GetValue(from), ct))
                {
                    buffer.ResetWrittenCount();
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        Write(writer, recorded);
                    }

                    await context.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), ct);
                }

                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void Write(Utf8JsonWriter writer, RecordedEvent recorded)
    {
        writer.WriteStartObject();
        writer.WriteNumber("seq", recorded.Seq);
        writer.WriteString("eventId", recorded.EventId);
        writer.WriteString("streamId", recorded.StreamId);
        writer.WriteNumber("streamVersion", recorded.StreamVersion);
        writer.WriteString("eventType", recorded.EventType);
        writer.WriteNumber("recordedAt", recorded.RecordedAt);
        writer.WritePropertyName("metadata");
        JsonSerializer.Serialize(writer, recorded.Metadata, Journal.EventStore.Serialization.PayloadSerializer.JsonOptions);
        writer.WritePropertyName("payload");
        if (recorded.Payload is { } payload)
        {
            JsonMessagePack.WriteJson(payload, writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteBoolean("erased", recorded.IsErased);
        writer.WriteString("payloadDigest", Convert.ToHexStringLower(recorded.PayloadDigest.Span));
        writer.WriteString("prevHash", Convert.ToHexStringLower(recorded.PrevHash.Span));
        writer.WriteString("hash", Convert.ToHexStringLower(recorded.Hash.Span));
        writer.WriteEndObject();
    }
}
