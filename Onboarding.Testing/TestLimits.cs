namespace Onboarding.Testing;

/// <summary>
/// The abuse limits raised so that tests and the bench can run thousands of journeys from one
/// machine, one IP address and a handful of passports: still counted and still enforced, only
/// higher (a test of a limit sets it back to what it tests). <c>./run.sh</c> keeps the defaults.
/// </summary>
public static class TestLimits
{
    public static readonly IReadOnlyDictionary<string, string> Raised = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["StartsPerClientPerHour"] = "1000000",
        ["JourneysPerPhonePerDay"] = "1000000",
        ["SmsPerCountryPerDay"] = "1000000",
        ["SmsPerHour"] = "1000000",
        ["InputsPerJourneyPerMinute"] = "1000000",
        ["ResendsPerJourneyPerMinute"] = "1000000",
        ["DepositCyclesPerBankAccount"] = "500",
        ["DepositCyclesPerBankAccountAndPerson"] = "500",
        ["JourneysPerPassport"] = "500",
        ["JourneysPerPassportAndPhone"] = "500",
        ["NoticesPerAddressPerDay"] = "1000000",
        ["ReadsPerClientPerMinute"] = "1000000",
        ["ReadsPerJourneyPerMinute"] = "1000000",
        ["StreamsPerClient"] = "1000000",
        ["StreamsPerJourneyPerMinute"] = "1000000",
    };
}
