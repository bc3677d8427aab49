using Bunit;
using Journal.Api.ControlRoom;
using Journal.ControlRoom.Hosting;
using Journal.ControlRoom.Shared;
using Journal.EventStore.Verification;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Journal.ControlRoom.Tests.Support;

/// <summary>
/// A bUnit context with the control room's services: a recording mediator, the API's own problem mapping (so a
/// refusal reads as it would over HTTP), and a chain verifier the test sets the report of.
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        Services.AddLogging();
        Services.AddSingleton<IMediator>(Mediator);
        Services.AddSingleton<IProblemWords, ProblemWords>();
        Services.AddSingleton<IChainVerifier>(Verifier);
        Services.AddSingleton<IOperationsDesk>(Desk);
        Services.AddScoped<ActionRunner>();
        Services.AddSingleton<Journal.EventStore.Ports.ITapeFeed>(Tape);

        // As in the browser once the circuit is up: actions are enabled only when interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected FakeMediator Mediator { get; } = new();

    protected FixedVerifier Verifier { get; } = new();

    protected FakeTapeFeed Tape { get; } = new();

    protected ScriptedDesk Desk { get; } = new();

    /// <summary>A verifier that answers the report it was given.</summary>
    public sealed class FixedVerifier : IChainVerifier
    {
        public VerificationReport? Report { get; set; }

        public int Runs { get; private set; }

        public Task<VerificationReport> VerifyAsync(CancellationToken ct)
        {
            Runs++;
            return Task.FromResult(Report ?? throw new InvalidOperationException("no report set up"));
        }
    }
}
