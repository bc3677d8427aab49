using System.Text;
using Journal.Domain.Tape;
using Journal.EventStore.Tests.Support;

namespace Journal.EventStore.Tests.Safety;

public sealed class SecretsTests
{
    [Fact]
    public async Task Store_writes_no_planted_secret_to_any_byte_of_the_database_files()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open();
        var suffix = Guid.NewGuid().ToString("N");
        var secrets = new[]
        {
            "hunter2-" + suffix,
            "sk-proj-" + suffix + "AbCdEf12",
            "ghp_" + (suffix + suffix)[..36],
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0." + suffix,
            "refresh-" + suffix,
        };
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer " + secrets[1],
            ["api_key"] = secrets[0],
            ["max_tokens"] = "256",
        };
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [Events.Noted("call with " + secrets[2], headers)], new EventMetadata(Actor: "agent"), default);
        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [Events.Noted($$"""{"refreshToken":"{{secrets[4]}}","jwt":"{{secrets[3]}}"}""")], EventMetadata.Empty, default);

        var recorded = (await store.ReadStreamAsync(StreamId.Parse("s-1"), 1, ReadDirection.Forward, 10, default)).Events;
        var files = Directory.GetFiles(Path.GetDirectoryName(fixture.DatabasePath)!);
        var bytes = files.SelectMany(File.ReadAllBytes).ToArray();

        Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }

        var noted = (Noted)store.Serializer.Decode(recorded[0].EventType, recorded[0].Payload!.Value)!;
        Assert.Equal("256", noted.Headers!["max_tokens"]);
        Assert.Contains("/headers/Authorization", recorded[0].Metadata.RedactedPaths!);
        Assert.Contains("/headers/api_key", recorded[0].Metadata.RedactedPaths!);
        Assert.Contains("/note", recorded[0].Metadata.RedactedPaths!);
        Assert.Contains(recorded[1].Metadata.RedactedPaths!, p => p.StartsWith("/note#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Store_redacts_extra_keys_from_its_options()
    {
        await using var fixture = new StoreFixture();
        var store = fixture.Open(o => o with { Redaction = new Journal.EventStore.Redaction.RedactionOptions { ExtraKeys = ["tenant_pin"] } });

        await store.AppendAsync(StreamId.Parse("s-1"), ExpectedVersion.Any, [Events.Noted("x", new() { ["tenantPin"] = "4242-secret" })], EventMetadata.Empty, default);
        var recorded = (await store.ReadStreamAsync(StreamId.Parse("s-1"), 1, ReadDirection.Forward, 1, default)).Events[0];

        Assert.Equal("[REDACTED]", ((Noted)store.Serializer.Decode(recorded.EventType, recorded.Payload!.Value)!).Headers!["tenantPin"]);
    }
}
