using Journal.Domain.Approvals;
using Journal.Domain.Tests.Deciding;

namespace Journal.Domain.Tests.Approvals;

/// <summary>
/// <c>approval.decided.v1</c> gained <see cref="ApprovalDecided.WidenedToSession"/> ("remember this decision") without a
/// new tape name: the payload leaves nulls out, so the field is only written when it is true. These specs hold the
/// event's tape bytes as pinned before the field existed (tests/testdata/event-contracts/events.json at that time) and
/// show that such events still decode, encode to the same bytes and replay to the same state.
/// </summary>
public class ApprovalDecidedCompatibilitySpecs
{
    /// <summary>The pinned sample of <c>approval.decided.v1</c> written before <c>widenedToSession</c> existed.</summary>
    private const string WrittenBeforeTheField =
        "8baa617070726f76616c4964d92463303832663531362d636437362d373265622d663061612d636533646664383939383864a973657373696f6e4964d92438306234353339662d336465312d663765322d346437662d383937343562646637326333ab7375626a65637454797065bb417070726f76616c446563696465642e5375626a65637454797065a97375626a6563744964b9417070726f76616c446563696465642e5375626a6563744964a573636f7065a954696d65626f786564a86465636973696f6ea444656e79a9646563696465644279b9417070726f76616c446563696465642e446563696465644279a6726561736f6eb6417070726f76616c446563696465642e526561736f6eaa72656d656d6265726564c3af72656d656d6265726564556e74696cb9323032362d30312d30315431323a30393a30302b30303a3030a26174b9323032362d30312d30315431323a31303a30302b30303a3030";

    private static readonly ApprovalDecided Old = new(
        EventSamples.GuidOf("ApprovalId"),
        EventSamples.GuidOf("SessionId"),
        "ApprovalDecided.SubjectType",
        "ApprovalDecided.SubjectId",
        ApprovalScope.Timeboxed,
        ApprovalDecision.Deny,
        "ApprovalDecided.DecidedBy",
        "ApprovalDecided.Reason",
        true,
        EventSamples.Epoch.AddMinutes(9),
        EventSamples.Epoch.AddMinutes(10));

    [Fact]
    public void Given_an_event_written_before_the_field_When_decoded_Then_every_field_is_as_written_and_nothing_was_widened()
    {
        var decoded = EventContracts.Serializer.Decode("approval.decided.v1", Convert.FromHexString(WrittenBeforeTheField));

        Assert.Equal(Old, decoded);
        Assert.Null(((ApprovalDecided)decoded!).WidenedToSession);
    }

    [Fact]
    public void Given_a_decision_that_widens_nothing_When_encoded_today_Then_its_bytes_are_those_written_before_the_field()
    {
        var (payload, _) = EventContracts.Serializer.EncodePayload(Old);

        Assert.Equal(WrittenBeforeTheField, Convert.ToHexStringLower(payload));
    }

    [Fact]
    public void Given_a_widened_decision_When_encoded_Then_only_the_field_is_added_and_it_decodes_back()
    {
        var widened = Old with { Scope = ApprovalScope.Once, RememberedUntil = null, WidenedToSession = true };

        var (payload, _) = EventContracts.Serializer.EncodePayload(widened);
        var decoded = EventContracts.Serializer.Decode("approval.decided.v1", payload);

        Assert.Equal(widened, decoded);
        Assert.Contains(Convert.ToHexStringLower("widenedToSession"u8), Convert.ToHexStringLower(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_event_written_before_the_field_When_replayed_Then_the_state_is_as_before()
    {
        var requested = new ApprovalRequested(Old.ApprovalId, Old.SessionId, Old.SubjectType, Old.SubjectId, "Summary", ApprovalScope.Timeboxed, 60, Old.At.AddHours(1), Old.At.AddMinutes(-1));
        var decoded = (ApprovalDecided)EventContracts.Serializer.Decode("approval.decided.v1", Convert.FromHexString(WrittenBeforeTheField))!;

        var state = ApprovalDecider.Evolve(ApprovalDecider.Evolve(ApprovalDecider.Initial, requested), decoded);

        Assert.Equal(
            new ApprovalState(true, Old.ApprovalId, Old.SessionId, Old.SubjectType, Old.SubjectId, ApprovalScope.Timeboxed, 60, requested.ExpiresAt, ApprovalStatus.Denied, Old.RememberedUntil),
            state);
    }
}
