using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Journal.Reliability.Tests.Support;

/// <summary>One operation of the OpenAPI document.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Template">Path template, such as <c>/v1/sessions/{sessionId}</c>.</param>
/// <param name="PathParameters">Each path parameter with its schema.</param>
/// <param name="BodyContentType">The first media type of its request body, when it documents one.</param>
/// <param name="BodySchema">The schema of that body.</param>
public sealed record OpenApiOperation(string Method, string Template, IReadOnlyList<(string Name, JsonNode? Schema)> PathParameters, string? BodyContentType, JsonNode? BodySchema)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// The operations the running service publishes at <c>/openapi/v1.json</c>, and plausible values for their
/// path parameters and bodies made from the document's schemas (required members only; a free-form value is
/// a small object holding strings, an array and a nested object). Values come from a seeded generator.
/// </summary>
public sealed class OpenApiOperations
{
    private const int MaxSampleDepth = 8;
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private readonly JsonObject _document;
    private readonly Random _random;

    private OpenApiOperations(JsonObject document, Random random)
    {
        _document = document;
        _random = random;
        All = Read(document);
    }

    public IReadOnlyList<OpenApiOperation> All { get; }

    /// <summary>Reads the document the service serves.</summary>
    public static async Task<OpenApiOperations> ReadAsync(HttpClient client, Random random)
    {
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json") ?? throw new InvalidOperationException("no OpenAPI document");
        return new OpenApiOperations(document, random);
    }

    /// <summary>The operation's path with each parameter filled with a plausible value of its schema.</summary>
    public string PathOf(OpenApiOperation operation)
    {
        var path = operation.Template;
        foreach (var (name, schema) in operation.PathParameters)
        {
            var value = Sample(schema, 0) switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonNode node => node.ToJsonString(),
                null => "x",
            };
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return path;
    }

    /// <summary>A plausible body for the operation: from its schema, or a small free-form object when it documents none.</summary>
    public JsonNode BodyOf(OpenApiOperation operation) =>
        (operation.BodySchema is null ? null : Sample(operation.BodySchema, 0)) ?? FreeForm();

    private static List<OpenApiOperation> Read(JsonObject document)
    {
        var operations = new List<OpenApiOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (!Methods.Contains(method) || node is not JsonObject operation)
                {
                    continue;
                }

                var parameters = (operation["parameters"] as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Where(p => (string?)p["in"] == "path")
                    .Select(p => ((string)p["name"]!, p["schema"]))
                    .ToList();
                var content = operation["requestBody"]?["content"] as JsonObject;
                var body = content?.FirstOrDefault();
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), template, parameters, body?.Key, body?.Value?["schema"]));
            }
        }

        return operations;
    }

    private JsonNode? Sample(JsonNode? schema, int depth)
    {
        if (depth > MaxSampleDepth)
        {
            return null;
        }

        if (schema is not JsonObject s)
        {
            return FreeForm();
        }

        if (s["$ref"] is JsonValue reference)
        {
            return Sample(Resolve((string)reference!), depth);
        }

        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray options)
        {
            return Sample(options.FirstOrDefault(o => TypeOf(o as JsonObject) != "null"), depth);
        }

        if (s["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        return TypeOf(s) switch
        {
            "object" or null when s["properties"] is JsonObject properties => Members(s, properties, depth),
            "object" or null => FreeForm(),
            "array" => new JsonArray(Sample(s["items"], depth + 1)),
            "string" => (string?)s["format"] switch
            {
                "uuid" => new Guid(Bytes(16)).ToString(),
                "date-time" => "2030-01-02T03:04:05Z",
                "date" => "2030-01-02",
                _ => "plain text " + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
            },
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            _ => null,
        };
    }

    private JsonObject Members(JsonObject schema, JsonObject properties, int depth)
    {
        var members = new JsonObject();
        foreach (var name in (schema["required"] as JsonArray ?? []).Select(n => (string)n!))
        {
            members[name] = Sample(properties[name], depth + 1);
        }

        return members;
    }

    private JsonNode? Resolve(string reference) =>
        reference.StartsWith("#/", StringComparison.Ordinal)
            ? reference[2..].Split('/').Aggregate<string, JsonNode?>(_document, (node, part) => node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)])
            : null;

    private static string? TypeOf(JsonObject? schema) => schema?["type"] switch
    {
        JsonValue one => (string?)one,
        JsonArray many => many.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "null",
        _ => null,
    };

    private static JsonObject FreeForm() => new()
    {
        ["note"] = "plain text",
        ["list"] = new JsonArray(1, new JsonObject { ["k"] = "v" }),
        ["nested"] = new JsonObject { ["a"] = "b" },
    };

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
