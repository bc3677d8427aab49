using Journal.Domain.Errors;
using Journal.EventStore.Storage;
using Journal.Projections.Querying;
using Journal.Projections.Shared;

namespace Journal.Projections.Transcript;

/// <summary>
/// Where a page of a session's transcript starts and how long it is, checked: the entry number after which it
/// starts (from <c>afterSequence</c>, or the cursor of the page before), and the limit. Both transcript queries
/// (<see cref="ListTranscriptQuery"/>, <see cref="ListTranscriptJsonQuery"/>) page alike through it.
/// </summary>
internal readonly record struct TranscriptPageStart(Guid SessionId, string Session, long AfterSequence, int Limit)
{
    public const string Listing = "transcript";

    /// <exception cref="ValidationException">A bad cursor, limit or sequence number.</exception>
    public static TranscriptPageStart Of(Guid sessionId, long afterSequence, int? limit, string? cursor)
    {
        var checkedLimit = PageCursor.Limit(limit);
        var session = ReadModelValues.Id(sessionId);
        if (afterSequence < 0)
        {
            throw new ValidationException("afterSequence", "must not be negative");
        }

        if (PageCursor.Decode(cursor, Listing, 2) is { } after)
        {
            afterSequence = after[0] == session ? PageCursor.Long(after[1]) : throw new ValidationException("cursor", "belongs to another session's transcript");
        }

        return new TranscriptPageStart(sessionId, session, afterSequence, checkedLimit);
    }

    /// <summary>The page's statement on <paramref name="reader"/>, bound to fetch one row more than the limit (the proof of a next page).</summary>
    public NativeStatement Bind(ReadSession reader)
    {
        var statement = reader.Statement(TranscriptRows.ListAfter);
        statement.Bind("$session_id", Session);
        statement.Bind("$after_sequence", AfterSequence);
        statement.Bind("$limit", Limit + 1);
        return statement;
    }

    /// <summary>The cursor of the page after one that ends with entry <paramref name="lastSequence"/>.</summary>
    public string NextCursor(long lastSequence) =>
        PageCursor.Encode(Listing, Session, lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
