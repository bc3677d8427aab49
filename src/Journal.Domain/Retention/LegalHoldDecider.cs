using Journal.Domain.Deciding;
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

    /// <summary>This decider as a value, for the store's one call per command.</summary>
    public static Decider<LegalHoldCommand, LegalHoldState, ILegalHoldEvent> Value { get; } = new(c => StreamFor(c.Stream), Initial, Decide, Evolve);

    /// <summary>Decides <paramref name="command"/> against <paramref name="state"/>.</summary>
    /// <exception cref="ValidationException">The reason or the actor is missing or too long.</exception>
    /// <exception cref="RuleViolationException"><c>legal_hold.already_placed</c>, <c>legal_hold.not_placed</c>.</exception>
    public static IReadOnlyList<ILegalHoldEvent> Decide(LegalHoldCommand command, LegalHoldState state) => command switch
    {
        PlaceLegalHold c => Place(c, state),
        ReleaseLegalHold c => Release(c, state),
        _ => throw new ArgumentException($"unknown legal hold command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies one event.</summary>
    public static LegalHoldState Evolve(LegalHoldState state, ILegalHoldEvent @event) => @event switch
    {
        LegalHoldPlaced => new LegalHoldState(true),
        LegalHoldReleased => new LegalHoldState(false),
        _ => state,
    };

    private static ILegalHoldEvent[] Place(PlaceLegalHold c, LegalHoldState state)
    {
        Text(c.Reason, "reason");
        Text(c.PlacedBy, "placedBy");
        return state.Held
            ? throw new RuleViolationException("legal_hold.already_placed", $"stream '{c.Stream}' is on legal hold already")
            : [new LegalHoldPlaced(c.Stream.Value, c.Reason, c.PlacedBy, c.At)];
    }

    private static ILegalHoldEvent[] Release(ReleaseLegalHold c, LegalHoldState state)
    {
        Text(c.ReleasedBy, "releasedBy");
        return state.Held
            ? [new LegalHoldReleased(c.Stream.Value, c.ReleasedBy, c.At)]
            : throw new RuleViolationException("legal_hold.not_placed", $"stream '{c.Stream}' is not on legal hold");
    }

    private static void Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 1000)
        {
            throw new ValidationException(field, "1 to 1000 characters are required");
        }
    }
}
