using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Journal.Projections.Tests.Memory;

/// <summary>How the fake embeddings server answers.</summary>
public enum FakeEmbeddingMode
{
    /// <summary>Vectors, in the OpenAI shape.</summary>
    Healthy,

    /// <summary>500 with an OpenAI error body.</summary>
    Failing,

    /// <summary>Never answers (until the client gives up).</summary>
    Hanging,
}

/// <summary>One request the fake server saw.</summary>
public sealed record FakeEmbeddingRequest(string Path, string? Authorization, string Model, IReadOnlyList<string> Input, int? Dimensions, string? EncodingFormat);

/// <summary>
/// An OpenAI-compatible embeddings server in-process on 127.0.0.1 (Kestrel, a port of its own): POST
/// <c>/v1/embeddings</c> answers the OpenAI JSON shape, records every request, and refuses a bearer key
/// other than the expected one with 401. Its vectors stand for meaning with a few concepts (pets, names,
/// software delivery, food), each word of a concept adding to that concept's dimension; other words add
/// a little to one of the remaining dimensions. Every model name gets the same vectors, so recall mixing
/// two models' vectors would show.
/// </summary>
public sealed class FakeEmbeddingServer : IAsyncDisposable
{
    /// <summary>The vector length when the request names none.</summary>
    public const int DefaultDimensions = 16;

    private static readonly string[][] Concepts =
    [
        ["pet", "pets", "cat", "cats", "dog", "dogs", "kitten", "puppy"],
        ["name", "names", "named", "called", "nickname"],
        ["deploy", "deployment", "pipeline", "pipelines", "build", "release"],
        ["food", "cake", "apple", "bakes", "soup", "recipe"],
    ];

    private readonly WebApplication _app;
    private readonly string _key;
    private readonly List<FakeEmbeddingRequest> _requests = [];
    private readonly Lock _lock = new();
    private volatile FakeEmbeddingMode _mode = FakeEmbeddingMode.Healthy;

    private FakeEmbeddingServer(WebApplication app, string key)
    {
        _app = app;
        _key = key;
    }

    /// <summary>The API root to configure as the base URL (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How it answers from now on.</summary>
    public FakeEmbeddingMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>Every request seen so far, in order.</summary>
    public IReadOnlyList<FakeEmbeddingRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server expecting <paramref name="key"/>, on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<FakeEmbeddingServer> StartAsync(string key, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FakeEmbeddingServer(app, key);
        app.MapPost("/v1/embeddings", server.HandleAsync);
        await app.StartAsync();
        var bound = new Uri(app.Urls.Single());
        server.BaseUrl = new Uri($"http://127.0.0.1:{bound.Port}/v1");
        return server;
    }

    /// <summary>A loopback port nothing listens on (taken from the OS, then let go).</summary>
    public static int UnusedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The unit vector the server gives <paramref name="text"/>.</summary>
    public static float[] Vector(string text, int dimensions = DefaultDimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+").Where(w => w.Length > 0))
        {
            var concept = Array.FindIndex(Concepts, words => words.Contains(word));
            if (concept >= 0)
            {
                vector[concept] += 1f;
            }
            else
            {
                vector[Concepts.Length + (word.Sum(c => c) % (dimensions - Concepts.Length))] += 0.3f;
            }
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : [.. vector.Select(x => x / norm)];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        var input = body["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var request = new FakeEmbeddingRequest(
            context.Request.Path,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            body["model"]!.GetValue<string>(),
            input,
            body["dimensions"]?.GetValue<int>(),
            body["encoding_format"]?.GetValue<string>());
        lock (_lock)
        {
            _requests.Add(request);
        }

        if (request.Authorization != "Bearer " + _key)
        {
            await Error(context, StatusCodes.Status401Unauthorized, "invalid_api_key");
            return;
        }

        switch (_mode)
        {
            case FakeEmbeddingMode.Failing:
                await Error(context, StatusCodes.Status500InternalServerError, "server_error");
                return;
            case FakeEmbeddingMode.Hanging:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
        }

        var dimensions = request.Dimensions ?? DefaultDimensions;
        var data = new JsonArray();
        for (var i = 0; i < input.Count; i++)
        {
            var vector = Vector(input[i], dimensions);
            JsonNode embedding = request.EncodingFormat == "base64"
                ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                : new JsonArray([.. vector.Select(x => (JsonNode)x)]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var tokens = input.Sum(t => t.Split(' ').Length);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["model"] = request.Model,
                ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
            }.ToJsonString(),
            context.RequestAborted);
    }

    private static Task Error(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            JsonSerializer.Serialize(new { error = new { message = "fake server: " + code, type = code, code } }),
            context.RequestAborted);
    }
}
