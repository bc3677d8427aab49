using System.Globalization;
using Journal.Api.Endpoints.Commands;

namespace Journal.Api.Endpoints.Queries;

/// <summary>
/// The headers of a single-resource <c>GET</c>, both taken from the read-model row that answers it (the
/// tape is not read): <c>ETag</c>, the version of the resource's own stream the row reflects, and
/// <see cref="Position"/>, the tape position of the last event the row reflects. A read model that lags
/// the tape answers older values; an <c>If-Match</c> built on such a tag is refused by the command side
/// as stale (409), never applied, because commands check it against the stream on the tape.
/// </summary>
internal static class ReadModelHeaders
{
    /// <summary>The header that carries the tape position the answer reflects (pass it as <c>minPosition</c> to read at least as much).</summary>
    public const string Position = "X-Journal-Position";

    /// <summary>Sets <c>ETag</c> to <paramref name="streamVersion"/> and <see cref="Position"/> to <paramref name="position"/>.</summary>
    public static void Set(HttpContext http, long streamVersion, long position)
    {
        http.Response.Headers.ETag = ETags.Format(streamVersion);
        http.Response.Headers[Position] = position.ToString(CultureInfo.InvariantCulture);
    }
}
