using System.Globalization;
using System.Text.Json;

namespace Onboarding.Domain.Verification;

/// <summary>
/// A set of micro-deposit amounts in CNY fen (0.01 to 0.99 CNY each). Order does not matter:
/// the canonical form sorts them, so "0.52, 0.37" and "0.37, 0.52" are the same entry.
/// </summary>
public sealed record DepositAmounts
{
    public const int MinFen = 1;
    public const int MaxFen = 99;

    DepositAmounts(int[] fen) => Fen = fen;

    public IReadOnlyList<int> Fen { get; }

    /// <summary>"0.37,0.52": sorted, two decimals; what the HMAC is taken over.</summary>
    public string Canonical => string.Join(',', Fen.Select(Format));

    public static string Format(int fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static DepositAmounts FromFen(IEnumerable<int> fen)
    {
        int[] sorted = fen.Order().ToArray();
        if (sorted.Length == 0 || sorted.Any(value => value is < MinFen or > MaxFen))
        {
            throw new ArgumentOutOfRangeException(nameof(fen), "Each deposit is 1 to 99 fen.");
        }

        return new DepositAmounts(sorted);
    }

    /// <summary>
    /// Reads what a user typed: each element a string or number with at most two decimals
    /// ("0.37", 0.37, "0.4"). Amounts outside 0.01–0.99 can never match, so they are refused.
    /// </summary>
    public static bool TryParse(IReadOnlyList<JsonElement> values, int expectedCount, out DepositAmounts? amounts, out string? error)
    {
        amounts = null;
        if (values.Count != expectedCount)
        {
            error = expectedCount == 1 ? "Enter exactly 1 amount." : $"Enter exactly {expectedCount} amounts.";
            return false;
        }

        var fen = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            string? text = values[i].ValueKind switch
            {
                JsonValueKind.String => values[i].GetString(),
                JsonValueKind.Number => values[i].GetRawText(),
                _ => null,
            };
            if (!TryParseFen(text, out fen[i]))
            {
                error = "Each amount must be between 0.01 and 0.99 CNY with at most two decimals, for example \"0.37\".";
                return false;
            }
        }

        amounts = FromFen(fen);
        error = null;
        return true;
    }

    static bool TryParseFen(string? text, out int fen)
    {
        fen = 0;
        text = text?.Trim();
        int point = text?.IndexOf('.') ?? -1;
        if (text is null || text.Length > 8 || (point >= 0 && text.Length - point - 1 > 2) // at most two decimals, as on a statement
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal cny))
        {
            return false;
        }

        decimal scaled = cny * 100m;
        if (scaled != decimal.Truncate(scaled) || scaled < MinFen || scaled > MaxFen)
        {
            return false;
        }

        fen = (int)scaled;
        return true;
    }
}
