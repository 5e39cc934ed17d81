namespace Onboarding.Domain.Journeys;

/// <summary>
/// Whether a journey, as its progress shows it, takes an input now: the one rule that the HTTP
/// routes ask before they hand an input on and that the orchestrator asks before it applies one.
/// </summary>
public abstract record InputVerdict
{
    /// <summary>The input is taken.</summary>
    public sealed record Accepted : InputVerdict;

    /// <summary>Nothing is published yet: the journey's first step is still under way.</summary>
    public sealed record Starting : InputVerdict;

    /// <summary>The stage does not take this kind of input (or its window has closed).</summary>
    public sealed record WrongStage(JourneyStage Stage) : InputVerdict;

    /// <summary>
    /// The stage takes this kind of input, but its allowance is used up (<see cref="Limit"/>):
    /// nothing changes before <paramref name="RetryAfter"/> (the stage's deadline, when one applies).
    /// </summary>
    public sealed record NoTriesLeft(string Limit, TimeSpan RetryAfter) : InputVerdict;

    public static readonly InputVerdict Accept = new Accepted();

    public bool IsAccepted => this is Accepted;
}

/// <summary>The allowances a <see cref="InputVerdict.NoTriesLeft"/> names (the <c>limit</c> of a 429).</summary>
public static class JourneyAllowances
{
    public const string CodeAttempts = "code-attempts";
    public const string Resends = "resends";
}
