using Journal.Api.Http.Auth;

namespace Journal.Api.Endpoints;

/// <summary>What every group of the API shares: its policy and the problems it may answer with.</summary>
internal static class EndpointConventions
{
    /// <summary>A group of queries (reader role).</summary>
    public static RouteGroupBuilder QueryGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        Describe(app.MapGroup(prefix).WithTags(tag).RequireAuthorization(Policies.Reader));

    /// <summary>A group of commands (writer role).</summary>
    public static RouteGroupBuilder CommandGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = Describe(app.MapGroup(prefix).WithTags(tag).RequireAuthorization(Policies.Writer));
        group.ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>The id part of a stream name such as <c>session-3f2a...</c>.</summary>
    public static string IdOf(string stream)
    {
        var dash = stream.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? stream : stream[(dash + 1)..];
    }

    private static RouteGroupBuilder Describe(RouteGroupBuilder group)
    {
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }
}
