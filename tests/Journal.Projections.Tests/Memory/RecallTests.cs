using Journal.Domain.Errors;
using Journal.Domain.Memory;
using Journal.Domain.Memory.UseCases;
using Journal.Projections.Memory;

namespace Journal.Projections.Tests.Memory;

public sealed class RecallTests : IAsyncLifetime
{
    private static readonly Guid SessionA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid SessionB = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private readonly MemoryFixture _f = new();

    public async Task InitializeAsync() => await _f.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task RecallMemoryQuery_keeps_principals_channels_and_sessions_apart()
    {
        var alice = await _f.Add("kiwi orchard notes", new MemoryScope("alice"));
        var aliceChat = await _f.Add("kiwi orchard chat", new MemoryScope("alice", "chat"));
        var aliceChatA = await _f.Add("kiwi orchard session a", new MemoryScope("alice", "chat", SessionA));
        var aliceChatB = await _f.Add("kiwi orchard session b", new MemoryScope("alice", "chat", SessionB));
        var aliceMail = await _f.Add("kiwi orchard mail", new MemoryScope("alice", "mail"));
        var last = await _f.Add("kiwi orchard bob", new MemoryScope("bob", "chat"));

        async Task<Guid[]> Ids(MemoryScope scope) =>
            [.. (await _f.Recall("kiwi orchard", scope, last.Position)).Select(h => h.ItemId).Order()];

        Assert.Equal(new[] { alice, aliceChat, aliceChatA, aliceChatB, aliceMail }.Select(MemoryFixture.IdOf).Order(), await Ids(new MemoryScope("alice")));
        Assert.Equal(new[] { aliceChat, aliceChatA, aliceChatB }.Select(MemoryFixture.IdOf).Order(), await Ids(new MemoryScope("alice", "chat")));
        Assert.Equal([MemoryFixture.IdOf(aliceChatA)], await Ids(new MemoryScope("alice", "chat", SessionA)));
        Assert.Equal([MemoryFixture.IdOf(aliceChatB)], await Ids(new MemoryScope("alice", null, SessionB)));
        Assert.Equal([MemoryFixture.IdOf(last)], await Ids(new MemoryScope("bob")));
        Assert.Empty(await Ids(new MemoryScope("carol")));
    }

    [Fact]
    public async Task RecallMemoryQuery_requires_every_tag_and_one_of_the_sources()
    {
        var both = await _f.Add("lemon tart recipe", tags: ["food", "dessert"], source: MemorySources.Manual);
        var food = await _f.Add("lemon chicken recipe", tags: ["food"], source: MemorySources.Import);
        var tool = await _f.Add("lemon tool output recipe", tags: ["food", "dessert"], source: MemorySources.TapeToolResult);

        var dessert = await _f.Recall("lemon recipe", minPosition: tool.Position, tags: ["FOOD", "dessert"]);
        var imported = await _f.Recall("lemon recipe", tags: ["food"], sources: [MemorySources.Import, MemorySources.Summary]);
        var retagged = await _f.Mediator.Send(new UpdateMemoryItemRequest(MemoryFixture.IdOf(food), ["food", "dessert"]));
        var afterUpdate = await _f.Recall("lemon recipe", minPosition: retagged.Position, tags: ["dessert"], sources: [MemorySources.Import]);

        Assert.Equal(new[] { both, tool }.Select(MemoryFixture.IdOf).Order(), dessert.Select(h => h.ItemId).Order());
        Assert.Equal([MemoryFixture.IdOf(food)], imported.Select(h => h.ItemId));
        Assert.Equal([MemoryFixture.IdOf(food)], afterUpdate.Select(h => h.ItemId));
        Assert.Equal(["dessert", "food"], afterUpdate[0].Tags);
    }

