using System.Text.Json.Nodes;
using Journal.Domain.Canvas;
using Journal.Domain.Canvas.UseCases;
using Journal.Domain.Commands;
using Journal.Domain.Errors;
using Journal.Domain.Tape;

namespace Journal.Domain.Tests.UseCases;

public sealed class CanvasUseCaseTests : IAsyncLifetime
{
    private readonly JournalHarness _journal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task PatchCanvas_retried_with_its_idempotency_key_returns_the_first_result_and_writes_once()
    {
        var id = await CreatedAsync();
        var context = new CommandContext(IdempotencyKey: "patch-n-2");
        var first = await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1) { Context = context });

        var again = await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1) { Context = context });

        Assert.True(again.Replayed);
        Assert.Equal((first.StreamVersion, first.Position), (again.StreamVersion, again.Position));
        Assert.Equal(2, await _journal.HeadAsync());
    }

    [Fact]
    public async Task PatchCanvas_applies_each_patch_to_the_state_the_last_one_left()
    {
        var id = await CreatedAsync();

        await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1));
        var third = await _journal.Send(new PatchCanvasRequest(id, JsonNode.Parse("""[{"op":"test","path":"/n","value":2},{"op":"add","path":"/m","value":true}]"""), 2));

        Assert.Equal((3L, 1), (third.StreamVersion, third.EventsWritten));
        var patched = Assert.IsType<CanvasPatched>((await _journal.EventsAsync(CanvasDecider.StreamFor(id)))[^1]);
        Assert.Equal(3, patched.Version);
    }

    [Fact]
    public async Task PatchCanvas_against_another_version_is_refused_and_writes_nothing()
    {
        var id = await CreatedAsync();
        await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1));
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _journal.Send(new PatchCanvasRequest(id, Patch(3), 1)));

        Assert.Equal(("1", 2L), (error.Expected, error.Actual));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RestoreCanvas_refuses_a_precondition_on_another_version_and_writes_nothing()
    {
        var id = await CreatedAsync();
        await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1));
        var head = await _journal.HeadAsync();
        var stream = CanvasDecider.StreamFor(id);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _journal.Send(
            new RestoreCanvasRequest(id, 1) { Context = new CommandContext(Precondition: new Precondition(stream, ExpectedVersion.Exact(1))) }));

        Assert.Equal((stream.Value, 2L), (error.Stream, error.Actual));
        Assert.Equal(head, await _journal.HeadAsync());
    }

    [Fact]
    public async Task RestoreCanvas_appends_the_state_of_the_version_it_names()
    {
        var id = await CreatedAsync();
        await _journal.Send(new PatchCanvasRequest(id, Patch(2), 1));

        var result = await _journal.Send(new RestoreCanvasRequest(id, 1, ExpectedVersion: 2));

        Assert.Equal((3L, 1), (result.StreamVersion, result.EventsWritten));
        var restored = Assert.IsType<CanvasRestored>((await _journal.EventsAsync(CanvasDecider.StreamFor(id)))[^1]);
        Assert.Equal((1L, 3L, 1), (restored.RestoredVersion, restored.Version, (int)restored.State["n"]!));
    }

    [Fact]
    public async Task RestoreCanvas_of_a_version_the_canvas_has_not_reached_is_not_found_and_writes_nothing()
    {
        var id = await CreatedAsync();
        var head = await _journal.HeadAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _journal.Send(new RestoreCanvasRequest(id, 2)));

        Assert.Equal("canvas_version.not_found", error.Code);
        Assert.Equal(head, await _journal.HeadAsync());
    }

    private static JsonNode Patch(int n) => JsonNode.Parse($$"""[{"op":"replace","path":"/n","value":{{n}}}]""")!;

    private async Task<Guid> CreatedAsync()
    {
        var id = Guid.NewGuid();
        await _journal.Send(new CreateCanvasRequest(id, Guid.NewGuid(), new JsonObject { ["n"] = 1 }));
        return id;
    }
}
