using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// What the orchestration publishes as its custom status: the journey's public progress, the ids
/// of the last inputs it applied (see <see cref="JourneyInputEvent.InputId"/>), and a step that
/// keeps failing, if one does (for operators; users see the progress only).
/// </summary>
public sealed record JourneyCustomStatus(JourneyProgress Progress, IReadOnlyList<string> AppliedInputs, StepFailure? StepFailure = null)
{
    /// <summary>How many applied input ids are kept: enough for any burst of concurrent requests on one journey.</summary>
    public const int AppliedInputsKept = 16;
}

/// <summary>
/// A step (activity) that failed past its retry policy and is tried again later: which one, the
/// error's type (never its message, which may quote personal data), since when, and how many rounds.
/// </summary>
public sealed record StepFailure(string Step, string Error, DateTime Since, int Rounds);