    [Fact]
    public async Task RecallMemoryQuery_ranks_an_exact_match_above_a_weak_one_and_shows_the_parts()
    {
        var weak = await _f.Add("We talked about many things at the offsite, budgets and hiring, and once about a database migration.");
        var exact = await _f.Add("Postgres database migration checklist for the billing service");
        var last = await _f.Add("Nothing to do with it: the cat sleeps on the sofa.");

        var hits = await _f.Recall("postgres database migration checklist", minPosition: last.Position);

        Assert.Equal(MemoryFixture.IdOf(exact), hits[0].ItemId);
        Assert.Equal(MemoryFixture.IdOf(weak), hits[1].ItemId);
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Equal(1.0, hits[0].Parts.Text, 6);
        Assert.True(hits[0].Parts.Text > hits[1].Parts.Text);
        Assert.True(hits[0].Parts.Vector > hits[1].Parts.Vector);
        Assert.True(hits[0].Parts.TextMatch);
        Assert.Equal(1.0, hits[0].Parts.Recency, 6);
        Assert.Equal(1.0, hits[0].Parts.Quality, 6);
        var w = new MemoryRecallWeights();
        Assert.Equal(w.Text * hits[1].Parts.Text + w.Vector * hits[1].Parts.Vector + w.Recency * hits[1].Parts.Recency + w.Quality * hits[1].Parts.Quality, hits[1].Score, 9);
        Assert.DoesNotContain(hits, h => h.ItemId == MemoryFixture.IdOf(last));
    }

    [Fact]
    public async Task RecallMemoryQuery_finds_by_vector_alone_only_above_the_minimum_similarity()
    {
        var related = await _f.Add("the deploy pipeline broke on friday");
        var last = await _f.Add("grandmother bakes apple cake");

        var hits = await _f.Recall("deployment pipelines", minPosition: last.Position);

        var hit = Assert.Single(hits);
        Assert.Equal(MemoryFixture.IdOf(related), hit.ItemId);
        Assert.False(hit.Parts.TextMatch);
        Assert.Equal(0, hit.Parts.Text);
        Assert.True(hit.Parts.Vector >= new MemoryOptions().MinVectorSimilarity);
    }

    [Fact]
    public async Task RecallMemoryQuery_weights_and_source_quality_change_the_order()
    {
        var tool = await _f.Add("quarterly revenue figures", source: MemorySources.TapeToolResult);
        var manual = await _f.Add("quarterly revenue figures", source: MemorySources.Manual, confidence: 0.9);

        var hits = await _f.Recall("quarterly revenue figures", minPosition: manual.Position);
        var onlyQuality = await _f.Mediator.Send(new RecallMemoryQuery("quarterly revenue", new MemoryScope("alice"), Weights: new MemoryRecallWeights(0, 0, 0, 1)));

        Assert.Equal([MemoryFixture.IdOf(manual), MemoryFixture.IdOf(tool)], hits.Select(h => h.ItemId));
        Assert.Equal(0.9, hits[0].Parts.Quality, 6);
        Assert.Equal(MemorySources.Quality(MemorySources.TapeToolResult), hits[1].Parts.Quality, 6);
        Assert.Equal(0.9, onlyQuality[0].Score, 6);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote")]
    [InlineData("alpha*")]
    [InlineData("alpha AND")]
    [InlineData("AND OR NOT")]
    [InlineData("NEAR(alpha beta)")]
    [InlineData("-alpha")]
    [InlineData("content:alpha")]
    [InlineData("^alpha + {beta}")]
    [InlineData("(((")]
    [InlineData("\u0000\u0001 .")]
    public async Task RecallMemoryQuery_treats_fts_syntax_as_plain_words_without_error(string text)
    {
        var item = await _f.Add("alpha beta and near content");

        var hits = await _f.Recall(text, minPosition: item.Position);

        Assert.All(hits, h => Assert.Equal(MemoryFixture.IdOf(item), h.ItemId));
    }

    [Fact]
    public void MemoryFtsQuery_quotes_every_word_and_joins_them_with_or()
    {
        Assert.Equal("\"near\" OR \"alpha\" OR \"beta\" OR \"and\"", MemoryFtsQuery.Sanitize("NEAR(alpha -beta*) AND \"alpha\""));
        Assert.Null(MemoryFtsQuery.Sanitize("\"*-()"));
    }

    [Fact]
    public void MemoryFtsQuery_leaves_out_words_in_more_than_a_twentieth_of_a_large_index_but_keeps_the_rarest_when_all_are_common()
    {
        var counts = new Dictionary<string, long> { ["the"] = 90_000, ["database"] = 5_000, ["postgres"] = 120, ["of"] = 70_000 };
        IReadOnlyList<string> query = ["the", "postgres", "database", "of", "unseen"];

        Assert.Equal(["postgres", "database", "unseen"], MemoryFtsQuery.WithoutCommonWords(query, counts, 100_000));
        Assert.Equal(["of"], MemoryFtsQuery.WithoutCommonWords(["the", "of"], counts, 100_000));
        Assert.Equal(query, MemoryFtsQuery.WithoutCommonWords(query, counts, MemoryFtsQuery.MinItemsToPrune - 1));
        Assert.Equal(["the"], MemoryFtsQuery.WithoutCommonWords(["the"], counts, 100_000));
    }

    [Fact]
    public void MemoryFtsQuery_keeps_the_rarest_words_whose_items_add_up_to_the_scoring_budget()
    {
        var budget = MemoryFtsQuery.MaxScoredOccurrences;
        var counts = new Dictionary<string, long> { ["rare"] = 10, ["mid"] = (budget / 2) - 1, ["wide"] = budget / 2, ["wider"] = budget - 1 };
        IReadOnlyList<string> query = ["wider", "wide", "rare", "mid"];

        // rare + mid fit (10 + budget/2 - 1); wide would pass the budget; wider is the commonest: both out, order kept.
        Assert.Equal(["rare", "mid"], MemoryFtsQuery.WithoutCommonWords(query, counts, 1_000_000));
        // A rarest word over the budget alone is still kept, and nothing after it.
        Assert.Equal(["wider"], MemoryFtsQuery.WithoutCommonWords(["wider", "wider2"], new Dictionary<string, long> { ["wider"] = budget + 1, ["wider2"] = budget + 2 }, 1_000_000));
        // Words under the budget together are all kept, whatever their number.
        Assert.Equal(["a", "b", "c"], MemoryFtsQuery.WithoutCommonWords(["a", "b", "c"], new Dictionary<string, long> { ["a"] = budget / 3, ["b"] = budget / 3, ["c"] = budget / 3 }, 1_000_000));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("ok", "limit", 0)]
    [InlineData("ok", "limit", 101)]
    public async Task RecallMemoryQuery_refuses_bad_input(string text, string field, int? limit = null)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => _f.Recall(text, limit: limit));

