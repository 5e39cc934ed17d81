using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

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

    /// <summary>How many deposits a cycle may send (the setting <c>Journey:DepositCount</c> is one of 1 to this).</summary>
    public const int MaxCount = 5;

    /// <summary>An amount as text: "0.37", "0.4", ".37" — 0.01 to 0.99 with one or two decimals, as on a statement.</summary>
    static readonly Regex AmountText = new(@"^0?\.(0[1-9]|[1-9][0-9]?)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads what a user entered: 1 to <see cref="MaxCount"/> amounts, each a string ("0.37") or a
    /// JSON number (0.37, 0.370, 3.7e-1: its value counts) from 0.01 to 0.99 CNY in whole fen.
    /// How many the journey expects is <see cref="Matches"/>'s question.
    /// </summary>
    public static bool TryParse(IReadOnlyList<JsonElement> values, out DepositAmounts? amounts, out string? error)
    {
        amounts = null;
        if (values.Count is 0 or > MaxCount)
        {
            error = $"Enter 1 to {MaxCount} amounts (as many as the deposits you received).";
            return false;
        }

        var fen = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            if (!TryParseFen(values[i], out fen[i]))
            {
                error = "Each amount must be between 0.01 and 0.99 CNY in whole fen: a string such as \"0.37\" (one or two decimals) or a number such as 0.37.";
                return false;
            }
        }

        amounts = FromFen(fen);
        error = null;
        return true;
    }

    /// <summary>Whether these are as many amounts as the cycle sent; the message to show when not.</summary>
    public string? CountError(int expectedCount) =>
        Fen.Count == expectedCount ? null : expectedCount == 1 ? "Enter exactly 1 amount." : $"Enter exactly {expectedCount} amounts.";

    static bool TryParseFen(JsonElement value, out int fen)
    {
        fen = 0;
        decimal cny;
        switch (value.ValueKind)
        {
            case JsonValueKind.String when TextOf(value) is { } text && AmountText.IsMatch(text):
                cny = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                break;
            case JsonValueKind.Number when decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number):
                cny = number;
                break;
            default:
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

    /// <summary>The string, or null when it holds a lone surrogate (which no .NET string of it can be read as).</summary>
    static string? TextOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
