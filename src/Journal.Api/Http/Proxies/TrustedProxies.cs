using System.Net;
using Journal.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Journal.Api.Http.Proxies;

/// <summary>
/// <c>Journal:TrustedProxies</c>: the addresses (<c>10.0.0.2</c>) or networks (<c>10.0.0.0/8</c>) of the reverse proxies in
/// front of the service. A request arriving from one of them is taken as the proxy says: its
/// <c>X-Forwarded-Proto</c> is the scheme (so the control room's cookie is Secure behind a proxy that ends TLS) and its
/// <c>X-Forwarded-For</c> the client's address (so rate limits and logs see clients, not the proxy). With none
/// configured (the default) those headers are ignored: anyone could send them.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>The setting's key.</summary>
    public const string Key = "Journal:TrustedProxies";

    /// <summary>Reads the list (each entry an address or a CIDR network).</summary>
    /// <exception cref="ConfigurationException">An entry is neither.</exception>
    public static IReadOnlyList<IPNetwork> Read(IConfigurationSection section)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in section.GetChildren())
        {
            var text = entry.Value?.Trim() ?? string.Empty;
            if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(text, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw new ConfigurationException($"{Key}:{entry.Key}", $"'{text}' is neither an IP address nor a network such as 10.0.0.0/8");
            }
        }

        return networks;
    }

    /// <summary>Trusts the forwarding headers of <paramref name="networks"/> only, one proxy deep.</summary>
    public static void AddJournalTrustedProxies(this IServiceCollection services, IReadOnlyList<IPNetwork> networks) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
}
