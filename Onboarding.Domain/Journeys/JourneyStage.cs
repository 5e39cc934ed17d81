namespace Onboarding.Domain.Journeys;

/// <summary>Where a journey stands, in the order a user goes through it (see the HTTP contract).</summary>
public enum JourneyStage
{
    AwaitingPhoneCode,
    AwaitingEmailConfirmation,
    AwaitingProfile,
    Registered,
    AwaitingDepositAmounts,
    Verified,
    Expired,
    Locked,
    Cancelled,
}

public static class JourneyStages
{
    /// <summary>Stages after which the journey takes no more input from the user.</summary>
    public static bool IsTerminal(this JourneyStage stage) =>
        stage is JourneyStage.Verified or JourneyStage.Expired or JourneyStage.Locked or JourneyStage.Cancelled;

    /// <summary>The camelCase name used on the wire and in configuration.</summary>
    public static string ToWireName(this JourneyStage stage)
    {
        string name = stage.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParseWireName(string? value, out JourneyStage stage)
    {
        foreach (JourneyStage candidate in Enum.GetValues<JourneyStage>())
        {
            if (string.Equals(candidate.ToWireName(), value, StringComparison.Ordinal))
            {
                stage = candidate;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
