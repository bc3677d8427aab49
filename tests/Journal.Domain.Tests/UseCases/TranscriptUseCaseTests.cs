using System.Text;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Sessions.UseCases;
using Journal.Domain.Transcript;
using Journal.Domain.Transcript.UseCases;

namespace Journal.Domain.Tests.UseCases;

public sealed class TranscriptUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();
    private readonly Guid _session = Guid.NewGuid();

    public async Task InitializeAsync() => await _journal.Send(new CreateSessionRequest(_session, "alice", "laptop", "cli"));

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task AppendTranscriptEntry_numbers_entries_1_to_n_and_returns_each_position()
    {
        var results = new List<CommandResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, $"message {i}")));
        }

        Assert.Equal([2L, 3L, 4L, 5L, 6L], results.Select(r => r.Position));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], results.Select(r => r.StreamVersion));
        Assert.All(results, r => Assert.Equal(TranscriptDecider.StreamFor(_session).Value, r.Stream));
        var entries = (await _journal.EventsAsync(TranscriptDecider.StreamFor(_session))).Cast<TranscriptEntryAppended>().ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], entries.Select(e => e.Sequence));
        Assert.Equal("message 3", entries[3].Text);
    }

    [Fact]
    public async Task AppendTranscriptEntry_sent_twice_at_once_with_one_idempotency_key_writes_once_and_replays_the_second()
    {
        var request = new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, "hello") { Context = new CommandContext(IdempotencyKey: "entry-1") };
        Task<CommandResult> first;
        Task<CommandResult> second;
        using (await _journal.Store.HoldWriterAsync(default))
        {
            // Both miss the key before either writes; the second waits behind the first on the stream.
            first = _journal.Send(request);
            second = _journal.Send(request);
            await _journal.WaitUntilQueuedAsync(1);
        }

        var results = await Task.WhenAll(first, second);

        Assert.Single(results, r => r.Replayed);
        Assert.Equal(results[0].Position, results[1].Position);
        Assert.Single(await _journal.EventsAsync(TranscriptDecider.StreamFor(_session)));
    }

    [Fact]
    public async Task AppendTranscriptEntry_keeps_numbering_after_a_restart()
    {
        await _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, "one"));
        await _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.AssistantMessage, "two"));
        await _journal.RestartAsync();

        await _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, "three"));

        var last = Assert.IsType<TranscriptEntryAppended>((await _journal.EventsAsync(TranscriptDecider.StreamFor(_session)))[^1]);
        Assert.Equal(3, last.Sequence);
    }

    [Fact]
    public async Task AppendTranscriptEntry_stores_the_entry_with_the_context_in_its_metadata()
    {
        var entry = Guid.NewGuid();
        var run = Guid.NewGuid();

        await _journal.Send(new AppendTranscriptEntryRequest(_session, entry, TranscriptEntryKind.ToolCall, "{\"path\":\"README.md\"}", run, "read_file") { Context = new CommandContext(Actor: "agent-7", Principal: "alice", CorrelationId: "corr-t", CausationId: "cause-t") });

        var stored = Assert.IsType<TranscriptEntryAppended>(Assert.Single(await _journal.EventsAsync(TranscriptDecider.StreamFor(_session))));
        Assert.Equal(entry, stored.EntryId);
        Assert.Equal(run, stored.RunId);
        Assert.Equal("read_file", stored.ToolName);
        Assert.Equal(TranscriptEntryKind.ToolCall, stored.Kind);
        var metadata = Assert.Single(await _journal.RecordedAsync(TranscriptDecider.StreamFor(_session))).Metadata;
        Assert.Equal(("agent-7", "alice", "corr-t", "cause-t"), (metadata.Actor, metadata.Principal, metadata.CorrelationId, metadata.CausationId));
    }

    [Fact]
    public async Task AppendTranscriptEntry_redacts_a_secret_in_the_text_before_it_reaches_the_tape()
    {
        const string secret = "sk-proj-Zq9xT3bLbkFJf4kE8mN2pR7sV1wY6uH0";

        await _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, $"my key is {secret} please use it"));

        var recorded = Assert.Single(await _journal.RecordedAsync(TranscriptDecider.StreamFor(_session)));
        var payload = recorded.Payload!.Value.ToArray();
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Zq9xT3bLbkFJf4kE8mN2pR7sV1wY6uH0")));
        var entry = Assert.IsType<TranscriptEntryAppended>(Assert.Single(await _journal.EventsAsync(TranscriptDecider.StreamFor(_session))));
        Assert.StartsWith("my key is ", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, entry.Text, StringComparison.Ordinal);
        Assert.NotEmpty(recorded.Metadata.RedactedPaths ?? []);
    }

    [Fact]
    public async Task AppendTranscriptEntry_refuses_an_unknown_session_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new AppendTranscriptEntryRequest(Guid.NewGuid(), null, TranscriptEntryKind.UserMessage, "hello")));

        Assert.Equal("session.not_found", error.Code);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AppendTranscriptEntry_refuses_an_archived_session_and_writes_nothing()
    {
        await _journal.Send(new ArchiveSessionRequest(_session));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, "too late")));

        Assert.Equal("session.archived", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AppendTranscriptEntry_refuses_a_tool_call_without_a_tool_name_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.ToolCall, "{}")));

        Assert.Equal("ToolName", error.Field);
        Assert.Equal(1, await _journal.HeadAsync());
    }

    [Fact]
    public async Task AppendTranscriptEntry_refuses_empty_text_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _journal.Send(new AppendTranscriptEntryRequest(_session, null, TranscriptEntryKind.UserMessage, "")));

        Assert.Equal("Text", error.Field);
        Assert.Equal(1, await _journal.HeadAsync());
    }
}
