using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Reliability.Tests.Support;

/// <summary>One endpoint of the running app, read from its metadata.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Pattern">Route pattern, such as <c>/v1/sessions/{sessionId}</c>.</param>
/// <param name="RouteParameters">Names of the route parameters.</param>
/// <param name="QueryParameters">Simple-typed handler parameters that are not route parameters.</param>
/// <param name="BodyFields">camelCase fields of the body type, when the endpoint takes one.</param>
/// <param name="Policies">Authorization policies required (empty: anonymous).</param>
public sealed record EndpointInfo(string Method, string Pattern, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> BodyFields, IReadOnlyList<string> Policies)
{
    public bool TakesBody => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    /// <summary>The path with each route parameter replaced by <paramref name="value"/> (escaped).</summary>
    public string Path(Func<string, string> value)
    {
        var path = Pattern;
        foreach (var parameter in RouteParameters)
        {
            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value(parameter)), StringComparison.Ordinal);
        }

        return path;
    }

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>Enumerates the app's endpoints from its <see cref="EndpointDataSource"/>, so endpoints added later are covered too.</summary>
public static class Endpoints
{
    private static readonly HashSet<Type> Simple = [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(Guid), typeof(DateTimeOffset), typeof(int?), typeof(long?), typeof(bool?), typeof(Guid?), typeof(DateTimeOffset?)];

    public static IReadOnlyList<EndpointInfo> Of(IServiceProvider services)
    {
        var list = new List<EndpointInfo>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            var query = handler?.GetParameters()
                .Where(p => p.Name is not null && Simple.Contains(p.ParameterType) && !route.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                .Select(p => p.Name!)
                .ToList() ?? [];
            var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var fields = bodyType?.GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToList() ?? [];
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "default").ToList();
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                policies.Clear();
            }

            foreach (var method in methods)
            {
                list.Add(new EndpointInfo(method, pattern, route, query, fields, policies));
            }
        }

        return list;
    }
}
