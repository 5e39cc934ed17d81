namespace Onboarding.Domain.Journeys;

/// <summary>What an input did to the journey's current step.</summary>
public enum InputResult
{
    /// <summary>The step is done; the journey moved on.</summary>
    Passed,

    /// <summary>The input was wrong or came too late; the step waits for another try.</summary>
    Rejected,

    /// <summary>The input ended the step and the journey with it (no tries left).</summary>
    Ended,
}
