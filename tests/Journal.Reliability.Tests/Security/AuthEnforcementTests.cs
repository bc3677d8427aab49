using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Journal.Api.Http.Auth;
using Journal.Reliability.Tests.Support;

namespace Journal.Reliability.Tests.Security;

/// <summary>
/// Every endpoint of the app (enumerated from its metadata, so new ones are covered) refuses a missing or
/// unknown key with 401; anything under /v1/admin refuses reader and writer keys and any other non-GET
/// refuses a reader key with 403 (a query sent as a POST may take a reader key but must not write);
/// nothing is written. Only health, OpenAPI and Swagger are anonymous on the API's side. The control room's
/// endpoints (everything outside the API's paths) take no key at all: without its sign-in cookie each one
/// sends the caller to the sign-in page, whatever key it presents; only the sign-in and sign-out pages and the
/// framework's script files are anonymous there.
/// </summary>
public sealed class AuthEnforcementTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("auth");
    private ServiceHost _host = null!;

    public Task InitializeAsync()
    {
        _host = ServiceHost.Start(_directory.Combine("data"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Every_write_and_admin_endpoint_refuses_a_missing_wrong_or_too_weak_key_and_writes_nothing()
    {
        var session = await _host.CreateSessionAsync();
        var endpoints = Endpoints.Of(_host.Services);
        var anonymous = endpoints.Where(e => e.Policies.Count == 0).ToList();
        Assert.All(anonymous, e => Assert.True(
            e.Pattern.StartsWith("/health/", StringComparison.Ordinal) || e.Pattern.StartsWith("/openapi", StringComparison.Ordinal) || e.Pattern.StartsWith("/swagger", StringComparison.Ordinal)
                || IsPublicControlRoomEndpoint(e),
            $"{e} needs no key"));
        var pages = endpoints.Except(anonymous).Where(e => !SchemeSelector.IsApi(e.Pattern)).ToList();
        var protectedOnes = endpoints.Except(anonymous).Except(pages).ToList();
        Assert.Contains(pages, e => e.Pattern == "/approvals");
        Assert.Contains(pages, e => e.Pattern.StartsWith("/_blazor", StringComparison.Ordinal));

        using var none = _host.Client(null);
        using var wrong = _host.Client("not-a-configured-key-0000");
        using var reader = _host.Reader();
        using var writer = _host.Writer();
        using var xApiKeyWrong = _host.Client(null);
        xApiKeyWrong.DefaultRequestHeaders.Add("X-Api-Key", "also-not-a-key");
        var head = await _host.HeadAsync();
        var failures = new List<string>();
        foreach (var endpoint in protectedOnes)
        {
            // The role an endpoint needs follows from what it does, not from its own metadata (which a
            // mistake could lower): anything under /v1/admin is admin, anything that is not a GET writes.
            var admin = endpoint.Pattern.StartsWith("/v1/admin", StringComparison.Ordinal);
            var writes = endpoint.Method != "GET";
            var path = endpoint.Path(name => name == "sessionId" ? session.ToString() : Guid.NewGuid().ToString());
            await ExpectAsync(none, endpoint, path, HttpStatusCode.Unauthorized, failures);
            await ExpectAsync(wrong, endpoint, path, HttpStatusCode.Unauthorized, failures);
            await ExpectAsync(xApiKeyWrong, endpoint, path, HttpStatusCode.Unauthorized, failures);
            if (admin || (writes && !endpoint.Policies.SequenceEqual(["reader"])))
            {
                await ExpectAsync(reader, endpoint, path, HttpStatusCode.Forbidden, failures);
            }
            else if (writes)
            {
                // A query sent as a POST (its input in a body) may take a reader key, but must never write.
                var before = await _host.HeadAsync();
                await SendAsync(reader, endpoint, path);
                if (await _host.HeadAsync() != before)
                {
                    failures.Add($"{endpoint} wrote to the tape with a reader key");
                }
            }

            if (admin)
            {
                await ExpectAsync(writer, endpoint, path, HttpStatusCode.Forbidden, failures);
            }
        }

        foreach (var page in pages)
        {
            // A key never opens a page: only the sign-in cookie does, and without it the answer is the sign-in page
            // (or, for the hub an open page talks to, 401 naming it).
            // Page routes carry constraints ({SessionId:guid}, {Seq:long}): fill each with a value it accepts.
            var path = System.Text.RegularExpressions.Regex.Replace(page.Pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value == "Seq" ? "1" : session.ToString());
            foreach (var client in new[] { none, wrong, xApiKeyWrong, reader, writer })
            {
                await ExpectSignInAsync(client, page, path, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(head, await _host.HeadAsync());
    }

    /// <summary>The sign-in and sign-out pages, and the framework's scripts (and, in Development, its static-file fallback for them).</summary>
    private static bool IsPublicControlRoomEndpoint(EndpointInfo endpoint) =>
        endpoint.Pattern is "/login" or "/logout" or "/{**path:file}" || endpoint.Pattern.StartsWith("/_framework/", StringComparison.Ordinal);

    private static async Task ExpectSignInAsync(HttpClient client, EndpointInfo endpoint, string path, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Unauthorized) || response.Headers.Location?.AbsolutePath != "/login")
        {
            failures.Add($"{endpoint} answered {(int)response.StatusCode} {response.Headers.Location}, expected 302 or 401 to /login");
        }
    }

    private static async Task ExpectAsync(HttpClient client, EndpointInfo endpoint, string path, HttpStatusCode expected, List<string> failures)
    {
        var status = await SendAsync(client, endpoint, path);
        if (status != expected)
        {
            failures.Add($"{endpoint} answered {(int)status}, expected {(int)expected}");
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, EndpointInfo endpoint, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.TakesBody)
        {
            // A body that would be accepted, so that only the key can be the reason for the refusal.
            request.Content = new StringContent("{\"principal\":\"ada\",\"device\":\"d\",\"channel\":\"c\"}", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        return response.StatusCode;
    }
}
