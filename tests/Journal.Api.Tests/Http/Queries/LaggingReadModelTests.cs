using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Runtime;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http.Queries;

/// <summary>
/// A single-resource GET answers from the read model alone: its <c>ETag</c> and <c>X-Journal-Position</c>
/// are the row's. A read model held back answers its older version without waiting, <c>minPosition</c>
/// waits for the newer one, and an <c>If-Match</c> built on the older tag is refused by the command side,
/// which checks the stream on the tape, never applied.
/// </summary>
public sealed class LaggingReadModelTests : ApiTestBase
{
    private readonly ReadModelGate _gate = new();

    protected override ApiHost StartHost() => ApiHost.Start(configure: b => b.ConfigureTestServices(s => s.AddSingleton<IProjectionFaults>(_gate)));

    [Fact]
    public async Task Get_answers_a_lagging_read_models_version_and_position_and_the_newer_ones_at_minPosition()
    {
        var session = await Queries.CreateSessionAsync(label: "one");
        using (await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}?minPosition={session.Position}"))
        {
        }

        Written renamed;
        HttpResponseMessage lagging;
        _gate.Hold();
        try
        {
            renamed = await Queries.PutAsync($"/v1/sessions/{session.Id}/label", new { label = "two" });
            lagging = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}");
        }
        finally
        {
            _gate.Release();
        }

        using (lagging)
        {
            using var fresh = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}?minPosition={renamed.Position}");
            var old = await Json.BodyAsync(lagging);
            var now = await Json.BodyAsync(fresh);

            Assert.Equal(2, renamed.StreamVersion);
            Assert.Equal(("\"1\"", "one"), (Json.ETagOf(lagging), old.GetProperty("label").GetString()));
            Assert.Equal(Text(session.Position), PositionOf(lagging));
            Assert.Equal(("\"2\"", "two"), (Json.ETagOf(fresh), now.GetProperty("label").GetString()));
            Assert.Equal(Text(renamed.Position), PositionOf(fresh));
        }
    }

    [Fact]
    public async Task An_If_Match_built_on_a_lagging_etag_is_refused_as_stale_and_writes_nothing()
    {
        var session = await Queries.CreateSessionAsync(label: "one");
        using (await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}?minPosition={session.Position}"))
        {
        }

        string lagging;
        long before;
        HttpResponseMessage stale;
        _gate.Hold();
        try
        {
            await Queries.PutAsync($"/v1/sessions/{session.Id}/label", new { label = "two" });
            using (var get = await Queries.Reader.GetAsync($"/v1/sessions/{session.Id}"))
            {
                lagging = Json.ETagOf(get);
            }

            before = await Host.HeadAsync();
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/sessions/{session.Id}/label") { Content = JsonContent.Create(new { label = "three" }) };
            request.Headers.TryAddWithoutValidation("If-Match", lagging);
            stale = await Writer.SendAsync(request);
        }
        finally
        {
            _gate.Release();
        }

        using (stale)
        {
            var problem = await Problem.AssertAsync(stale, HttpStatusCode.Conflict, "stream.wrong_expected_version");
            var now = await Queries.GetAsync($"/v1/sessions/{session.Id}?minPosition={before}");

            Assert.Equal("\"1\"", lagging);
            Assert.Equal((1L, 2L), (problem.GetProperty("expected").GetInt64(), problem.GetProperty("actual").GetInt64()));
            Assert.Equal(before, await Host.HeadAsync());
            Assert.Equal("two", now.GetProperty("label").GetString());
        }
    }

    private static string Text(long position) => position.ToString(CultureInfo.InvariantCulture);

    private static string PositionOf(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("X-Journal-Position"));
}
