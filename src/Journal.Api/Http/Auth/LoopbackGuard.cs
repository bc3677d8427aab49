using System.Net;
using Journal.Api.Hosting;

namespace Journal.Api.Http.Auth;

/// <summary>
/// Without API keys the service is unauthenticated, so it may listen on loopback only: any other
/// address configured (<c>Urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c>, Kestrel
/// endpoints) stops it at start-up.
/// </summary>
public static class LoopbackGuard
{
    /// <summary>Throws when no key is configured and a listening address is not loopback.</summary>
    /// <exception cref="ConfigurationException">A non-loopback address, naming the key that set it.</exception>
    public static void Check(IConfiguration configuration, JournalSettings settings)
    {
        if (settings.ApiKeys.Count > 0)
        {
            return;
        }

        foreach (var (key, url) in Addresses(configuration))
        {
            if (!IsLoopback(url))
            {
                throw new ConfigurationException(key, $"'{url}' is not a loopback address; without Journal:ApiKeys the service listens on loopback only");
            }
        }
    }

    /// <summary>
    /// Once the server listens, checks the addresses it actually bound (whatever configured them) and
    /// stops the service when one is not loopback while no key is configured.
    /// </summary>
    public static void Watch(WebApplication app, JournalSettings settings)
    {
        if (settings.ApiKeys.Count > 0)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses.Where(a => !IsLoopback(a)))
            {
                app.Logger.LogCritical("Listening on {Address}, which is not loopback, without Journal:ApiKeys: stopping", address);
                app.Lifetime.StopApplication();
            }
        });
    }

    /// <summary>Whether a listening URL names only loopback (<c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c>).</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Trim().Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static IEnumerable<(string Key, string Url)> Addresses(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return ("Urls", url);
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in (configuration[key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // HTTP_PORTS binds every interface.
                yield return (key.ToUpperInvariant(), $"http://*:{port}");
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                yield return ($"Kestrel:Endpoints:{endpoint.Key}:Url", url);
            }
        }
    }
}
