using System.ComponentModel.DataAnnotations;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Journey</c>: every window and limit of the journey (environment <c>Journey__Name</c>).</summary>
public sealed class JourneyOptions : IValidatableObject
{
    public const string SectionName = "Journey";

    public TimeSpan PhoneCodeValidity { get; set; } = JourneyPolicy.Default.PhoneCodeValidity;
    public TimeSpan EmailLinkValidity { get; set; } = JourneyPolicy.Default.EmailLinkValidity;
    public TimeSpan ProfileWindow { get; set; } = JourneyPolicy.Default.ProfileWindow;
    public TimeSpan DepositWindow { get; set; } = JourneyPolicy.Default.DepositWindow;
    public TimeSpan DepositReminderBefore { get; set; } = JourneyPolicy.Default.DepositReminderBefore;
    public int MaxCodeAttempts { get; set; } = JourneyPolicy.Default.MaxCodeAttempts;
    public int MaxResends { get; set; } = JourneyPolicy.Default.MaxResends;
    public int MaxDepositAttempts { get; set; } = JourneyPolicy.Default.MaxDepositAttempts;
    public int MaxVerificationCycles { get; set; } = JourneyPolicy.Default.MaxVerificationCycles;
    public int DepositCount { get; set; } = JourneyPolicy.Default.DepositCount;

    /// <summary>ISO 3166-1 alpha-2 codes of the regions whose residents are onboarded; empty means every one but the sanctioned.</summary>
    public List<string> SupportedRegions { get; set; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes of the nationalities onboarded; empty means every one but China's and the sanctioned.</summary>
    public List<string> SupportedNationalities { get; set; } = [];

    /// <summary>ISO 3166-1 codes whose phone numbers may be used besides those of the residence and the nationality; empty means CN.</summary>
    public List<string> SmsCountries { get; set; } = [];

    /// <summary>How long a way back into a journey (a resume link in a message) works; it works once.</summary>
    public TimeSpan ResumeLinkValidity { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an input route waits for the journey to apply the input before answering 202.</summary>
    public TimeSpan InputWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one connection of the event stream lasts before the server ends it (the client reconnects).</summary>
    public TimeSpan EventStreamLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest <see cref="EventStreamLifetime"/> accepted. A stream is one function invocation for
    /// its whole life, and one that outlives host.json's <c>functionTimeout</c> is not cancelled: the
    /// host restarts the whole worker process (a test keeps this below the timeout).
    /// </summary>
    public static readonly TimeSpan LongestEventStream = TimeSpan.FromMinutes(5);

    public JourneyPolicy ToPolicy() => new()
    {
        PhoneCodeValidity = PhoneCodeValidity,
        EmailLinkValidity = EmailLinkValidity,
        ProfileWindow = ProfileWindow,
        DepositWindow = DepositWindow,
        DepositReminderBefore = DepositReminderBefore,
        MaxCodeAttempts = MaxCodeAttempts,
        MaxResends = MaxResends,
        MaxDepositAttempts = MaxDepositAttempts,
        MaxVerificationCycles = MaxVerificationCycles,
        DepositCount = DepositCount,
    };

    /// <summary>Whom the journey serves, as configured (<see cref="Onboarding.Domain.Registration.Eligibility"/>).</summary>
    public Eligibility Eligibility() => new(
        Codes(SupportedRegions, Domain.Registration.Eligibility.DefaultResidences),
        Codes(SupportedNationalities, Domain.Registration.Eligibility.DefaultNationalities),
        Codes(SmsCountries, Domain.Registration.Eligibility.DefaultSmsCountries));

    static IEnumerable<string> Codes(List<string> configured, IReadOnlyList<string> byDefault) =>
        configured.Count == 0 ? byDefault : configured.Select(code => code.Trim().ToUpperInvariant());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (string problem in ToPolicy().Problems())
        {
            yield return new ValidationResult(problem);
        }

        foreach (string code in SupportedRegions)
        {
            if (Regions.Normalize(code.Trim()) is null)
            {
                yield return new ValidationResult($"SupportedRegions: '{code}' is not an ISO 3166-1 alpha-2 code.");
            }
        }

        foreach (string code in SupportedNationalities)
        {
            if (Regions.Normalize(code.Trim()) is null)
            {
                yield return new ValidationResult($"SupportedNationalities: '{code}' is not an ISO 3166-1 alpha-2 code.");
            }
            else if (Regions.Normalize(code.Trim()) == Regions.China)
            {
                yield return new ValidationResult("SupportedNationalities: CN cannot be one: citizens of China register in the domestic flow, this one is for foreigners.");
            }
        }

        foreach (string code in SmsCountries)
        {
            if (Regions.Normalize(code.Trim()) is null)
            {
                yield return new ValidationResult($"SmsCountries: '{code}' is not an ISO 3166-1 alpha-2 code.");
            }
        }

        if (ResumeLinkValidity < TimeSpan.FromMinutes(1) || ResumeLinkValidity > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("ResumeLinkValidity must be between a minute and 7 days.");
        }

        if (InputWait <= TimeSpan.Zero || InputWait > TimeSpan.FromSeconds(60))
        {
            yield return new ValidationResult("InputWait must be between 0 and 60 seconds.");
        }

        if (EventStreamLifetime <= TimeSpan.Zero || EventStreamLifetime > LongestEventStream)
        {
            yield return new ValidationResult($"EventStreamLifetime must be between 0 and {LongestEventStream}.");
        }
    }
}
