using Journal.Domain.Errors;
using Journal.Domain.Sessions;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Sessions;

public class SessionKeyDeciderSpecs
{
    private static readonly Guid S1 = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid S2 = Guid.Parse("11111111-0000-0000-0000-000000000002");

    private static Spec<SessionKeyCommand, ISessionKeyEvent, SessionKeyState> Key =>
        new(SessionKeyDecider.Initial, SessionKeyDecider.Decide, SessionKeyDecider.Evolve);

    [Fact]
    public void Given_a_free_key_When_claim_Then_claimed() =>
        Key.Given().When(new ClaimSessionKey("chat-1", S1, T0)).Then(new SessionKeyClaimed("chat-1", S1, T0));

    [Fact]
    public void Given_a_key_held_by_another_session_When_claim_Then_sessionkey_taken() =>
        Key.Given(new SessionKeyClaimed("chat-1", S1, T0))
            .When(new ClaimSessionKey("chat-1", S2, T1))
            .ThenThrows<RuleViolationException>("sessionkey.taken");

    [Fact]
    public void Given_a_key_held_by_the_same_session_When_claim_Then_nothing() =>
        Key.Given(new SessionKeyClaimed("chat-1", S1, T0)).When(new ClaimSessionKey("chat-1", S1, T1)).ThenNothing();

    [Fact]
    public void Given_a_held_key_When_release_by_its_holder_Then_released() =>
        Key.Given(new SessionKeyClaimed("chat-1", S1, T0))
            .When(new ReleaseSessionKey("chat-1", S1, T1))
            .Then(new SessionKeyReleased("chat-1", S1, T1));

    [Fact]
    public void Given_a_key_held_by_another_session_When_release_Then_sessionkey_not_held() =>
        Key.Given(new SessionKeyClaimed("chat-1", S1, T0))
            .When(new ReleaseSessionKey("chat-1", S2, T1))
            .ThenThrows<RuleViolationException>("sessionkey.not_held");

    [Fact]
    public void Given_a_free_key_When_release_Then_sessionkey_not_held() =>
        Key.Given().When(new ReleaseSessionKey("chat-1", S1, T1)).ThenThrows<RuleViolationException>("sessionkey.not_held");

    [Fact]
    public void Given_a_released_key_When_another_session_claims_it_Then_claimed() =>
        Key.Given(new SessionKeyClaimed("chat-1", S1, T0), new SessionKeyReleased("chat-1", S1, T1))
            .When(new ClaimSessionKey("chat-1", S2, T2))
            .Then(new SessionKeyClaimed("chat-1", S2, T2));

    [Theory]
    [InlineData("")]
    [InlineData("white space")]
    [InlineData("slash/key")]
    public void Given_a_free_key_When_claim_an_invalid_key_Then_validation_names_SessionKey(string key) =>
        Key.Given().When(new ClaimSessionKey(key, S1, T0)).ThenInvalid("SessionKey");

    [Fact]
    public void Given_a_free_key_When_claim_for_the_empty_session_Then_validation_names_SessionId() =>
        Key.Given().When(new ClaimSessionKey("k", Guid.Empty, T0)).ThenInvalid("SessionId");

    [Fact]
    public void Given_a_key_When_stream_named_Then_sessionkey_dash_key() =>
        Assert.Equal("sessionkey-chat-1", SessionKeyDecider.StreamFor("chat-1").Value);
}
