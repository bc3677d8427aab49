namespace Journal.Domain.Errors;

/// <summary>
/// Base of every failure the journal reports on purpose. <see cref="Code"/> is stable: clients and
/// the problem-details mapping key on it, never on the message.
/// </summary>
public abstract class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected JournalException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>Stable machine-readable code, such as <c>run.already_active</c>.</summary>
    public string Code { get; }

    /// <summary>
    /// True when the journal refused the request on purpose (bad input, a rule, a conflict, something
    /// missing): a business outcome, logged at Information. False for a failure of the machinery beneath
    /// (storage, read models behind), which operators must see: logged as a warning.
    /// </summary>
    public virtual bool IsRefusal => true;
}

/// <summary>Input that fails validation: which field and why. Nothing was written.</summary>
public sealed class ValidationException(string field, string reason)
    : JournalException("validation.failed", $"{field}: {reason}")
{
    /// <summary>The field at fault.</summary>
    public string Field { get; } = field;

    /// <summary>Why it was refused.</summary>
    public string Reason { get; } = reason;
}

/// <summary>The stream was not at the version the caller expected.</summary>
public sealed class WrongExpectedVersionException(string stream, string expected, long actual)
    : JournalException("stream.wrong_expected_version", $"stream '{stream}' expected version {expected}, actual {actual}")
{
    /// <summary>The stream.</summary>
    public string Stream { get; } = stream;

    /// <summary>What the caller expected (<c>any</c>, <c>no-stream</c>, <c>stream-exists</c> or a number).</summary>
    public string Expected { get; } = expected;

    /// <summary>The stream's actual version (0 when it does not exist).</summary>
    public long Actual { get; } = actual;
}

/// <summary>An event id that is on the tape already, with other content.</summary>
public sealed class EventIdConflictException(Guid eventId, string detail)
    : JournalException("event.id_conflict", $"event {eventId} is on the tape already with other content: {detail}")
{
    /// <summary>The conflicting id.</summary>
    public Guid EventId { get; } = eventId;
}

/// <summary>Something asked for does not exist.</summary>
public sealed class NotFoundException(string kind, string id)
    : JournalException($"{kind}.not_found", $"{kind} '{id}' was not found")
{
    /// <summary>What kind of thing (session, run, ...).</summary>
    public string Kind { get; } = kind;

    /// <summary>The id looked up.</summary>
    public string Id { get; } = id;
}

/// <summary>A domain rule refused the command, with a stable code such as <c>run.already_active</c>.</summary>
public sealed class RuleViolationException(string code, string message)
    : JournalException(code, message);

/// <summary>An input that is too large to accept.</summary>
public sealed class TooLargeException(string what, long size, long limit)
    : JournalException("input.too_large", $"{what} is {size} bytes, over the limit of {limit}")
{
    /// <summary>Size of the input.</summary>
    public long Size { get; } = size;

    /// <summary>The limit.</summary>
    public long Limit { get; } = limit;
}
