using System.Collections.Immutable;
using System.Globalization;

namespace Onboarding.Domain.Limits;

/// <summary>How many a <see cref="RateLimit"/> counted in each slice of time, oldest first; stored as <c>slice:count,...</c>.</summary>
public sealed record SliceCounts(ImmutableSortedDictionary<long, int> Counts)
{
    public static readonly SliceCounts None = new(ImmutableSortedDictionary<long, int>.Empty);

    public int Total => Counts.Values.Sum();

    /// <summary>The counts of slice <paramref name="oldest"/> and later.</summary>
    public SliceCounts From(long oldest) => new(Counts.RemoveRange(Counts.Keys.Where(slice => slice < oldest)));

    public SliceCounts Add(long slice, int amount) =>
        new(Counts.SetItem(slice, Counts.GetValueOrDefault(slice) + amount));

    /// <summary>Gives back what was taken in <paramref name="slice"/> (nothing when that slice is gone).</summary>
    public SliceCounts Return(long slice, int amount) =>
        Counts.TryGetValue(slice, out int count)
            ? new(count > amount ? Counts.SetItem(slice, count - amount) : Counts.Remove(slice))
            : this;

    public override string ToString() =>
        string.Join(',', Counts.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}:{pair.Value}")));

    /// <summary>Reads what <see cref="ToString"/> wrote; anything unreadable counts as nothing.</summary>
    public static SliceCounts Parse(string? text)
    {
        var counts = ImmutableSortedDictionary.CreateBuilder<long, int>();
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = part.Split(':');
            if (fields.Length == 2
                && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long slice)
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            {
                counts[slice] = counts.GetValueOrDefault(slice) + count;
            }
        }

        return new SliceCounts(counts.ToImmutable());
    }
}
