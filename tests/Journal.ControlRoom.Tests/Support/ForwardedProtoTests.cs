using System.Net;
using System.Text.RegularExpressions;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>
/// Behind a reverse proxy that ends TLS, the sign-in cookie is Secure when the proxy is trusted
/// (<c>Journal:TrustedProxies</c>) and says <c>X-Forwarded-Proto: https</c>; the same header from anyone else changes nothing.
/// </summary>
public sealed partial class ForwardedProtoTests : IDisposable
{
    private const string Key = "proxy-admin-key-0001";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journal-controlroom-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.9.8.0/24", false)]
    [InlineData(null, false)]
    public async Task The_sign_in_cookie_is_secure_only_when_a_trusted_proxy_forwards_https(string? trusted, bool secure)
    {
        string[] proxies = trusted is null ? [] : [$"--Journal:TrustedProxies:0={trusted}"];
        await using var app = JournalHost.Build(
        [
            $"--Journal:DataDirectory={Path.Combine(_directory, "data")}", "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Journal:ApiKeys:0:Name=admin-app", "--Journal:ApiKeys:0:Role=admin", $"--Journal:ApiKeys:0:Sha256={ApiKey.HashHex(Key)}", .. proxies,
        ]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

        using var form = await client.GetAsync(new Uri("login", UriKind.Relative));
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Key"] = Key }),
        };
        post.Headers.Add("Cookie", antiforgery);
        post.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Auth.ControlRoomAuth.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
        await app.StopAsync();
    }

    [Fact]
    public void A_trusted_proxy_that_is_neither_an_address_nor_a_network_stops_the_service_naming_the_setting()
    {
        var error = Assert.Throws<ConfigurationException>(() => JournalHost.Build([$"--Journal:DataDirectory={Path.Combine(_directory, "data")}", "--Journal:TrustedProxies:0=proxy.example"]));

        Assert.Equal("Journal:TrustedProxies:0", error.Key);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
