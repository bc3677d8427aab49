using System.Globalization;
using System.Threading.RateLimiting;
using Journal.Api.Hosting;
using Journal.Api.Http.Auth;
using Journal.Api.Http.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Journal.Api.Http.Limits;

/// <summary>
/// A fixed one-minute window of <see cref="JournalSettings.RateLimitPerMinute"/> requests per API key
/// (per client address for callers without a valid key); over it, 429 with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    /// <summary>Registers the global limiter.</summary>
    public static IServiceCollection AddJournalRateLimits(this IServiceCollection services, JournalSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.RateLimitPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(rejected.HttpContext, ProblemCatalog.TooManyRequests(settings.RateLimitPerMinute));
            };
        });
        return services;
    }

    private static string PartitionOf(HttpContext context) =>
        Policies.KeyName(context.User) is { } name
            ? "key:" + name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}
