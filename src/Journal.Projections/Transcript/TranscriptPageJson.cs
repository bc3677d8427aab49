using System.Text.Json;
using Journal.Domain.Transcript;
using Journal.EventStore.Storage;
using Journal.Projections.Shared;
using Column = Journal.Projections.Transcript.TranscriptRows.Column;

namespace Journal.Projections.Transcript;

/// <summary>
/// Writes a page of <see cref="TranscriptEntryView"/>s as the API's JSON (a <see cref="Querying.Page{T}"/>: camelCase
/// names, the kind by name, times as the serializer writes a <see cref="DateTimeOffset"/>) straight from the rows of
/// <see cref="TranscriptRows.ListAfter"/>, each value read in place and written by the same <see cref="Utf8JsonWriter"/>
/// methods the serializer calls, so the bytes are the serializer's (an API test compares them).
/// </summary>
internal static class TranscriptPageJson
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");
    private static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("sessionId");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText EntryId = JsonEncodedText.Encode("entryId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText RunId = JsonEncodedText.Encode("runId");
    private static readonly JsonEncodedText ToolName = JsonEncodedText.Encode("toolName");
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText RecordedAt = JsonEncodedText.Encode("recordedAt");
    private static readonly JsonEncodedText[] KindNames = NamesByValue();

    /// <summary>Writes the page that <paramref name="rows"/> (bound by <paramref name="page"/>) holds, then resets them.</summary>
    public static void Write(TranscriptPageStart page, NativeStatement rows, Utf8JsonWriter json)
    {
        try
        {
            json.WriteStartObject();
            json.WriteStartArray(Items);
            var count = 0;
            var last = 0L;
            var more = false;
            while (rows.Step())
            {
                if (count == page.Limit)
                {
                    more = true;
                    break;
                }

                last = rows.Int64(Column.Sequence);
                WriteEntry(page.SessionId, last, rows, json);
                count++;
            }

            json.WriteEndArray();
            if (more)
            {
                json.WriteString(NextCursor, page.NextCursor(last));
            }
            else
            {
                json.WriteNull(NextCursor);
            }

            json.WriteEndObject();
            json.Flush();
        }
        finally
        {
            rows.Reset();
        }
    }

    /// <summary>Each kind's name at the index of its value.</summary>
    private static JsonEncodedText[] NamesByValue()
    {
        var kinds = Enum.GetValues<TranscriptEntryKind>();
        var names = new JsonEncodedText[kinds.Max(k => (int)k) + 1];
        foreach (var kind in kinds)
        {
            names[(int)kind] = JsonEncodedText.Encode(kind.ToString());
        }

        return names;
    }

    private static void WriteEntry(Guid session, long sequence, NativeStatement row, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(SessionId, session);
        json.WriteNumber(Sequence, sequence);
        json.WriteString(EntryId, row.GetId(Column.EntryId));
        json.WriteString(Kind, KindNames[(int)row.GetEnum<TranscriptEntryKind>(Column.Kind)]);
        json.WriteString(Text, row.Bytes(Column.Text));
        if (row.GetIdOrNull(Column.RunId) is { } run)
        {
            json.WriteString(RunId, run);
        }
        else
        {
            json.WriteNull(RunId);
        }

        if (row.IsNull(Column.ToolName))
        {
            json.WriteNull(ToolName);
        }
        else
        {
            json.WriteString(ToolName, row.Bytes(Column.ToolName));
        }

        json.WriteNumber(Position, row.Int64(Column.Position));
        json.WriteString(RecordedAt, row.GetTime(Column.RecordedAt));
        json.WriteEndObject();
    }
}
