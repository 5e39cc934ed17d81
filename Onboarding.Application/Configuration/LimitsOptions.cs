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

    /// <summary>SMS a day to the numbers of one destination region (ISO 3166-1, as libphonenumber places the number).</summary>
    public int SmsPerCountryPerDay { get; set; } = 1000;

    /// <summary>The same for a region on <see cref="HighRiskSmsDestinations"/> (when it is opened at all).</summary>
    public int SmsPerHighRiskCountryPerDay { get; set; } = 20;

    /// <summary>
    /// The regions whose numbers are texted: ISO 3166-1 alpha-2 codes separated by commas, where
    /// <c>default</c> stands for the built-in list (<see cref="Domain.Limits.SmsDestinations.DefaultAllowed"/>):
    /// <c>default,JM</c> opens Jamaica too.
    /// </summary>
    public string SmsDestinations { get; set; } = DefaultList;

    /// <summary>The destinations known for SMS pumping, written the same way (<see cref="Domain.Limits.SmsDestinations.DefaultHighRisk"/>).</summary>
    public string HighRiskSmsDestinations { get; set; } = DefaultList;

    /// <summary>In a list of regions, the built-in list.</summary>
    public const string DefaultList = "default";
    public int SmsPerHour { get; set; } = 500;
    public int InputsPerJourneyPerMinute { get; set; } = 30;
    public int ResendsPerJourneyPerMinute { get; set; } = 2;
    /// <summary>Deposit cycles a bank account gets in <see cref="BankAccountWindow"/>, whoever asks: what bounds guessing its deposits.</summary>
    public int DepositCyclesPerBankAccount { get; set; } = 3;

    /// <summary>Of those, the cycles one person (passport and nationality) may ask for: nobody else can use up a person's own.</summary>
    public int DepositCyclesPerBankAccountAndPerson { get; set; } = 2;
    public TimeSpan BankAccountWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Journeys a passport may be used for in <see cref="PassportWindow"/>, from any phone.</summary>
    public int JourneysPerPassport { get; set; } = 10;

    /// <summary>Of those, the journeys one phone number (proven by its code) may use the passport for: what one person may do.</summary>
    public int JourneysPerPassportAndPhone { get; set; } = 3;
    public TimeSpan PassportWindow { get; set; } = TimeSpan.FromDays(365);
    public int ResumeLinksPerAddressPerHour { get; set; } = 3;

    /// <summary>Times a day an address's owner is told that a registration named their address (which has an account, or is confirmed by another registration).</summary>
    public int NoticesPerAddressPerDay { get; set; } = 3;

    // Reads: what one instance serves, counted in its memory (a storage write per read would double the
    // cost of the reads they bound); the opening of event streams is counted across instances.

    /// <summary>Reads (a journey's status, stream openings, the e-mail link's page) per client in any minute, per instance.</summary>
    public int ReadsPerClientPerMinute { get; set; } = 300;

    /// <summary>Reads of one journey with its token (its status, stream openings) in any minute, per instance.</summary>
    public int ReadsPerJourneyPerMinute { get; set; } = 120;

    /// <summary>Event streams of one journey open at once on an instance; a new one closes the oldest.</summary>
    public int StreamsPerJourney { get; set; } = 3;

    /// <summary>Event streams one client may hold open at once on an instance.</summary>
    public int StreamsPerClient { get; set; } = 20;

    /// <summary>Event streams of one journey opened in any minute, across every instance.</summary>
    public int StreamsPerJourneyPerMinute { get; set; } = 10;

    /// <summary>The longest window of any limit: a counter unchanged for longer counts nothing any more.</summary>
    public TimeSpan LongestWindow => new[] { TimeSpan.FromDays(1), BankAccountWindow, PassportWindow }.Max();

    public RateLimit StartsPerClient => new(LimitNames.StartsPerClient, StartsPerClientPerHour, TimeSpan.FromHours(1));
    public RateLimit JourneysPerPhone => new(LimitNames.JourneysPerPhone, JourneysPerPhonePerDay, TimeSpan.FromDays(1));
    public SmsDestinations Destinations() => new(
        Regions(SmsDestinations, Domain.Limits.SmsDestinations.DefaultAllowed),
        Regions(HighRiskSmsDestinations, Domain.Limits.SmsDestinations.DefaultHighRisk),
        SmsPerCountryPerDay,
        SmsPerHighRiskCountryPerDay);

    /// <summary>The codes of a list as configured, <c>default</c> expanded; what is not a code is left out (and refused at start-up).</summary>
    static IEnumerable<string> Regions(string list, IReadOnlyList<string> builtIn) =>
        Entries(list).SelectMany(entry => entry.Equals(DefaultList, StringComparison.OrdinalIgnoreCase) ? builtIn : [entry.ToUpperInvariant()]);

    static IEnumerable<string> Entries(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public RateLimit Sms => new(LimitNames.SmsPerHour, SmsPerHour, TimeSpan.FromHours(1));
    public RateLimit InputsPerJourney => new(LimitNames.InputsPerJourney, InputsPerJourneyPerMinute, TimeSpan.FromMinutes(1));
    public RateLimit ResendsPerJourney => new(LimitNames.ResendsPerJourney, ResendsPerJourneyPerMinute, TimeSpan.FromMinutes(1));
    public RateLimit NoticesPerAddress => new(LimitNames.NoticesPerAddress, NoticesPerAddressPerDay, TimeSpan.FromDays(1));
    public RateLimit StreamOpensPerJourney => new(LimitNames.StreamsPerJourney, StreamsPerJourneyPerMinute, TimeSpan.FromMinutes(1));
    public RateLimit ResumeLinksPerAddress => new(LimitNames.ResumeLinksPerAddress, ResumeLinksPerAddressPerHour, TimeSpan.FromHours(1));
    /// <summary>Cycles per bank account, grouped by person (one counter row holds both).</summary>
    public DistinctLimit DepositCyclesPerAccount => new(LimitNames.DepositCyclesPerBankAccount, DepositCyclesPerBankAccount, BankAccountWindow)
    {
        GroupName = LimitNames.DepositCyclesPerBankAccountAndPerson,
        GroupMax = DepositCyclesPerBankAccountAndPerson,
    };

    /// <summary>Journeys per passport, grouped by phone number (one counter row holds both).</summary>
    public DistinctLimit JourneysPerPassportNumber => new(LimitNames.JourneysPerPassport, JourneysPerPassport, PassportWindow)
    {
        GroupName = LimitNames.JourneysPerPassportAndPhone,
        GroupMax = JourneysPerPassportAndPhone,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Name, int Value)[] counts =
        [
            (nameof(StartsPerClientPerHour), StartsPerClientPerHour),
            (nameof(JourneysPerPhonePerDay), JourneysPerPhonePerDay),
            (nameof(SmsPerCountryPerDay), SmsPerCountryPerDay),
            (nameof(SmsPerHighRiskCountryPerDay), SmsPerHighRiskCountryPerDay),
            (nameof(SmsPerHour), SmsPerHour),
            (nameof(InputsPerJourneyPerMinute), InputsPerJourneyPerMinute),
            (nameof(ResendsPerJourneyPerMinute), ResendsPerJourneyPerMinute),
            (nameof(DepositCyclesPerBankAccount), DepositCyclesPerBankAccount),
            (nameof(DepositCyclesPerBankAccountAndPerson), DepositCyclesPerBankAccountAndPerson),
            (nameof(JourneysPerPassport), JourneysPerPassport),
            (nameof(JourneysPerPassportAndPhone), JourneysPerPassportAndPhone),
            (nameof(StreamsPerJourneyPerMinute), StreamsPerJourneyPerMinute),
            (nameof(NoticesPerAddressPerDay), NoticesPerAddressPerDay),
            (nameof(ResumeLinksPerAddressPerHour), ResumeLinksPerAddressPerHour),
        ];
        foreach ((string name, int value) in counts.Where(count => count.Value < 0))
        {
            yield return new ValidationResult($"{name} must be 0 or more.", [name]);
        }

        // A distinct limit keeps one entry (~55 characters) per member in one row property (at most 32K characters).
        foreach ((string name, int value) in counts.Where(count => count.Name is nameof(DepositCyclesPerBankAccount) or nameof(DepositCyclesPerBankAccountAndPerson) or nameof(JourneysPerPassport) or nameof(JourneysPerPassportAndPhone) && count.Value > MaxDistinct))
        {
            yield return new ValidationResult($"{name} must be at most {MaxDistinct}.", [name]);
        }

        // Per-instance limits: 0 would refuse every read.
        (string Name, int Value)[] perInstance =
        [
            (nameof(ReadsPerClientPerMinute), ReadsPerClientPerMinute),
            (nameof(ReadsPerJourneyPerMinute), ReadsPerJourneyPerMinute),
            (nameof(StreamsPerJourney), StreamsPerJourney),
            (nameof(StreamsPerClient), StreamsPerClient),
        ];
        foreach ((string name, _) in perInstance.Where(count => count.Value < 1))
        {
            yield return new ValidationResult($"{name} must be 1 or more.", [name]);
        }

        foreach ((string name, string list) in new[] { (nameof(SmsDestinations), SmsDestinations), (nameof(HighRiskSmsDestinations), HighRiskSmsDestinations) })
        {
            foreach (string entry in Entries(list).Where(entry => !entry.Equals(DefaultList, StringComparison.OrdinalIgnoreCase) && Domain.Registration.Regions.Normalize(entry) is null))
            {
                yield return new ValidationResult($"{name}: '{entry}' is neither an ISO 3166-1 alpha-2 code nor '{DefaultList}'.", [name]);
            }
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
