using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Journeys;

/// <summary>
/// What the orchestration publishes as its custom status: the journey's public progress, and the
/// ids of the last inputs it applied (see <see cref="JourneyInputEvent.InputId"/>).
/// </summary>
public sealed record JourneyCustomStatus(JourneyProgress Progress, IReadOnlyList<string> AppliedInputs)
{
    /// <summary>How many applied input ids are kept: enough for any burst of concurrent requests on one journey.</summary>
    public const int AppliedInputsKept = 16;
}
