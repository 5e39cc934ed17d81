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
    /// <summary>
    /// Stages in which the journey is over: nothing moves it on any more. <c>locked</c> is not
    /// one of them: it waits for an operator's unlock, and the user may still cancel.
    /// </summary>
    public static bool IsFinal(this JourneyStage stage) =>
        stage is JourneyStage.Verified or JourneyStage.Expired or JourneyStage.Cancelled;

    /// <summary>Stages in which the journey still waits for something: every stage that is not final.</summary>
    public static bool IsOpen(this JourneyStage stage) => !stage.IsFinal();

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
