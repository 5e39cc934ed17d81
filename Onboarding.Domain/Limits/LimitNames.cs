namespace Onboarding.Domain.Limits;

/// <summary>The abuse limits, as a <c>429</c>'s <c>limit</c> names them (README "Abuse and fraud controls").</summary>
public static class LimitNames
{
    public const string StartsPerClient = "starts-per-client";
    public const string JourneysPerPhone = "journeys-per-phone";
    public const string SmsPerCountry = "sms-per-country";
    public const string SmsPerHour = "sms-per-hour";
    public const string InputsPerJourney = "inputs-per-journey";
    public const string ResendsPerJourney = "resends-per-journey";
    public const string DepositCyclesPerBankAccount = "deposit-cycles-per-bank-account";
    public const string DepositCyclesPerBankAccountAndPerson = "deposit-cycles-per-bank-account-and-person";
    public const string JourneysPerPassport = "journeys-per-passport";
    public const string JourneysPerPassportAndPhone = "journeys-per-passport-and-phone";
    public const string NoticesPerAddress = "notices-per-address";
    public const string ReadsPerClient = "reads-per-client";
    public const string ReadsPerJourney = "reads-per-journey";
    public const string StreamsPerClient = "streams-per-client";
    public const string StreamsPerJourney = "streams-per-journey";
    public const string ResumeLinksPerAddress = "resume-links-per-address";
}
