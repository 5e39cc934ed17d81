using System.Globalization;
using System.Text.RegularExpressions;

namespace Onboarding.Domain.Validation;

/// <summary>
/// A time as filters take it: ISO 8601 in its RFC 3339 form, nothing looser —
/// <c>2026-11-25T10:00:00Z</c>, with optional fractions of a second and a <c>Z</c> or <c>±hh:mm</c>
/// offset — in the years 2001 to 2199 as written (the range table storage and the journeys' clocks share).
/// </summary>
public static class IsoTime
{
    public const int FirstYear = 2001;
    public const int LastYear = 2199;

    static readonly Regex Form = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$",
        RegexOptions.CultureInvariant);

    /// <summary>The time, or null with the failed rule in <paramref name="error"/>.</summary>
    public static DateTimeOffset? TryParse(string text, out string? error)
    {
        error = null;
        if (!Form.IsMatch(text)
            || !DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset value))
        {
            error = "Must be an ISO 8601 time such as 2026-11-25T10:00:00Z (date, 'T', time with seconds, then 'Z' or an offset like +08:00).";
            return null;
        }

        if (value.Year is < FirstYear or > LastYear)
        {
            error = $"Must be a time in the years {FirstYear} to {LastYear}.";
            return null;
        }

        return value.ToUniversalTime();
    }
}
