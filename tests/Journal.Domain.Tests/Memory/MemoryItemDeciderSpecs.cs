using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Domain.Tests.Deciding;
using static Journal.Domain.Tests.Deciding.Moments;

namespace Journal.Domain.Tests.Memory;

public class MemoryItemDeciderSpecs
{
    private static readonly Guid Id = Guid.Parse("77777777-0000-0000-0000-000000000001");
    private static readonly Guid SessionId = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly MemoryScope Scope = new("alice", "chat", SessionId);

    private static Spec<MemoryItemCommand, IMemoryItemEvent, MemoryItemState> Item =>
        new(MemoryItemDecider.Initial, MemoryItemDecider.Decide, MemoryItemDecider.Evolve);

    private static MemoryItemAdded Added(string tags = "ops", double confidence = 0.5) =>
        new(Id, "alice", "chat", SessionId, "the deploy runs at noon", tags, MemorySources.Manual, confidence, null, T0);

    private static AddMemoryItem Add(
        string content = "the deploy runs at noon", IReadOnlyList<string>? tags = null, string source = MemorySources.Manual, double confidence = 0.5, long? ttl = null, MemoryScope? scope = null) =>
        new(Id, scope ?? Scope, content, tags ?? ["ops"], source, confidence, ttl, T0);

    [Fact]
    public void Given_nothing_When_add_Then_added_with_content_and_tags_normalized() =>
        Item.Given()
            .When(Add(" the\tdeploy \u0007runs\r\n\r\n  at noon ", ["Ops", "ops", "  Release.Notes ", "a:b-c_d"], ttl: 60))
            .Then(new MemoryItemAdded(Id, "alice", "chat", SessionId, "the deploy runs at noon", "a:b-c_d ops release.notes", MemorySources.Manual, 0.5, T0.AddSeconds(60), T0));

    [Theory]
    [InlineData(MemorySources.Manual)]
    [InlineData(MemorySources.Import)]
    [InlineData(MemorySources.Summary)]
    [InlineData(MemorySources.TapeUserMessage)]
    [InlineData(MemorySources.TapeToolResult)]
    public void Given_nothing_When_add_from_a_known_source_Then_added(string source) =>
        Assert.Equal(source, ((MemoryItemAdded)Assert.Single(Item.Given().When(Add(source: source)).Then(
            new MemoryItemAdded(Id, "alice", "chat", SessionId, "the deploy runs at noon", "ops", source, 0.5, null, T0)))).Source);

    public static TheoryData<AddMemoryItem, string> InvalidAdds() => new()
    {
        { Add(content: " \u0001\u0002 \t "), "content" },
        { Add(content: new string('x', MemoryLimits.ContentMaxLength + 1)), "content" },
        { Add(tags: ["has space"]), "tags" },
        { Add(tags: ["ünïcode"]), "tags" },
        { Add(tags: [""]), "tags" },
        { Add(tags: [.. Enumerable.Range(0, MemoryLimits.MaxTags + 1).Select(i => "t" + i)]), "tags" },
        { Add(source: "tape:other"), "source" },
        { Add(confidence: 1.01), "confidence" },
        { Add(confidence: -0.1), "confidence" },
        { Add(confidence: double.NaN), "confidence" },
        { Add(ttl: 0), "ttlSeconds" },
        { Add(scope: new MemoryScope("")), "scope.principal" },
        { Add(scope: new MemoryScope("alice", "bad channel")), "scope.channel" },
        { Add(scope: new MemoryScope("alice", null, Guid.Empty)), "scope.sessionId" },
    };

    [Theory]
    [MemberData(nameof(InvalidAdds))]
    public void Given_nothing_When_add_invalid_Then_refused_naming_the_field(AddMemoryItem command, string field) =>
        Item.Given().When(command).ThenInvalid(field);

    [Fact]
    public void Given_added_When_add_again_Then_already_exists() =>
        Item.Given(Added()).When(Add()).ThenThrows<RuleViolationException>("memory.already_exists");

    [Fact]
    public void Given_added_When_update_tags_Then_updated_with_new_tags_and_same_confidence() =>
        Item.Given(Added()).When(new UpdateMemoryItem(Id, ["B", "a"], null, T1)).Then(new MemoryItemUpdated(Id, "alice", "a b", 0.5, T1));

    [Fact]
    public void Given_added_When_update_to_what_it_is_Then_nothing() =>
        Item.Given(Added()).When(new UpdateMemoryItem(Id, ["OPS"], 0.5, T1)).ThenNothing();

    [Fact]
    public void Given_added_When_update_with_nothing_Then_refused() =>
        Item.Given(Added()).When(new UpdateMemoryItem(Id, null, null, T1)).ThenInvalid("tags");

    [Fact]
    public void Given_nothing_When_update_Then_not_found() =>
        Item.Given().When(new UpdateMemoryItem(Id, null, 0.9, T1)).ThenThrows<NotFoundException>("memory_item.not_found");

    [Fact]
    public void Given_forgotten_When_update_Then_forgotten_refused() =>
        Item.Given(Added(), new MemoryItemForgotten(Id, "alice", MemoryForgetReasons.Deleted, T1))
            .When(new UpdateMemoryItem(Id, null, 0.9, T2))
            .ThenThrows<RuleViolationException>("memory.forgotten");

    [Fact]
    public void Given_added_When_forget_Then_forgotten_without_content() =>
        Item.Given(Added()).When(new ForgetMemoryItem(Id, MemoryForgetReasons.Purged, T1)).Then(new MemoryItemForgotten(Id, "alice", MemoryForgetReasons.Purged, T1));

    [Fact]
    public void Given_forgotten_When_forget_again_Then_nothing() =>
        Item.Given(Added(), new MemoryItemForgotten(Id, "alice", MemoryForgetReasons.Deleted, T1))
            .When(new ForgetMemoryItem(Id, MemoryForgetReasons.Expired, T2))
            .ThenNothing();

    [Fact]
    public void Given_added_When_forget_for_an_unknown_reason_Then_refused() =>
        Item.Given(Added()).When(new ForgetMemoryItem(Id, "because", T1)).ThenInvalid("reason");

    [Fact]
    public void Given_scopes_When_checking_containment_Then_a_wider_scope_holds_narrower_items_only_of_its_principal()
    {
        Assert.True(new MemoryScope("alice").Contains("alice", "chat", SessionId));
        Assert.True(new MemoryScope("alice", "chat").Contains("alice", "chat", SessionId));
        Assert.False(new MemoryScope("alice", "chat").Contains("alice", "mail", SessionId));
        Assert.False(new MemoryScope("alice", null, Guid.NewGuid()).Contains("alice", "chat", SessionId));
        Assert.False(new MemoryScope("bob").Contains("alice", null, null));
    }
}
