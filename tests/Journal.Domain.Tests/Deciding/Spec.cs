using Journal.Domain.Errors;

namespace Journal.Domain.Tests.Deciding;

/// Given(history).When(command).Then(events) / ThenThrows(code) over one decider.
public sealed class Spec<TCommand, TEvent, TState>
    where TCommand : class
{
    private readonly TState initial;
    private readonly Func<TCommand, TState, IReadOnlyList<TEvent>> decide;
    private readonly Func<TState, TEvent, TState> evolve;
    private readonly TEvent[] history;
    private readonly TCommand? command;

    public Spec(TState initial, Func<TCommand, TState, IReadOnlyList<TEvent>> decide, Func<TState, TEvent, TState> evolve)
        : this(initial, decide, evolve, [], null)
    {
    }

    private Spec(TState initial, Func<TCommand, TState, IReadOnlyList<TEvent>> decide, Func<TState, TEvent, TState> evolve, TEvent[] history, TCommand? command)
    {
        this.initial = initial;
        this.decide = decide;
        this.evolve = evolve;
        this.history = history;
        this.command = command;
    }

    public TState State => history.Aggregate(initial, evolve);

    public Spec<TCommand, TEvent, TState> Given(params TEvent[] events) => new(initial, decide, evolve, events, null);

    public Spec<TCommand, TEvent, TState> When(TCommand what) => new(initial, decide, evolve, history, what);

    public IReadOnlyList<TEvent> Then(params TEvent[] expected)
    {
        var actual = Run();
        Assert.Equal(expected, actual);
        return actual;
    }

    public void ThenNothing() => Assert.Empty(Run());

    public TException ThenThrows<TException>(string code)
        where TException : JournalException
    {
        var ex = Assert.Throws<TException>(() => Run());
        Assert.Equal(code, ex.Code);
        return ex;
    }

    public ValidationException ThenInvalid(string field)
    {
        var ex = ThenThrows<ValidationException>("validation.failed");
        Assert.Equal(field, ex.Field);
        return ex;
    }

    private IReadOnlyList<TEvent> Run() =>
        decide(command ?? throw new InvalidOperationException("When(...) was not called"), State);
}
