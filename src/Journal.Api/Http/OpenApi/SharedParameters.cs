using System.Collections.Frozen;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Journal.Api.Http.OpenApi;

/// <summary>
/// Describes the query parameters the read-model queries share, written once here rather than on each of
/// the endpoints that take them; what differs per endpoint (a range, a default) is in its description.
/// </summary>
internal sealed class SharedParameters : IOpenApiOperationTransformer
{
    private static readonly FrozenDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["minPosition"] = "A tape position the answer must reflect (read your writes: pass the `position` a command answered). " +
            "The query waits up to 5 s for the read models to reach it, then answers 503 `projection.stale`.",
        ["cursor"] = "The `nextCursor` of the previous page; leave it out for the first page.",
        ["limit"] = "The most items to answer: 1 to 500 for a page of a read model (default 50) unless the description says otherwise.",
        ["version"] = "Time travel: the resource as it was at this version of its stream (0 is before its first event).",
        ["position"] = "Time travel: the resource as it was at this tape position.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter is { In: ParameterLocation.Query, Name: { } name } && string.IsNullOrEmpty(parameter.Description)
                && Descriptions.TryGetValue(name, out var description))
            {
                parameter.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
