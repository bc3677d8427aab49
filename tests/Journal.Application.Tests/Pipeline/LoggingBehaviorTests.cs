using Journal.Domain.Errors;
using Journal.EventStore.Storage;
using MediatR;
using Microsoft.Extensions.Logging;
using Journal.Application.Pipeline;

namespace Journal.Application.Tests.Pipeline;

/// <summary>
/// A refused command is a business outcome, logged at Information with its code; a failure of the
/// machinery (storage) stays a warning and anything unexpected an error.
/// </summary>
public sealed class LoggingBehaviorTests
{
    private readonly CapturedLogger _logger = new();

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Handle_logs_a_refused_command_at_information_with_its_code_when_a_rule_or_input_refuses_it(JournalException refusal)
    {
        await Assert.ThrowsAsync(refusal.GetType(), () => HandleAsync(refusal));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains(refusal.Code, entry.Message, StringComparison.Ordinal);
        Assert.Contains("refused", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_logs_a_warning_with_the_code_when_the_storage_fails()
    {
        var failure = new StorageException("the disk holding the journal is full", null, StorageException.Full);

        await Assert.ThrowsAsync<StorageException>(() => HandleAsync(failure));

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(StorageException.Full, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_logs_an_error_when_the_handler_fails_unexpectedly()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync(new InvalidOperationException("bug")));

        Assert.Equal(LogLevel.Error, Assert.Single(_logger.Entries).Level);
    }

    public static TheoryData<JournalException> Refusals() => new()
    {
        new RuleViolationException("run.already_active", "a run is active"),
        new ValidationException("Label", "must not be empty"),
        new NotFoundException("session", "0199"),
        new WrongExpectedVersionException("session-1", "1", 2),
        new TooLargeException("payload", 10, 5),
    };

    private Task<string> HandleAsync(Exception thrown) =>
        new LoggingBehavior<Ping, string>(_logger).Handle(new Ping(), CancellationToken.None, () => Task.FromException<string>(thrown));

    public sealed record Ping : IRequest<string>;

    private sealed class CapturedLogger : ILogger<LoggingBehavior<Ping, string>>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
