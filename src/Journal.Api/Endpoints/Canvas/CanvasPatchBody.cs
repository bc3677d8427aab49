using System.Text.Json.Nodes;
using Journal.Api.Http.OpenApi;
using Journal.Domain.Canvas.Patching;
using Microsoft.OpenApi;

namespace Journal.Api.Endpoints.Canvas;

/// <summary>How the document shows the body of <c>PATCH /v1/canvases/{canvasId}</c>, which the handler reads itself.</summary>
internal static class CanvasPatchBody
{
    /// <summary>An RFC 6902 JSON Patch: its schema, and an example that applies to any canvas.</summary>
    public static UnboundRequestBody Describe() => new(
        CanvasCommandEndpoints.JsonPatchMediaType,
        "An RFC 6902 JSON Patch: operations applied in order to the canvas's state, all or none.",
        Schema,
        JsonNode.Parse("""
            [
              { "op": "add", "path": "/title", "value": "Weekly plan" },
              { "op": "add", "path": "/steps", "value": [] },
              { "op": "add", "path": "/steps/-", "value": "draft the agenda" },
              { "op": "test", "path": "/title", "value": "Weekly plan" }
            ]
            """)!);

    private static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Array,
        Items = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One operation.",
            Required = new HashSet<string> { "op", "path" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["op"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "What it does.",
                    // The domain's operations, as RFC 6902 spells them.
                    Enum = [.. Enum.GetNames<JsonPatchOp>().Select(name => (JsonNode)JsonValue.Create(name.ToLowerInvariant()))],
                },
                ["path"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Its target, a JSON Pointer (RFC 6901) such as `/steps/0`; `-` as the last token appends to an array.",
                },
                ["from"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "For `move` and `copy`: the JSON Pointer of the source.",
                },
                ["value"] = new OpenApiSchema
                {
                    Description = "For `add`, `replace` and `test`: any JSON value, null included.",
                },
            },
        },
    };
}
