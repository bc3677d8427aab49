using Journal.Domain.Errors;
using Journal.Domain.Retention;
using Journal.Domain.Tape;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Retention;

public class LegalHoldDeciderSpecs
{
    private static readonly StreamId Held = StreamId.Parse("session-abc");

    [Fact]
    public void Given_no_hold_When_place_Then_placed_on_the_holds_stream()
    {
        var events = LegalHoldDecider.Decide(new PlaceLegalHold(Held, "case 42", "legal", T0), LegalHoldDecider.Initial);

        Assert.Equal([new LegalHoldPlaced("session-abc", "case 42", "legal", T0)], events);
        Assert.Equal("legalhold-session-abc", LegalHoldDecider.Value.Stream(new PlaceLegalHold(Held, "case 42", "legal", T0)).Value);
    }

    [Fact]
    public void Given_a_hold_When_place_again_Then_already_placed()
    {
        var state = LegalHoldDecider.Evolve(LegalHoldDecider.Initial, new LegalHoldPlaced("session-abc", "case 42", "legal", T0));

        var error = Assert.Throws<RuleViolationException>(() => LegalHoldDecider.Decide(new PlaceLegalHold(Held, "case 43", "legal", T0), state));

        Assert.Equal("legal_hold.already_placed", error.Code);
    }

    [Fact]
    public void Given_a_hold_When_release_Then_released_and_not_held()
    {
        var state = LegalHoldDecider.Evolve(LegalHoldDecider.Initial, new LegalHoldPlaced("session-abc", "case 42", "legal", T0));

        var events = LegalHoldDecider.Decide(new ReleaseLegalHold(Held, "legal", T0), state);

        Assert.Equal([new LegalHoldReleased("session-abc", "legal", T0)], events);
        Assert.False(LegalHoldDecider.Evolve(state, events[0]).Held);
    }

    [Fact]
    public void Given_no_hold_When_release_Then_not_placed()
    {
        var error = Assert.Throws<RuleViolationException>(() => LegalHoldDecider.Decide(new ReleaseLegalHold(Held, "legal", T0), LegalHoldDecider.Initial));

        Assert.Equal("legal_hold.not_placed", error.Code);
    }

    [Fact]
    public void Given_no_hold_When_place_without_a_reason_Then_validation_fails()
    {
        Assert.Throws<ValidationException>(() => LegalHoldDecider.Decide(new PlaceLegalHold(Held, " ", "legal", T0), LegalHoldDecider.Initial));
    }

    [Fact]
    public void Given_no_hold_When_release_without_an_actor_Then_validation_names_releasedBy()
    {
        var error = Assert.Throws<ValidationException>(() => LegalHoldDecider.Decide(new ReleaseLegalHold(Held, "", T0), LegalHoldDecider.Initial));

        Assert.Equal("releasedBy", error.Field);
    }
}