        Assert.Equal(field, ex.Field);
        Assert.Equal("sources", (await Assert.ThrowsAsync<ValidationException>(() => _f.Recall("ok", sources: ["web"]))).Field);
        Assert.Equal("scope.principal", (await Assert.ThrowsAsync<ValidationException>(() => _f.Recall("ok", new MemoryScope("a b")))).Field);
    }

    [Fact]
    public async Task AddMemoryItem_redacts_a_secret_so_it_is_never_indexed_or_recalled()
    {
        var secret = "sk-" + new string('Q', 20) + "7f3kQ9zX2mN4pL8rT6vB";
        var added = await _f.Add($"the billing api key is {secret} keep it safe");

        var item = await _f.Mediator.Send(new GetMemoryItemQuery(MemoryFixture.IdOf(added), added.Position));
        var bySecret = await _f.Recall(secret);
        var byWords = await _f.Recall("billing api key");

        Assert.DoesNotContain(secret, item.Content, StringComparison.Ordinal);
        Assert.Contains("billing api key is", item.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(bySecret, h => h.Parts.TextMatch);
        Assert.DoesNotContain(secret, Assert.Single(byWords).Content, StringComparison.Ordinal);
        SqliteFiles.Checkpoint(_f);
        Assert.Empty(SqliteFiles.Containing(_f.Directory, secret));
    }

    [Fact]
    public async Task GetMemoryItemQuery_returns_the_item_with_its_embedding_and_not_found_after_delete()
    {
        var added = await _f.Add("  spaced \t out\u0007 text ", new MemoryScope("alice", "chat", SessionA), MemorySources.Summary, ["B", "a"], 0.25);
        var item = await _f.Mediator.Send(new GetMemoryItemQuery(MemoryFixture.IdOf(added), added.Position));
        var deleted = await _f.Mediator.Send(new DeleteMemoryItemRequest(MemoryFixture.IdOf(added)));

        Assert.Equal("spaced out text", item.Content);
        Assert.Equal(new MemoryScope("alice", "chat", SessionA), item.Scope);
        Assert.Equal(["a", "b"], item.Tags);
        Assert.Equal((MemorySources.Summary, 0.25), (item.Source, item.Confidence));
        Assert.Equal(new MemoryEmbeddingInfo("journal-hash-256", 256), item.Embedding);
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => _f.Mediator.Send(new GetMemoryItemQuery(MemoryFixture.IdOf(added), deleted.Position)));
        Assert.Equal("memory_item.not_found", ex.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => _f.Mediator.Send(new DeleteMemoryItemRequest(Guid.NewGuid())));
    }
}
