namespace Onboarding.Domain.Registration;

/// <summary>
/// Whom this registration serves, from three facts about a person that are kept apart and each
/// checked here only: where they live (the residence: the start's <c>region</c>), whose citizen they
/// are (the nationality: this flow is for foreigners, so not for citizens of China, and not for
/// sanctioned nationalities), and which country their mobile number belongs to (the phone's country:
/// the SMS policy — a person's own numbers are those of where they live and of their nationality,
/// and <see cref="SmsCountries"/> adds others, mainland China's by default).
/// </summary>
public sealed class Eligibility
{
    public Eligibility(IEnumerable<string> residences, IEnumerable<string> nationalities, IEnumerable<string> smsCountries)
    {
        Residences = new SortedSet<string>(residences, StringComparer.Ordinal);
        Nationalities = new SortedSet<string>(nationalities, StringComparer.Ordinal);
        SmsCountries = new SortedSet<string>(smsCountries, StringComparer.Ordinal);
        if (Nationalities.Contains(Regions.China))
        {
            throw new ArgumentException("Citizens of China register in the domestic flow: CN cannot be a supported nationality.", nameof(nationalities));
        }
    }

    /// <summary>Where people may live: every region but the sanctioned ones (mainland China above all).</summary>
    public static IReadOnlyList<string> DefaultResidences { get; } = Regions.AllBut(Regions.Sanctioned);

    /// <summary>Whose citizens may register: every nationality but China's and the sanctioned ones.</summary>
    public static IReadOnlyList<string> DefaultNationalities { get; } = Regions.AllBut(Regions.Sanctioned, [Regions.China]);

    /// <summary>Numbers texted besides those of the residence and the nationality: mainland China's, where the people this flow is for live.</summary>
    public static IReadOnlyList<string> DefaultSmsCountries { get; } = [Regions.China];

    public static Eligibility Default { get; } = new(DefaultResidences, DefaultNationalities, DefaultSmsCountries);

    public IReadOnlySet<string> Residences { get; }

    public IReadOnlySet<string> Nationalities { get; }

    public IReadOnlySet<string> SmsCountries { get; }

    /// <summary>Whether someone who lives in <paramref name="region"/> may register.</summary>
    public Ineligibility? Residence(string region) => Residences.Contains(region) ? null : Ineligibility.RegionNotSupported;

    /// <summary>Whether a citizen of <paramref name="nationality"/> may use this flow; citizens of China are told it is for foreigners.</summary>
    public Ineligibility? Nationality(string nationality) =>
        nationality == Regions.China ? Ineligibility.ChineseCitizen
        : Nationalities.Contains(nationality) ? null
        : Ineligibility.NationalityNotSupported;

    /// <summary>
    /// Whether codes may be texted to a number of <paramref name="phoneCountry"/> for this person: an
    /// open SMS endpoint that texts any country is what SMS pumping feeds on, so only their own
    /// countries' numbers and the configured ones are.
    /// </summary>
    public Ineligibility? PhoneCountry(string phoneCountry, string residence, string? nationality) =>
        phoneCountry == residence || phoneCountry == nationality || SmsCountries.Contains(phoneCountry)
            ? null
            : Ineligibility.PhoneCountryNotSupported;

    /// <summary>The first rule the applicant does not meet, residence first; null when they may start.</summary>
    public Ineligibility? Check(Applicant applicant) =>
        Residence(applicant.Region)
        ?? (applicant.Nationality is { } nationality ? Nationality(nationality) : null)
        ?? PhoneCountry(applicant.Phone.Country, applicant.Region, applicant.Nationality);

}

/// <summary>Why someone may not use this flow.</summary>
public enum Ineligibility
{
    /// <summary>The region they live in is not served.</summary>
    RegionNotSupported,

    /// <summary>A citizen of China: they register in the domestic flow, with their resident identity card.</summary>
    ChineseCitizen,

    /// <summary>Citizens of their nationality are not served.</summary>
    NationalityNotSupported,

    /// <summary>Their mobile number belongs to a country codes are not texted to for them.</summary>
    PhoneCountryNotSupported,
}
