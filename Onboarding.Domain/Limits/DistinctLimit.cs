using System.Collections.Immutable;
using System.Globalization;

namespace Onboarding.Domain.Limits;

/// <summary>
/// "At most <see cref="Max"/> different members in any <see cref="Window"/>" — journeys per passport,
/// deposit cycles per bank account. A member counts once however often it is taken again (a retried
/// request), from the first time it was taken until the window has passed. With a group (a person),
/// a member counts in its group too, and a group takes at most <see cref="GroupMax"/> of the
/// <see cref="Max"/> (refused as <see cref="GroupName"/>): what one person may use, which nobody else can.
/// </summary>
public sealed record DistinctLimit(string Name, int Max, TimeSpan Window)
{
    /// <summary>The limit a group's members meet (e.g. per passport and phone); null: members have no group.</summary>
    public string? GroupName { get; init; }

    public int GroupMax { get; init; } = int.MaxValue;

    /// <summary>How a member of <paramref name="group"/> is stored: the group's members are found by it.</summary>
    public static string Counted(string member, string? group) => group is null ? member : $"{group}:{member}";

    public DistinctDecision Take(Members members, DateTimeOffset now, string member, string? group = null)
    {
        Members live = members.Since(now - Window);
        string counted = Counted(member, group);
        if (live.Seen.ContainsKey(counted))
        {
            return new DistinctDecision.Taken(live, Changed: live.Seen.Count != members.Seen.Count);
        }

        if (group is not null && GroupName is not null && live.Seen.Keys.Count(key => key.StartsWith(group + ":", StringComparison.Ordinal)) >= GroupMax)
        {
            return new DistinctDecision.Refused(Window, GroupName);
        }

        if (live.Seen.Count < Max)
        {
            return new DistinctDecision.Taken(live.With(counted, now), Changed: true);
        }

        // When it allows one again is when the oldest member leaves the window: that would date a
        // person's earlier use to the second, so a refusal says only "within the window".
        return new DistinctDecision.Refused(Window, Name);
    }
}

/// <summary>What <see cref="DistinctLimit.Take"/> decided.</summary>
public abstract record DistinctDecision
{
    /// <summary>Taken (or already counted): <paramref name="Next"/> is what to store, if <paramref name="Changed"/>.</summary>
    public sealed record Taken(Members Next, bool Changed) : DistinctDecision;

    /// <summary>Refused: tried again after <paramref name="RetryAfter"/> (the window), it is allowed.</summary>
    public sealed record Refused(TimeSpan RetryAfter, string Limit) : DistinctDecision;
}

/// <summary>The members a <see cref="DistinctLimit"/> counted, each with when it was first taken; stored as <c>member@ticks,...</c>.</summary>
public sealed record Members(ImmutableDictionary<string, DateTimeOffset> Seen)
{
    public static readonly Members None = new(ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The members first taken after <paramref name="start"/>.</summary>
    public Members Since(DateTimeOffset start) => new(Seen.RemoveRange(Seen.Where(pair => pair.Value <= start).Select(pair => pair.Key)));

    public Members With(string member, DateTimeOffset at) => new(Seen.SetItem(member, at));

    /// <summary>The members but <paramref name="member"/> (given back by a request that was then refused); null when it is not one.</summary>
    public Members? Without(string member) => Seen.ContainsKey(member) ? new(Seen.Remove(member)) : null;

    public override string ToString() =>
        string.Join(',', Seen.OrderBy(pair => pair.Value).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}@{pair.Value.UtcTicks}")));

    /// <summary>Reads what <see cref="ToString"/> wrote (members never hold ',' or '@'); anything unreadable counts as nothing.</summary>
    public static Members Parse(string? text)
    {
        var seen = ImmutableDictionary.CreateBuilder<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int at = part.LastIndexOf('@');
            if (at > 0 && long.TryParse(part[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                seen[part[..at]] = new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        return new Members(seen.ToImmutable());
    }
}
