using Bunit;
using Journal.Api.ControlRoom;
using Journal.ControlRoom.Hosting;
using Journal.ControlRoom.Shared;
using Journal.EventStore.Verification;
using MediatR;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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
        Services.AddSingleton<IProofDesk>(Proofs);
        Services.AddScoped<ActionRunner>();
        Services.AddSingleton<Journal.EventStore.Ports.ITapeFeed>(Tape);

        // The circuit's signed-in person, whose role the action runner checks again before a write: an admin unless a
        // test signs in someone else.
        Services.AddSingleton<AuthenticationStateProvider>(Authentication);

        // As in the browser once the circuit is up: actions are enabled only when interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected SignedIn Authentication { get; } = new();

    /// <summary>Makes <paramref name="name"/> with <paramref name="roles"/> the circuit's signed-in person.</summary>
    protected void SignIn(string name, params string[] roles) => Authentication.As(name, roles);

    /// <summary>The circuit's signed-in person, as the cookie would give it: an admin until a test says otherwise.</summary>
    public sealed class SignedIn : AuthenticationStateProvider
    {
        private ClaimsPrincipal _user = Of("test-admin", ["admin"]);

        public void As(string name, string[] roles) => _user = Of(name, roles);

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

        private static ClaimsPrincipal Of(string name, string[] roles) =>
            new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
    }

    protected FakeMediator Mediator { get; } = new();

    protected FixedVerifier Verifier { get; } = new();

    protected FakeTapeFeed Tape { get; } = new();

    protected ScriptedDesk Desk { get; } = new();

    protected FixedProofs Proofs { get; } = new();

    /// <summary>A proof desk that answers the tree head and proof it was given (or throws what it was given).</summary>
    public sealed class FixedProofs : IProofDesk
    {
        public TreeHeadFacts? Head { get; set; }

        public InclusionFacts? Inclusion { get; set; }

        public Exception? Failure { get; set; }

        public PublishedCheckpoint? Published { get; set; }

        public PublishedCheckpoint? LastPublished() => Published;

        public List<long> Asked { get; } = [];

        public Task<TreeHeadFacts> TreeHeadAsync(CancellationToken ct) =>
            Failure is { } failure ? Task.FromException<TreeHeadFacts>(failure) : Task.FromResult(Head ?? throw new InvalidOperationException("no head set up"));

        public Task<InclusionFacts> InclusionAsync(long seq, CancellationToken ct)
        {
            Asked.Add(seq);
            return Failure is { } failure ? Task.FromException<InclusionFacts>(failure) : Task.FromResult(Inclusion ?? throw new InvalidOperationException("no proof set up"));
        }
    }

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
