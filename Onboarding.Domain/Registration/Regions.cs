namespace Onboarding.Domain.Registration;

/// <summary>ISO 3166-1 alpha-2 country codes.</summary>
public static class Regions
{
    /// <summary>Every officially assigned ISO 3166-1 alpha-2 code.</summary>
    public static IReadOnlySet<string> Iso3166Alpha2 { get; } = new HashSet<string>(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW
        BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI
        FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN
        IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF
        PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE
        YT ZA ZM ZW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>
    /// Comprehensively sanctioned jurisdictions: nobody who lives there, and no citizen of them, is
    /// onboarded unless configured (<see cref="Eligibility"/>).
    /// </summary>
    public static IReadOnlySet<string> Sanctioned { get; } = new HashSet<string>(["KP", "IR", "SY", "CU"], StringComparer.Ordinal);

    /// <summary>Mainland China: where the people this flow is for live, and the country whose citizens it is not for.</summary>
    public const string China = "CN";

    /// <summary>The codes, in order, less <paramref name="excluded"/>.</summary>
    public static IReadOnlyList<string> AllBut(params IEnumerable<string>[] excluded)
    {
        var left = new HashSet<string>(Iso3166Alpha2, StringComparer.Ordinal);
        foreach (IEnumerable<string> codes in excluded)
        {
            left.ExceptWith(codes);
        }

        return left.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The code when <paramref name="input"/> is an ISO 3166-1 alpha-2 code as the standard writes it (upper case), else null.</summary>
    public static string? Parse(string? input) => input is not null && Iso3166Alpha2.Contains(input) ? input : null;

    /// <summary>Configuration's reading, in any case: the upper-case code when <paramref name="input"/> is an ISO 3166-1 alpha-2 code, else null.</summary>
    public static string? Normalize(string? input)
    {
        if (input is not { Length: 2 })
        {
            return null;
        }

        string upper = input.ToUpperInvariant();
        return Iso3166Alpha2.Contains(upper) ? upper : null;
    }
}
