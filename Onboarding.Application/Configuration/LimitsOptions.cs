using System.ComponentModel.DataAnnotations;
using Onboarding.Domain.Limits;

namespace Onboarding.Application.Configuration;

/// <summary>
/// Section <c>Limits</c>: the abuse controls, shared by every instance (counters in Table Storage).
/// The defaults are the production policy (README "Abuse and fraud controls"); tests that run many
/// journeys from one machine raise them, never switch them off.
/// </summary>
public sealed class LimitsOptions : IValidatableObject
{
    public const string SectionName = "Limits";

    /// <summary>The largest count of a limit that counts distinct members (journeys, cycles).</summary>
    public const int MaxDistinct = 500;

    public int StartsPerClientPerHour { get; set; } = 10;
    public int JourneysPerPhonePerDay { get; set; } = 3;
    public int SmsPerCountryPerDay { get; set; } = 1000;
    public int SmsPerHour { get; set; } = 500;
    public int InputsPerJourneyPerMinute { get; set; } = 30;
    public int ResendsPerJourneyPerMinute { get; set; } = 2;
    public int DepositCyclesPerBankAccount { get; set; } = 3;
    public TimeSpan BankAccountWindow { get; set; } = TimeSpan.FromDays(90);
    public int JourneysPerPassport { get; set; } = 3;
    public TimeSpan PassportWindow { get; set; } = TimeSpan.FromDays(365);
    public int ResumeLinksPerAddressPerHour { get; set; } = 3;

    /// <summary>The longest window of any limit: a counter unchanged for longer counts nothing any more.</summary>
    public TimeSpan LongestWindow => new[] { TimeSpan.FromDays(1), BankAccountWindow, PassportWindow }.Max();

    public RateLimit StartsPerClient => new(LimitNames.StartsPerClient, StartsPerClientPerHour, TimeSpan.FromHours(1));
    public RateLimit JourneysPerPhone => new(LimitNames.JourneysPerPhone, JourneysPerPhonePerDay, TimeSpan.FromDays(1));
    public RateLimit SmsPerCountry => new(LimitNames.SmsPerCountry, SmsPerCountryPerDay, TimeSpan.FromDays(1));
    public RateLimit Sms => new(LimitNames.SmsPerHour, SmsPerHour, TimeSpan.FromHours(1));
    public RateLimit InputsPerJourney => new(LimitNames.InputsPerJourney, InputsPerJourneyPerMinute, TimeSpan.FromMinutes(1));
    public RateLimit ResendsPerJourney => new(LimitNames.ResendsPerJourney, ResendsPerJourneyPerMinute, TimeSpan.FromMinutes(1));
    public RateLimit ResumeLinksPerAddress => new(LimitNames.ResumeLinksPerAddress, ResumeLinksPerAddressPerHour, TimeSpan.FromHours(1));
    public DistinctLimit DepositCyclesPerAccount => new(LimitNames.DepositCyclesPerBankAccount, DepositCyclesPerBankAccount, BankAccountWindow);
    public DistinctLimit JourneysPerPassportNumber => new(LimitNames.JourneysPerPassport, JourneysPerPassport, PassportWindow);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, int Value)[] counts =
        [
            (nameof(StartsPerClientPerHour), StartsPerClientPerHour),
            (nameof(JourneysPerPhonePerDay), JourneysPerPhonePerDay),
            (nameof(SmsPerCountryPerDay), SmsPerCountryPerDay),
            (nameof(SmsPerHour), SmsPerHour),
            (nameof(InputsPerJourneyPerMinute), InputsPerJourneyPerMinute),
            (nameof(ResendsPerJourneyPerMinute), ResendsPerJourneyPerMinute),
            (nameof(DepositCyclesPerBankAccount), DepositCyclesPerBankAccount),
            (nameof(JourneysPerPassport), JourneysPerPassport),
            (nameof(ResumeLinksPerAddressPerHour), ResumeLinksPerAddressPerHour),
        ];
        foreach ((string name, int value) in counts.Where(count => count.Value < 0))
        {
            yield return new ValidationResult($"{name} must be 0 or more.", [name]);
        }

        // A distinct limit keeps one entry (~55 characters) per member in one row property (at most 32K characters).
        foreach ((string name, int value) in counts.Where(count => count.Name is nameof(DepositCyclesPerBankAccount) or nameof(JourneysPerPassport) && count.Value > MaxDistinct))
        {
            yield return new ValidationResult($"{name} must be at most {MaxDistinct}.", [name]);
        }

        foreach ((string name, TimeSpan window) in new[] { (nameof(BankAccountWindow), BankAccountWindow), (nameof(PassportWindow), PassportWindow) })
        {
            if (window < TimeSpan.FromMinutes(1))
            {
                yield return new ValidationResult($"{name} must be at least a minute.", [name]);
            }
        }
    }
}
