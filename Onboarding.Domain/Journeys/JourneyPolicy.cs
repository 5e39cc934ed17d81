namespace Onboarding.Domain.Journeys;

/// <summary>
/// The windows and limits one journey runs under. Captured when the journey starts, so a
/// configuration change never alters the rules of a journey already under way.
/// </summary>
public sealed record JourneyPolicy
{
    public TimeSpan PhoneCodeValidity { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan EmailLinkValidity { get; init; } = TimeSpan.FromDays(1);
    public TimeSpan ProfileWindow { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan DepositWindow { get; init; } = TimeSpan.FromDays(2);
    public TimeSpan DepositReminderBefore { get; init; } = TimeSpan.FromDays(1);
    public int MaxCodeAttempts { get; init; } = 5;
    public int MaxResends { get; init; } = 3;
    public int MaxDepositAttempts { get; init; } = 3;
    public int MaxVerificationCycles { get; init; } = 3;
    public int DepositCount { get; init; } = 2;

    public static JourneyPolicy Default { get; } = new();

    /// <summary>Names of the rules this policy breaks; empty when it can run a journey.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero) problems.Add($"{name} must be positive.");
        }

        Positive(PhoneCodeValidity, nameof(PhoneCodeValidity));
        Positive(EmailLinkValidity, nameof(EmailLinkValidity));
        Positive(ProfileWindow, nameof(ProfileWindow));
        Positive(DepositWindow, nameof(DepositWindow));
        if (DepositReminderBefore < TimeSpan.Zero) problems.Add($"{nameof(DepositReminderBefore)} must not be negative.");
        if (MaxCodeAttempts < 1) problems.Add($"{nameof(MaxCodeAttempts)} must be at least 1.");
        if (MaxResends < 0) problems.Add($"{nameof(MaxResends)} must not be negative.");
        if (MaxDepositAttempts < 1) problems.Add($"{nameof(MaxDepositAttempts)} must be at least 1.");
        if (MaxVerificationCycles < 1) problems.Add($"{nameof(MaxVerificationCycles)} must be at least 1.");
        if (DepositCount is < 1 or > Verification.DepositAmounts.MaxCount) problems.Add($"{nameof(DepositCount)} must be between 1 and {Verification.DepositAmounts.MaxCount}.");
        return problems;
    }
}
