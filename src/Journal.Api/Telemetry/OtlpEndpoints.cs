using Journal.Api.Hosting;

namespace Journal.Api.Telemetry;

/// <summary>The OTLP/HTTP addresses the settings name, and where each signal is sent.</summary>
internal static class OtlpEndpoints
{
    /// <summary>Path of the metrics export on a bare endpoint.</summary>
    public const string MetricsPath = "/v1/metrics";

    /// <summary>Path of the traces export on a bare endpoint.</summary>
    public const string TracesPath = "/v1/traces";

    /// <summary>The configured endpoint as an absolute http(s) URI, or null when none is set.</summary>
    /// <exception cref="ConfigurationException">The value is not an absolute http or https URI.</exception>
    public static Uri? Read(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationException(key, $"must be an absolute http or https URI, got '{value}'");
    }

    /// <summary>
    /// Where a signal goes: a bare endpoint gets the signal's OTLP/HTTP path (as the exporter does for
    /// its environment variable); an endpoint with a path is used as it is.
    /// </summary>
    public static Uri ForSignal(Uri endpoint, string path) =>
        endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, path) : endpoint;
}
