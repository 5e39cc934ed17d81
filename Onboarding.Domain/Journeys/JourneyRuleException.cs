namespace Onboarding.Domain.Journeys;

/// <summary>A transition the journey's current stage does not allow.</summary>
public sealed class JourneyRuleException(JourneyStage stage, string transition)
    : InvalidOperationException($"'{transition}' is not allowed in stage {stage.ToWireName()}.")
{
    public JourneyStage Stage { get; } = stage;
}
