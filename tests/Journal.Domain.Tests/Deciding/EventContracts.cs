using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Journal.Domain.Sessions;
using Journal.Domain.Tape;
using Journal.EventStore.Redaction;
using Journal.EventStore.Serialization;

namespace Journal.Domain.Tests.Deciding;

/// <summary>
/// The pinned contract of one event type: its tape name, its record type, the JSON of its sample
/// (<see cref="EventSamples"/>) and the tape bytes (MessagePack, hex) that sample encodes to.
/// </summary>
/// <param name="Name">The tape name, from <see cref="EventTypeAttribute"/>.</param>
/// <param name="Type">The record's full CLR name.</param>
/// <param name="Json">The sample as the serializer's JSON (compact).</param>
/// <param name="MessagePack">The sample's tape payload, lower-case hex.</param>
internal sealed record EventContract(string Name, string Type, string Json, string MessagePack);

/// <summary>
/// Every event type the tape knows, found by its <see cref="EventTypeAttribute"/> in the assemblies the
/// journal registers (the domain's and the tape's own), and the contracts pinned for them in
/// <c>tests/testdata/event-contracts/events.json</c>.
/// </summary>
internal static class EventContracts
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The assemblies whose events the journal registers (<see cref="EventTypeRegistry"/> always adds the tape's).</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } = [typeof(SessionDecider).Assembly, typeof(EventTypeRegistry).Assembly];

    /// <summary>Every type carrying <see cref="EventTypeAttribute"/> in <see cref="Assemblies"/>, ordered by tape name.</summary>
    public static IReadOnlyList<Type> EventTypes { get; } = Assemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => t.GetCustomAttribute<EventTypeAttribute>() is not null)
        .OrderBy(NameOf, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The serializer the tape uses, with the default redaction.</summary>
    public static PayloadSerializer Serializer { get; } =
        new(new EventTypeRegistry([typeof(SessionDecider).Assembly]), new Redactor(RedactionOptions.Default), 1024 * 1024);

    /// <summary>Where the pinned contracts are kept.</summary>
    public static string PinnedPath => Path.Combine(RepositoryRoot(), "tests", "testdata", "event-contracts", "events.json");

    /// <summary>The tape name of an event record type.</summary>
    public static string NameOf(Type type) => type.GetCustomAttribute<EventTypeAttribute>()?.Name
        ?? throw new ArgumentException($"{type.FullName} has no [EventType]", nameof(type));

    /// <summary>The contract of <paramref name="type"/> as today's code gives it.</summary>
    public static EventContract Of(Type type)
    {
        var sample = EventSamples.Of(type);
        var json = JsonSerializer.SerializeToNode(sample, type, PayloadSerializer.JsonOptions)!.ToJsonString();
        var (payload, paths) = Serializer.EncodePayload(sample);
        if (paths.Count > 0)
        {
            // A redacted sample pins the redactor, not the record: pick sample values it leaves alone.
            throw new InvalidOperationException($"the sample of {type.Name} was redacted at {string.Join(", ", paths)}");
        }

        return new EventContract(NameOf(type), type.FullName!, json, Convert.ToHexStringLower(payload));
    }

    /// <summary>The pinned contracts, by tape name.</summary>
    public static IReadOnlyDictionary<string, EventContract> ReadPinned(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, EventContract>(StringComparer.Ordinal);
        }

        var events = JsonNode.Parse(File.ReadAllText(path))!["events"]!.AsArray();
        return events.Select(e => new EventContract(
                (string)e!["name"]!, (string)e["type"]!, e["json"]!.ToJsonString(), (string)e["messagePack"]!))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// What differs between the pinned contracts and <paramref name="actual"/>: an event with no pinned
    /// contract, an event whose record or encoding changed, a pinned contract no event carries any more.
    /// </summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, EventContract> pinned, IReadOnlyList<EventContract> actual)
    {
        var differences = new List<string>();
        foreach (var contract in actual)
        {
            if (!pinned.TryGetValue(contract.Name, out var pin))
            {
                differences.Add($"{contract.Name} ({contract.Type}) has no pinned contract");
            }
            else if (pin != contract)
            {
                differences.Add($"{contract.Name} differs from its pinned contract: pinned {pin}, now {contract}");
            }
        }

        differences.AddRange(pinned.Keys
            .Where(name => actual.All(c => c.Name != name))
            .Select(name => $"{name} is pinned but no event record carries it (a tape written before still holds it)"));
        return differences;
    }

    /// <summary>Writes <paramref name="contracts"/> in the pinned file's format.</summary>
    public static void Write(string path, IEnumerable<EventContract> contracts)
    {
        var events = new JsonArray();
        foreach (var c in contracts.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            events.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["json"] = JsonNode.Parse(c.Json),
                ["messagePack"] = c.MessagePack,
            });
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, new JsonObject { ["events"] = events }.ToJsonString(Indented) + "\n");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Journal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Journal.sln not found above " + AppContext.BaseDirectory);
    }
}
