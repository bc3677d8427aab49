using System.Net;
using System.Net.Http.Json;
using Journal.Api.Tests.Http.Support;
using Journal.Projections.Sessions;
using MediatR;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http;

public sealed class ErrorTests : ApiTestBase
{
    protected override ApiHost StartHost() => ApiHost.Start(settings: new Dictionary<string, string> { ["Journal:MaxRequestBytes"] = "2048" });

    [Theory]
    [InlineData("{\"principal\":\"ada\",\"device\":\"laptop\",\"channel\":5}", "request.wrong_type", "channel")]
    [InlineData("{\"principal\":\"ada\",\"device\":\"laptop\",\"channel\":\"cli\",\"colour\":\"red\"}", "request.unknown_field", "colour")]
    [InlineData("{\"principal\":\"ada\",\"device\":\"laptop\"}", "request.missing_field", "channel")]
    [InlineData("{\"principal\":\"ada\",", "request.malformed_json", "body")]
    [InlineData("{\"principal\":\"ada\",\"device\":\"laptop\",\"channel\":\"cli\",\"sessionId\":\"not-a-guid\"}", "request.wrong_type", "sessionId")]
    [InlineData("{\"principal\":\"\",\"device\":\"laptop\",\"channel\":\"cli\"}", "validation.failed", "principal")]
    public async Task Command_refuses_a_bad_body_with_400_naming_the_field_and_writes_nothing(string json, string code, string field)
    {
        using var client = Host.Writer();
        var before = await Host.HeadAsync();

        using var response = await client.PostAsync("/v1/sessions", Json.Raw(json));

        await Problem.AssertFieldAsync(response, code, field);
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Command_refuses_a_nested_unknown_enum_value_naming_the_field()
    {
        var sessionId = await Host.CreateSessionAsync();
        using var client = Host.Writer();

        using var response = await client.PostAsync($"/v1/sessions/{sessionId}/transcript", Json.Raw("{\"kind\":\"Shouting\",\"text\":\"hi\"}"));

        await Problem.AssertFieldAsync(response, "request.wrong_type", "kind");
    }

    [Fact]
    public async Task Command_refuses_a_missing_body_with_400()
    {
        using var client = Host.Writer();

        using var response = await client.PostAsync("/v1/sessions", Json.Raw(string.Empty));

        await Problem.AssertFieldAsync(response, "request.invalid_parameter", "body");
    }

    [Fact]
    public async Task Route_id_that_is_not_a_guid_is_400_naming_the_parameter()
    {
        using var client = Host.Reader();

        using var response = await client.GetAsync("/v1/sessions/not-a-guid");

        await Problem.AssertFieldAsync(response, "request.invalid_parameter", "sessionId");
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem_and_unknown_aggregate_a_404_with_its_code()
    {
        using var client = Host.Reader();

        using var route = await client.GetAsync("/v1/nothing-here");
        using var session = await client.GetAsync($"/v1/sessions/{Guid.NewGuid()}");

        await Problem.AssertAsync(route, HttpStatusCode.NotFound, "route.not_found");
        var body = await Problem.AssertAsync(session, HttpStatusCode.NotFound, "session.not_found");
        Assert.Equal("session", body.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Wrong_method_and_wrong_media_type_are_problems()
    {
        using var client = Host.Writer();

        using var method = await client.DeleteAsync("/v1/journal/head");
        using var media = await client.PostAsync("/v1/sessions", new StringContent("principal=ada"));

        await Problem.AssertAsync(method, HttpStatusCode.MethodNotAllowed, "method.not_allowed");
        await Problem.AssertAsync(media, HttpStatusCode.UnsupportedMediaType, "media_type.unsupported");
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_and_nothing_is_written()
    {
        using var client = Host.Writer();
        var before = await Host.HeadAsync();
        var label = new string('x', 4000);

        using var declared = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c", label });
        using var streamed = await client.PostAsync("/v1/sessions", new UnknownLengthContent($"{{\"principal\":\"ada\",\"device\":\"d\",\"channel\":\"c\",\"label\":\"{label}\"}}"));

        var body = await Problem.AssertAsync(declared, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(2048, body.GetProperty("limit").GetInt32());
        await Problem.AssertAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Json_nested_deeper_than_32_levels_is_refused()
    {
        using var client = Host.Writer();
        var deep = new string('[', 40) + new string(']', 40);

        using var response = await client.PostAsync("/v1/sessions", Json.Raw($"{{\"principal\":\"ada\",\"device\":\"d\",\"channel\":\"c\",\"label\":{deep}}}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unexpected_error_is_500_without_the_exception_text()
    {
        await using var host = ApiHost.Start(configure: b => b.ConfigureTestServices(services =>
            services.AddTransient<IRequestHandler<GetSessionByIdQuery, SessionView>, ExplodingHandler>()));
        using var client = host.Reader();

        using var response = await client.GetAsync($"/v1/sessions/{Guid.NewGuid()}");

        var body = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "internal.error");
        Assert.DoesNotContain("kaboom", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ExplodingHandler", body.ToString(), StringComparison.Ordinal);
    }

    private sealed class ExplodingHandler : IRequestHandler<GetSessionByIdQuery, SessionView>
    {
        public Task<SessionView> Handle(GetSessionByIdQuery request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("kaboom: secret internals");
    }

    /// <summary>A body sent without Content-Length (chunked), so the limit must be enforced while reading.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string text)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
