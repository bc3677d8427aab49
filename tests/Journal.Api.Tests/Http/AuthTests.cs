using System.Net;
using System.Net.Http.Json;
using Journal.Api.Cli;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Journal.Api.Tests.Http.Support;

namespace Journal.Api.Tests.Http;

public sealed class AuthTests : ApiTestBase
{
    [Fact]
    public async Task Request_without_a_key_is_401_with_a_challenge()
    {
        using var client = Host.Client(key: null);

        using var response = await client.GetAsync("/v1/journal/head");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Request_with_an_unknown_key_is_401_and_writes_nothing()
    {
        using var client = Host.Client("not-a-configured-key");
        var before = await Host.HeadAsync();

        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c" });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Reader_may_read_but_not_write_and_nothing_is_written()
    {
        using var reader = Host.Reader();
        var before = await Host.HeadAsync();

        using var read = await reader.GetAsync("/v1/journal/events");
        using var write = await reader.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Problem.AssertAsync(write, HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await Host.HeadAsync());
    }

    [Fact]
    public async Task Writer_may_write_and_read_but_not_administer_admin_may_do_all()
    {
        using var writer = Host.Writer();
        using var admin = Host.Admin();

        using var read = await writer.GetAsync("/v1/journal/head");
        using var adminByWriter = await writer.GetAsync("/v1/admin/verify");
        using var adminByAdmin = await admin.GetAsync("/v1/admin/verify");
        using var writeByAdmin = await admin.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Problem.AssertAsync(adminByWriter, HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(HttpStatusCode.OK, adminByAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Created, writeByAdmin.StatusCode);
    }

    [Fact]
    public async Task Key_may_come_in_the_X_Api_Key_header_and_its_name_becomes_the_actor()
    {
        using var client = Host.Client(key: null);
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.WriterKey);

        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c" });
        var written = await Json.BodyAsync(response);
        using var reader = Host.Reader();
        var page = await reader.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/journal/events?from={written.GetProperty("position").GetInt64()}&limit=1");

        Assert.Equal("writer-app", page.GetProperty("events")[0].GetProperty("metadata").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Health_live_and_ready_and_openapi_need_no_key()
    {
        using var client = Host.Client(key: null);

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Fact]
    public async Task Requests_over_the_per_key_rate_are_429_with_Retry_After()
    {
        await using var host = ApiHost.Start(settings: new Dictionary<string, string> { ["Journal:RateLimitPerMinute"] = "3" });
        using var reader = host.Reader();
        using var writer = host.Writer();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await reader.GetAsync("/v1/journal/head");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await reader.GetAsync("/v1/journal/head");
        using var otherKey = await writer.GetAsync("/v1/journal/head");

        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests, "rate_limit.exceeded");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task Without_keys_local_callers_may_write_unauthenticated()
    {
        await using var host = ApiHost.Start(withKeys: false);
        using var client = host.Client(key: null);

        using var response = await client.PostAsJsonAsync("/v1/sessions", new { principal = "ada", device = "d", channel = "c" });
        using var admin = await client.GetAsync("/v1/admin/projections");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Theory]
    [InlineData("--urls=http://0.0.0.0:5080", "Urls")]
    [InlineData("--urls=http://*:5080", "Urls")]
    [InlineData("--urls=http://192.168.1.20:5080", "Urls")]
    [InlineData("--Kestrel:Endpoints:Public:Url=http://[::]:5080", "Kestrel:Endpoints:Public:Url")]
    public void Without_keys_the_service_refuses_a_non_loopback_address(string argument, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalHost.Build([argument, $"--Journal:DataDirectory={Path.Combine(Host.Directory, "other")}"]));

        Assert.Equal(key, error.Key);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://example.com:5080", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackGuard.IsLoopback(url));

    [Theory]
    [InlineData("Role", "superuser", "Journal:ApiKeys:0:Role")]
    [InlineData("Sha256", "abc", "Journal:ApiKeys:0:Sha256")]
    [InlineData("Name", "", "Journal:ApiKeys:0:Name")]
    public void Bad_api_key_settings_stop_the_service_naming_the_key(string field, string value, string key)
    {
        var entry = new Dictionary<string, string> { ["Name"] = "k", ["Role"] = "reader", ["Sha256"] = ApiKey.HashHex("k") };
        entry[field] = value;
        var args = entry.Select(e => $"--Journal:ApiKeys:0:{e.Key}={e.Value}").ToArray();

        var error = Assert.Throws<ConfigurationException>(() => JournalHost.Build(args));

        Assert.Equal(key, error.Key);
    }

    [Theory]
    [InlineData("Journal:MaxRequestBytes", "12")]
    [InlineData("Journal:RateLimitPerMinute", "0")]
    [InlineData("Journal:HeartbeatSeconds", "often")]
    [InlineData("Journal:ReadyMaxLagEvents", "-5")]
    public void Bad_http_settings_stop_the_service_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalHost.Build([$"--{key}={value}"]));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public async Task Hash_key_verb_prints_the_sha256_hex_of_the_key_read_from_stdin()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await JournalCli.RunAsync(["hash-key"], new StringReader("my-secret-key\n"), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("my-secret-key"u8.ToArray())), output.ToString().Trim());
        Assert.DoesNotContain("my-secret-key", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_key_verb_refuses_empty_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await JournalCli.RunAsync(["hash-key"], new StringReader(string.Empty), output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.BadInput, code);
    }
}
