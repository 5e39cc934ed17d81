using Onboarding.Domain.Registration;

namespace Onboarding.Domain.Limits;

/// <summary>
/// Where the service sends SMS, and how many a day: decided per destination region — the ISO 3166-1
/// region libphonenumber assigns the number to (<see cref="PhoneNumber.Country"/>), never its calling
/// code, which 25 regions share for +1 alone (Jamaica's +1 876 is not the United States). Only the
/// regions of an allow-list are texted; those known for SMS pumping get a lower daily budget when an
/// operator opens one (docs/decisions/0022).
/// </summary>
public sealed class SmsDestinations
{
    public SmsDestinations(IEnumerable<string> allowed, IEnumerable<string> highRisk, int perRegionPerDay, int perHighRiskRegionPerDay)
    {
        Allowed = new SortedSet<string>(allowed, StringComparer.Ordinal);
        HighRisk = new SortedSet<string>(highRisk, StringComparer.Ordinal);
        PerRegionPerDay = perRegionPerDay;
        PerHighRiskRegionPerDay = perHighRiskRegionPerDay;
    }

    /// <summary>
    /// Texted by default: mainland China (where the people this service is for live), Hong Kong, Macao
    /// and Taiwan, and the countries most foreign residents of China come from whose numbers no
    /// provider lists as pumping targets. Any other region is opened by configuration.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowed { get; } =
    [
        "AT", "AU", "BE", "CA", "CH", "CN", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "HK", "IE", "IS",
        "IT", "JP", "KR", "LU", "MO", "MY", "NL", "NO", "NZ", "PL", "PT", "SE", "SG", "TH", "TW", "US",
    ];

    /// <summary>
    /// Destinations known for SMS pumping (international revenue share fraud), by ISO region: the
    /// regions Microsoft Entra External ID stopped texting by default in January 2025 (its table lists
    /// calling codes; +7 is Russia and Kazakhstan, +262 there means Mayotte, +1 876 Jamaica, +1 784
    /// Saint Vincent, +1 721 Sint Maarten) and Twilio's high-risk list (error 30649).
    /// </summary>
    public static IReadOnlyList<string> DefaultHighRisk { get; } =
    [
        "AE", "AF", "AM", "AO", "AZ", "BA", "BD", "BF", "BG", "BI", "BJ", "BO", "BT", "BY", "BZ", "CD",
        "CF", "CG", "CI", "CM", "CU", "CV", "DJ", "DZ", "EC", "EG", "ER", "ET", "FJ", "FM", "GA", "GE",
        "GH", "GM", "GN", "GP", "GT", "GW", "GY", "HR", "HT", "ID", "IL", "IQ", "IR", "JM", "JO", "KE",
        "KG", "KH", "KI", "KM", "KW", "KZ", "LB", "LK", "LR", "LS", "LY", "MA", "MD", "MG", "ML", "MM",
        "MN", "MR", "MU", "MW", "MZ", "NC", "NE", "NG", "NI", "NP", "OM", "PF", "PG", "PH", "PK", "PM",
        "PS", "QA", "RU", "RW", "SA", "SD", "SH", "SI", "SL", "SM", "SN", "SO", "SS", "SV", "SX", "SY",
        "TG", "TJ", "TL", "TM", "TN", "TO", "TZ", "UA", "UG", "UZ", "VC", "VN", "VU", "WS", "YE", "YT",
        "ZM", "ZW",
    ];

    public IReadOnlySet<string> Allowed { get; }

    public IReadOnlySet<string> HighRisk { get; }

    public int PerRegionPerDay { get; }

    public int PerHighRiskRegionPerDay { get; }

    /// <summary>Whether numbers of <paramref name="region"/> are texted at all (a number libphonenumber places in no region never is).</summary>
    public bool Sends(string region) => Allowed.Contains(region);

    /// <summary>How many SMS may go to numbers of <paramref name="region"/> in any day: 0 where none are sent.</summary>
    public int DailyBudget(string region) =>
        !Sends(region) ? 0 : HighRisk.Contains(region) ? Math.Min(PerRegionPerDay, PerHighRiskRegionPerDay) : PerRegionPerDay;

    /// <summary>The budget of one region as a limit (the counter is keyed by the region).</summary>
    public RateLimit DailyLimit(string region) => new(LimitNames.SmsPerCountry, DailyBudget(region), TimeSpan.FromDays(1));
}
