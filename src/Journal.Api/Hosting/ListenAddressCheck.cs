using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Journal.Api.Hosting;

/// <summary>
/// Before the service opens its data, checks that no other process listens on the addresses Kestrel is
/// configured for: a second instance on a taken port would otherwise verify the whole tape and only
/// then fail to bind. Kestrel's own bind stays the final word (a port taken after this check still
/// stops the start, see <c>Program</c>).
/// </summary>
internal static class ListenAddressCheck
{
    private const string DefaultUrl = "http://localhost:5000";

    /// <exception cref="ConfigurationException">An address is taken; names it and the key that set it.</exception>
    public static void Run(WebApplication app, IConfiguration configuration)
    {
        // An in-process test server listens nowhere.
        if (app.Services.GetRequiredService<IServer>().GetType().Assembly != typeof(KestrelServerOptions).Assembly)
        {
            return;
        }

        foreach (var (key, url) in Configured(configuration))
        {
            if (Endpoints(url).Any(InUse))
            {
                throw new ConfigurationException(key, $"the address {url} is in use by another process: stop it, or listen elsewhere (--urls)");
            }
        }
    }

    /// <summary>The addresses Kestrel binds, in its order of precedence: its endpoints, else <c>Urls</c>, else <c>HTTP(S)_PORTS</c>, else its default.</summary>
    private static List<(string Key, string Url)> Configured(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => e["Url"] is not null)
            .Select(e => ($"Kestrel:Endpoints:{e.Key}:Url", e["Url"]!))
            .ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = Split(configuration["urls"]).Select(u => ("Urls", u)).ToList();
        if (urls.Count > 0)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]).Select(p => ("HTTP_PORTS", $"http://*:{p}"))
            .Concat(Split(configuration["https_ports"]).Select(p => ("HTTPS_PORTS", $"https://*:{p}")))
            .ToList();
        return ports.Count > 0 ? ports : [("Urls", DefaultUrl)];
    }

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What Kestrel binds for a URL: both loopbacks for <c>localhost</c>, the wildcard for a name, else the address; nothing for a port the OS picks or a socket path.</summary>
    private static IEnumerable<IPEndPoint> Endpoints(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel reports a malformed address itself.
            yield break;
        }

        if (address.IsUnixPipe || address.IsNamedPipe || address.Port == 0)
        {
            yield break;
        }

        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            yield return new IPEndPoint(IPAddress.Loopback, address.Port);
            yield return new IPEndPoint(IPAddress.IPv6Loopback, address.Port);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            yield return new IPEndPoint(ip, address.Port);
        }
        else
        {
            yield return new IPEndPoint(IPAddress.Any, address.Port);
            yield return new IPEndPoint(IPAddress.IPv6Any, address.Port);
        }
    }

    private static bool InUse(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not available here (no IPv6, a foreign address): Kestrel decides what that means.
            return false;
        }
    }
}
