using Journal.Application.Memory.Embeddings;
using Journal.Projections.Memory;
using Microsoft.Extensions.AI;

namespace Journal.Projections.Tests.Memory;

/// <summary>
/// Memory recall with the <c>openai</c> embedding provider against <see cref="FakeEmbeddingServer"/> on
/// loopback: the key comes from an environment variable named in the settings (a name of this test's own).
/// </summary>
public sealed class OpenAiEmbeddingTests : IAsyncLifetime
{
    private const string Cat = "Ada's cat is called Turing";
    private const string Deploy = "the deploy pipeline broke on friday";
    private const string Cake = "grandmother bakes apple cake";

    private readonly string _keyVariable = "JOURNAL_TEST_EMBEDDING_KEY_" + Guid.NewGuid().ToString("N");
    private readonly string _key = "sk-test-" + Guid.NewGuid().ToString("N");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-memory", Guid.NewGuid().ToString("N"));
    private FakeEmbeddingServer _server = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, _key);
        _server = await FakeEmbeddingServer.StartAsync(_key);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>> OpenAi(string model = "fake-embed-a", int? dimensions = null, Uri? baseUrl = null) =>
        MemoryEmbeddingGenerators.Create(new MemoryEmbeddingSettings
        {
            Provider = MemoryEmbeddingSettings.OpenAi,
            BaseUrl = baseUrl ?? _server.BaseUrl,
            Model = model,
            ApiKeyEnvironmentVariable = _keyVariable,
            Dimensions = dimensions,
        });

    private async Task<(Guid Cat, Guid Deploy, long Last)> AddThree(MemoryFixture f)
    {
        var cat = MemoryFixture.IdOf(await f.Add(Cat));
        var deploy = MemoryFixture.IdOf(await f.Add(Deploy));
        var last = await f.Add(Cake);
        return (cat, deploy, last.Position);
    }

    [Fact]
    public async Task RecallMemoryQuery_finds_by_meaning_with_the_openai_provider_where_the_hashing_one_does_not()
    {
        IReadOnlyList<MemoryHit> hashed;
        Guid hashedCat;
        await using (var hashing = await new MemoryFixture().StartAsync())
        {
            var items = await AddThree(hashing);
            hashedCat = items.Cat;
            hashed = await hashing.Recall("pet name", minPosition: items.Last);
        }

        await using var f = await new MemoryFixture(embeddings: OpenAi()).StartAsync();
        var (cat, _, last) = await AddThree(f);
        var written = await f.Get<MemoryEmbedder>().RunOnceAsync(default);
        var hits = await f.Recall("pet name", minPosition: last);

        Assert.DoesNotContain(hashed, h => h.ItemId == hashedCat);
        Assert.Equal(3, written);
        var hit = Assert.Single(hits);
        Assert.Equal(cat, hit.ItemId);
        Assert.False(hit.Parts.TextMatch);
        Assert.True(hit.Parts.VectorSearchable);
        Assert.True(hit.Parts.Vector > 0.8, $"similarity {hit.Parts.Vector}");
    }

    [Fact]
    public async Task MemoryEmbedder_sends_pending_items_in_batches_with_the_model_the_dimensions_and_the_key()
    {
        var options = new MemoryOptions { EmbeddingBatchSize = 2 };
        await using var f = await new MemoryFixture(embeddings: OpenAi(dimensions: 8), options: options).StartAsync();
        var (cat, _, last) = await AddThree(f);
        await f.Daemon.CatchUpAsync(default);
        var beforeEmbedding = _server.Requests.Count;

        var written = await f.Get<MemoryEmbedder>().RunOnceAsync(default);

        Assert.Equal(0, beforeEmbedding); // the projection never calls the model
        Assert.Equal(3, written);
        var requests = _server.Requests;
        Assert.Equal([[Cat, Deploy], [Cake]], requests.Select(r => r.Input.ToArray()));
        Assert.All(requests, r =>
        {
            Assert.Equal("/v1/embeddings", r.Path);
            Assert.Equal("fake-embed-a", r.Model);
            Assert.Equal(8, r.Dimensions);
            Assert.Equal("Bearer " + _key, r.Authorization);
        });
        Assert.Equal(new MemoryEmbeddingInfo("fake-embed-a", 8), (await f.Mediator.Send(new GetMemoryItemQuery(cat, last))).Embedding);
    }

    [Fact]
    public async Task MemoryProjection_leaves_an_item_pending_until_the_embedder_records_its_model_and_dimension()
    {
        await using var f = await new MemoryFixture(embeddings: OpenAi()).StartAsync();
        var (cat, deploy, last) = await AddThree(f);

        var pending = await f.Mediator.Send(new GetMemoryItemQuery(cat, last));
        var byText = await f.Recall("cat");
        await f.Get<MemoryEmbedder>().RunOnceAsync(default);
        var embedded = await f.Mediator.Send(new GetMemoryItemQuery(cat));
        var other = await f.Mediator.Send(new GetMemoryItemQuery(deploy));
        var byTextAgain = await f.Recall("cat");

        Assert.Null(pending.Embedding);
        var hit = Assert.Single(byText);
        Assert.Equal(cat, hit.ItemId);
        Assert.True(hit.Parts.TextMatch);
        Assert.False(hit.Parts.VectorSearchable);
        Assert.Equal(0, hit.Parts.Vector);
        Assert.Equal(new MemoryEmbeddingInfo("fake-embed-a", FakeEmbeddingServer.DefaultDimensions), embedded.Embedding);
        Assert.Equal(new MemoryEmbeddingInfo("fake-embed-a", FakeEmbeddingServer.DefaultDimensions), other.Embedding);
        Assert.True(Assert.Single(byTextAgain).Parts.VectorSearchable);
    }

    [Fact]
    public async Task RecallMemoryQuery_never_mixes_two_models_and_a_rebuild_re_embeds_every_item_with_the_new_one()
    {
        Guid cat;
        Guid shop;
        long last;
        await using (var a = await new MemoryFixture(embeddings: OpenAi("fake-embed-a"), directory: _directory).StartAsync())
        {
            (cat, _, _) = await AddThree(a);
            var added = await a.Add("the pet shop closes at six");
            shop = MemoryFixture.IdOf(added);
            last = added.Position;
            Assert.Equal(4, await a.Get<MemoryEmbedder>().RunOnceAsync(default));
            Assert.True(Assert.Single(await a.Recall("pet name", minPosition: last), h => h.ItemId == cat).Parts.Vector > 0.8);
        }

        await using var b = await new MemoryFixture(embeddings: OpenAi("fake-embed-b"), directory: _directory).StartAsync();
        var beforeRebuild = await b.Recall("pet name", minPosition: last);
        var stillModelA = (await b.Mediator.Send(new GetMemoryItemQuery(cat))).Embedding;
        var seen = _server.Requests.Count;
        await b.Daemon.RebuildAsync(MemoryProjection.ProjectionName, null, default);
        var afterRebuild = (await b.Mediator.Send(new GetMemoryItemQuery(cat))).Embedding;
        var written = await b.Get<MemoryEmbedder>().RunOnceAsync(default);
        var reEmbedded = _server.Requests.Skip(seen).ToList();
        var afterReEmbedding = await b.Recall("pet name");

        // Model A's vectors equal model B's (the fake server gives every model the same ones), so a query
        // embedded by B would score A's vector of the cat item near 1 if recall compared them.
        Assert.DoesNotContain(beforeRebuild, h => h.ItemId == cat);
        Assert.All(beforeRebuild, h => Assert.Equal((0.0, false), (h.Parts.Vector, h.Parts.VectorSearchable)));
        Assert.Equal(shop, Assert.Single(beforeRebuild).ItemId);
        Assert.Equal(new MemoryEmbeddingInfo("fake-embed-a", FakeEmbeddingServer.DefaultDimensions), stillModelA);
        Assert.Null(afterRebuild);
        Assert.Equal(4, written);
        Assert.All(reEmbedded, r => Assert.Equal("fake-embed-b", r.Model));
        Assert.Equal(new[] { Cat, Deploy, Cake, "the pet shop closes at six" }.Order(), reEmbedded.SelectMany(r => r.Input).Order());
        Assert.True(Assert.Single(afterReEmbedding, h => h.ItemId == cat).Parts.Vector > 0.8);
        Assert.Equal("fake-embed-b", (await b.Mediator.Send(new GetMemoryItemQuery(cat))).Embedding!.Model);
    }

    [Fact]
    public async Task MemoryEmbedder_keeps_items_pending_while_the_model_is_unreachable_or_failing_and_embeds_them_once_it_is_back()
    {
        var port = FakeEmbeddingServer.UnusedPort();
        await using var f = await new MemoryFixture(embeddings: OpenAi(baseUrl: new Uri($"http://127.0.0.1:{port}/v1"))).StartAsync();
        var (cat, _, last) = await AddThree(f);
        var embedder = f.Get<MemoryEmbedder>();

        await Assert.ThrowsAnyAsync<Exception>(() => embedder.RunOnceAsync(default));
        var unreachable = await f.Recall("cat", minPosition: last);
        await using var server = await FakeEmbeddingServer.StartAsync(_key, port);
        server.Mode = FakeEmbeddingMode.Failing;
        await Assert.ThrowsAnyAsync<Exception>(() => embedder.RunOnceAsync(default));
        var failing = await f.Recall("cat");
        var pending = await f.Mediator.Send(new GetMemoryItemQuery(cat));
        var failedRequests = server.Requests.Count;
        server.Mode = FakeEmbeddingMode.Healthy;
        var written = await embedder.RunOnceAsync(default);
        var back = await f.Recall("pet name");

        Assert.All([unreachable, failing], hits =>
        {
            var hit = Assert.Single(hits);
            Assert.Equal(cat, hit.ItemId);
            Assert.True(hit.Parts.TextMatch);
            Assert.False(hit.Parts.VectorSearchable);
        });
        Assert.Null(pending.Embedding);
        Assert.Equal(2, failedRequests); // one batch, one recall query: no retry storm
        Assert.Empty(f.Daemon.DeadLetters());
        Assert.Equal(3, written);
        Assert.Equal(cat, Assert.Single(back).ItemId);
        Assert.True(back[0].Parts.VectorSearchable);
    }

    [Fact]
    public async Task MemoryEmbedder_and_recall_give_up_on_a_model_that_does_not_answer_in_time()
    {
        var options = new MemoryOptions { EmbeddingTimeout = TimeSpan.FromMilliseconds(300), QueryEmbeddingTimeout = TimeSpan.FromMilliseconds(300) };
        await using var f = await new MemoryFixture(embeddings: OpenAi(), options: options).StartAsync();
        var (cat, _, last) = await AddThree(f);
        _server.Mode = FakeEmbeddingMode.Hanging;

        var run = f.Get<MemoryEmbedder>().RunOnceAsync(default);
        var guard = Task.Delay(TimeSpan.FromSeconds(20));
        Assert.Same(run, await Task.WhenAny(run, guard));
        await Assert.ThrowsAsync<TimeoutException>(() => run);
        var recall = f.Recall("cat", minPosition: last);
        Assert.Same(recall, await Task.WhenAny(recall, guard));
        var hits = await recall;
        _server.Mode = FakeEmbeddingMode.Healthy;
        var written = await f.Get<MemoryEmbedder>().RunOnceAsync(default);

        Assert.Equal(cat, Assert.Single(hits).ItemId);
        Assert.False(hits[0].Parts.VectorSearchable);
        Assert.Equal(3, written);
    }
}
