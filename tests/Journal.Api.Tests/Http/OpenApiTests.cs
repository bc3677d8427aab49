using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Journal.Api.Http.OpenApi;
using Journal.Api.Tests.Http.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.Api.Tests.Http;

public sealed partial class OpenApiTests : ApiTestBase
{
    /// <summary>The feature tags docs/api.md lists, in the order the document lists them.</summary>
    private static readonly string[] FeatureTags =
        ["Sessions", "Transcript", "Runs", "Tool jobs", "Approvals", "Workspace", "Memory", "Canvas", "Cron", "Tape", "Proofs", "Admin", "Health"];

    /// <summary>The tag of each feature folder under src/Journal.Api/Endpoints.</summary>
    private static readonly Dictionary<string, string> FolderTags = new()
    {
        ["Sessions"] = "Sessions", ["Transcript"] = "Transcript", ["Runs"] = "Runs", ["ToolJobs"] = "Tool jobs",
        ["Approvals"] = "Approvals", ["Workspace"] = "Workspace", ["Memory"] = "Memory", ["Canvas"] = "Canvas",
        ["Cron"] = "Cron", ["Tape"] = "Tape", ["Proofs"] = "Proofs", ["Admin"] = "Admin", ["Health"] = "Health",
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task Document_describes_every_endpoint_group_and_the_key_scheme()
    {
        using var client = Host.Client(key: null);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        foreach (var path in new[]
        {
            "/v1/sessions", "/v1/sessions/{sessionId}", "/v1/sessions/by-key/{key}", "/v1/sessions/{sessionId}/transcript",
            "/v1/runs", "/v1/runs/{runId}/tokens", "/v1/tool-jobs/{jobId}/retry", "/v1/approvals/{approvalId}/decision",
            "/v1/workspace/documents/{documentId}", "/v1/journal/events", "/v1/journal/stream", "/v1/journal/health",
            "/v1/admin/verify", "/v1/admin/projections/rebuild", "/health/ready",
        })
        {
            Assert.Contains(path, paths);
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task Document_gives_every_operation_a_one_line_summary_a_description_and_one_feature_tag()
    {
        var document = await DocumentAsync(Host);
        var failures = new List<string>();

        foreach (var operation in Operations(document))
        {
            var summary = Text(operation.Body, "summary");
            var description = Text(operation.Body, "description");
            var tags = operation.Body.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            if (string.IsNullOrWhiteSpace(summary) || summary.Contains('\n', StringComparison.Ordinal) || summary.Length > 120)
            {
                failures.Add($"{operation}: summary '{summary}'");
            }

            if (string.IsNullOrWhiteSpace(description) || description == summary)
            {
                failures.Add($"{operation}: description '{description}'");
            }

            if (tags.Count != 1 || !FeatureTags.Contains(tags[0]))
            {
                failures.Add($"{operation}: tags [{string.Join(", ", tags)}]");
            }
        }

        Assert.Empty(failures);
        var listed = document.GetProperty("tags").EnumerateArray().ToList();
        var used = Operations(document).Select(o => o.Body.GetProperty("tags")[0].GetString()).ToHashSet();
        Assert.Equal(FeatureTags, listed.Select(tag => tag.GetProperty("name").GetString()));
        Assert.All(listed, tag => Assert.False(string.IsNullOrWhiteSpace(Text(tag, "description")), $"tag {tag} has no description"));
        Assert.All(FeatureTags, tag => Assert.Contains(tag, used));
    }

    [Fact]
    public async Task Document_tags_each_operation_with_the_feature_folder_of_its_handler()
    {
        var document = await DocumentAsync(Host);
        var operations = Operations(document).ToDictionary(o => o.Id);
        var failures = new List<string>();

        foreach (var endpoint in NamedEndpoints(Host))
        {
            var folder = endpoint.Endpoint.Metadata.GetMetadata<MethodInfo>()!.DeclaringType!.Namespace!.Split('.')[^1];
            var tag = operations[endpoint.Name].Body.GetProperty("tags")[0].GetString();
            if (!FolderTags.TryGetValue(folder, out var expected) || tag != expected)
            {
                failures.Add($"{operations[endpoint.Name]}: handler in Endpoints/{folder}, tagged {tag}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Document_describes_the_request_body_of_every_endpoint_that_takes_one()
    {
        var document = await DocumentAsync(Host);
        var operations = Operations(document).ToDictionary(o => o.Id);
        var failures = new List<string>();
        var checkedNames = new List<string>();

        foreach (var endpoint in NamedEndpoints(Host))
        {
            var contentTypes = BodyContentTypes(endpoint.Endpoint);
            if (contentTypes.Count == 0)
            {
                continue;
            }

            checkedNames.Add(endpoint.Name);
            if (!operations.TryGetValue(endpoint.Name, out var operation) || !operation.Body.TryGetProperty("requestBody", out var body))
            {
                failures.Add($"{endpoint.Name}: no request body");
                continue;
            }

            foreach (var contentType in contentTypes)
            {
                if (!body.GetProperty("content").TryGetProperty(contentType, out var media)
                    || !media.TryGetProperty("schema", out var schema)
                    || schema.ValueKind != JsonValueKind.Object
                    || !schema.EnumerateObject().Any())
                {
                    failures.Add($"{endpoint.Name}: no schema for {contentType}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Contains("CreateSession", checkedNames);
        Assert.Contains("PatchCanvas", checkedNames);
    }

    [Fact]
    public async Task Canvas_patch_is_described_as_a_json_patch_document_that_the_endpoint_accepts()
    {
        var document = await DocumentAsync(Host);
        var operation = Operations(document).Single(o => o.Id == "PatchCanvas").Body;
        var content = operation.GetProperty("requestBody").GetProperty("content");
        var media = content.GetProperty("application/json-patch+json");
        var schema = Resolve(document, media.GetProperty("schema"));
        var item = Resolve(document, schema.GetProperty("items"));
        var ifMatch = operation.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == "If-Match");
        var example = media.GetProperty("example");

        Assert.Equal(["application/json-patch+json"], content.EnumerateObject().Select(c => c.Name));
        Assert.True(operation.GetProperty("requestBody").GetProperty("required").GetBoolean());
        Assert.Equal("array", schema.GetProperty("type").GetString());
        Assert.Equal(["from", "op", "path", "value"], item.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["add", "copy", "move", "remove", "replace", "test"], item.GetProperty("properties").GetProperty("op").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(["op", "path"], item.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.True(ifMatch.GetProperty("required").GetBoolean());
        Assert.True(example.GetArrayLength() > 0);

        // The documented example, sent as Swagger UI's "Try it out" sends it, is a patch the endpoint applies.
        using var created = await Writer.PostAsJsonAsync("/v1/canvases", new { sessionId = Guid.NewGuid(), state = new { } });
        var stream = (await Json.BodyAsync(created)).GetProperty("stream").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/canvases/{stream["canvas-".Length..]}")
        {
            Content = new StringContent(example.GetRawText(), Encoding.UTF8, "application/json-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        using var patched = await Writer.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    [Fact]
    public async Task Document_describes_the_query_parameters_every_read_model_shares()
    {
        var document = await DocumentAsync(Host);
        string[] shared = ["minPosition", "cursor", "limit", "version", "position"];

        var parameters = (
            from operation in Operations(document)
            where operation.Body.TryGetProperty("parameters", out _)
            from parameter in operation.Body.GetProperty("parameters").EnumerateArray()
            where parameter.GetProperty("in").GetString() == "query" && shared.Contains(parameter.GetProperty("name").GetString())
            select (Operation: operation, Name: parameter.GetProperty("name").GetString()!, Description: Text(parameter, "description"))).ToList();

        Assert.Equal(shared.Order(), parameters.Select(p => p.Name).Distinct().Order());
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{p.Operation}: {p.Name} has no description"));
    }

    [Fact]
    public async Task Document_asks_for_a_key_exactly_where_the_endpoint_needs_one_and_never_on_health()
    {
        var document = await DocumentAsync(Host);
        var operations = Operations(document).ToDictionary(o => o.Id);
        var failures = new List<string>();

        foreach (var endpoint in NamedEndpoints(Host))
        {
            var policies = Policies(endpoint.Endpoint);
            var operation = operations[endpoint.Name];
            var roles = KeyRoles(document, operation.Body);
            if (policies.Count == 0 ? roles is not null : roles is null || !roles.SequenceEqual(policies))
            {
                failures.Add($"{operation}: endpoint needs [{string.Join(", ", policies)}], document asks for [{(roles is null ? "no key" : string.Join(", ", roles))}]");
            }
        }

        var health = Operations(document).Where(o => o.Path.StartsWith("/health/", StringComparison.Ordinal)).ToList();
        Assert.Empty(failures);
        Assert.Equal(2, health.Count);
        Assert.All(health, o => Assert.Null(KeyRoles(document, o.Body)));
        Assert.Equal(["writer"], KeyRoles(document, operations["CreateSession"].Body));
        Assert.Equal(["admin"], KeyRoles(document, operations["Backup"].Body));
    }

    [Fact]
    public async Task Document_of_a_service_without_keys_asks_for_none()
    {
        await using var host = ApiHost.Start(withKeys: false);

        var document = await DocumentAsync(host);

        Assert.All(Operations(document), o => Assert.Null(KeyRoles(document, o.Body)));
        Assert.False(document.TryGetProperty("components", out var components) && components.TryGetProperty("securitySchemes", out _));
    }

    [Fact]
    public async Task Document_names_and_texts_carry_no_markup_or_clr_generic_names()
    {
        var document = await DocumentAsync(Host);
        var failures = new List<string>();

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (Leak().IsMatch(schema.Name) || schema.Name.Contains('`', StringComparison.Ordinal))
            {
                failures.Add($"schema name {schema.Name}");
            }
        }

        CollectLeaks(document, "#", failures);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        using var client = Host.Client(key: null);

        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Swagger_ui_config_enables_deep_links()
    {
        using var client = Host.Client(key: null);

        var script = await client.GetStringAsync("/swagger/index.js");
        var match = ConfigObject().Match(script);

        Assert.True(match.Success, "index.js sets no configObject");
        using var config = JsonDocument.Parse(match.Groups["json"].Value);
        Assert.True(config.RootElement.GetProperty("deepLinking").GetBoolean());
    }

    /// <summary>Markup, its escaped form, or a CLR generic type name (<c>IReadOnlyList</c>, <c>Page`1</c>, ...).</summary>
    [GeneratedRegex(@"<|>|&lt;|&gt;|\bI?ReadOnly(List|Collection|Dictionary)\b|\bI(List|Collection|Enumerable|Dictionary)\b|\bNullable\b|\b(Immutable(Array|List)|HashSet|Dictionary)\b|[A-Za-z]`\d")]
    private static partial Regex Leak();

    [GeneratedRegex(@"configObject\s*=\s*(?<json>\{.*?\});\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigObject();

    private static async Task<JsonElement> DocumentAsync(ApiHost host)
    {
        using var client = host.Client(key: null);
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static IEnumerable<Operation> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select new Operation(path.Name, method.Name, method.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{method.Name} {path.Name}", method.Value);

    /// <summary>The app's endpoints that the document describes (every one is named; the name is the operation id).</summary>
    private static List<(string Name, RouteEndpoint Endpoint)> NamedEndpoints(ApiHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName!, Endpoint: e))
            .Where(e => e.Name is not null)
            .ToList();

    /// <summary>
    /// The media types an endpoint's body may have, from its metadata: a bound body's accepts metadata, or
    /// the description of a body its handler reads itself.
    /// </summary>
    private static List<string> BodyContentTypes(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts ? [.. accepts.ContentTypes]
        : endpoint.Metadata.GetMetadata<UnboundRequestBody>() is { } unbound ? [unbound.ContentType]
        : [];

    private static List<string> Policies(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? []
            : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "default").Distinct().ToList();

    /// <summary>The roles an operation's API key requirement names (its own, else the document's); null when it asks for no key.</summary>
    private static List<string>? KeyRoles(JsonElement document, JsonElement operation)
    {
        var security = operation.TryGetProperty("security", out var own) ? own : document.TryGetProperty("security", out var global) ? global : default;
        if (security.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var requirement = security.EnumerateArray().SelectMany(r => r.EnumerateObject()).Where(r => r.Name == "ApiKey").ToList();
        return requirement.Count == 0 ? null : [.. requirement.SelectMany(r => r.Value.EnumerateArray()).Select(role => role.GetString()!)];
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        var name = reference.GetString()!["#/components/schemas/".Length..];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void CollectLeaks(JsonElement element, string pointer, List<string> failures)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "summary" or "description" or "title" && property.Value.ValueKind == JsonValueKind.String && Leak().IsMatch(property.Value.GetString()!))
                    {
                        failures.Add($"{pointer}/{property.Name}: {property.Value.GetString()}");
                    }

                    CollectLeaks(property.Value, $"{pointer}/{property.Name}", failures);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CollectLeaks(item, $"{pointer}/{index++}", failures);
                }

                break;
        }
    }

    private sealed record Operation(string Path, string Method, string Id, JsonElement Body)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({Id})";
    }
}
