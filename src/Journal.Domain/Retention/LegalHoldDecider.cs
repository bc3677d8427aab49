using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Retention;

/// <summary>Decides placing and releasing a legal hold on one stream. Stream: <c>legalhold-{stream}</c>.</summary>
public static class LegalHoldDecider
{
    /// <summary>The category of legal-hold streams.</summary>
    public const string Category = "legalhold";

    /// <summary>The stream recording the hold of <paramref name="held"/>.</summary>
    public static StreamId StreamFor(StreamId held) => StreamId.For(Category, held.Value);

    /// <summary>No hold.</summary>
    public static LegalHoldState Initial { get; } = new(false);

    /// <summary>Places a hold.</summary>
    /// <exception cref="ValidationException">The reason or the actor is missing or too long.</exception>
    /// <exception cref="RuleViolationException"><c>legal_hold.already_placed</c>.</exception>
    public static IReadOnlyList<ILegalHoldEvent> Place(StreamId stream, string reason, string placedBy, DateTimeOffset at, LegalHoldState state)
    {
        Text(reason, "reason");
        Text(placedBy, "placedBy");
        if (state.Held)
        {
            throw new RuleViolationException("legal_hold.already_placed", $"stream '{stream}' is on legal hold already");
        }

        return [new LegalHoldPlaced(stream.Value, reason, placedBy, at)];
    }

    /// <summary>Releases a hold.</summary>
    /// <exception cref="ValidationException">The actor is missing or too long.</exception>
    /// <exception cref="RuleViolationException"><c>legal_hold.not_placed</c>.</exception>
    public static IReadOnlyList<ILegalHoldEvent> Release(StreamId stream, string releasedBy, DateTimeOffset at, LegalHoldState state)
    {
        Text(releasedBy, "releasedBy");
        if (!state.Held)
        {
            throw new RuleViolationException("legal_hold.not_placed", $"stream '{stream}' is not on legal hold");
        }

        return [new LegalHoldReleased(stream.Value, releasedBy, at)];
    }

    /// <summary>Applies one event.</summary>
    public static LegalHoldState Evolve(LegalHoldState state, ILegalHoldEvent @event) => @event switch
    {
        LegalHoldPlaced => new LegalHoldState(true),
        LegalHoldReleased => new LegalHoldState(false),
        _ => state,
    };

    private static void Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 1000)
        {
            throw new ValidationException(field, "1 to 1000 characters are required");
        }
    }
}
