using Onboarding.Domain.Validation;

namespace Onboarding.Domain.Journeys;

/// <summary>Why an operator ends a journey: the user is told it, so it is text a person reads.</summary>
public static class TerminationReason
{
    /// <summary>At most this many characters as a person counts them.</summary>
    public const int MaxLength = 500;

    /// <summary>The reason, or null with the failed rule added to <paramref name="errors"/>.</summary>
    public static string? TryCreate(string? reason, ValidationErrors errors) =>
        TextRules.FreeText(reason, "reason", "A reason (the user is told it)", MaxLength, errors);
}
