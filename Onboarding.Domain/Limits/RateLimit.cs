namespace Onboarding.Domain.Limits;

/// <summary>
/// "At most <see cref="Max"/> in any <see cref="Window"/>", counted in <see cref="Slices"/> slices of
/// the window so that what is stored stays small whatever the maximum. A slice that overlaps the
/// window counts whole, so the count errs high: no window of that length ever holds more than the
/// maximum, and a refusal can come at most one slice early.
/// </summary>
public sealed record RateLimit(string Name, int Max, TimeSpan Window)
{
    public const int Slices = 60;

    long SliceTicks => Math.Max(1, Window.Ticks / Slices);

    /// <summary>Takes <paramref name="amount"/> from the counts at <paramref name="now"/>, or says when it could be taken.</summary>
    public RateDecision Take(SliceCounts counts, DateTimeOffset now, int amount = 1)
    {
        long current = now.UtcTicks / SliceTicks;
        long oldest = current - Slices; // the slice the window's start falls in
        SliceCounts live = counts.From(oldest);
        if (live.Total + amount <= Max)
        {
            return new RateDecision.Taken(live.Add(current, amount), current);
        }

        // Slices leave the window oldest first: the slice s stops counting once `current` passes s + Slices.
        int left = live.Total + amount - Max;
        foreach ((long slice, int count) in live.Counts)
        {
            left -= count;
            if (left <= 0)
            {
                return new RateDecision.Refused(new DateTimeOffset((slice + Slices + 1) * SliceTicks, TimeSpan.Zero) - now);
            }
        }

        return new RateDecision.Refused(Window); // more than the maximum at once: never, so say the window
    }
}

/// <summary>What <see cref="RateLimit.Take"/> decided.</summary>
public abstract record RateDecision
{
    /// <summary>Taken: <paramref name="Next"/> are the counts to store, <paramref name="Slice"/> where the amount went (to give it back).</summary>
    public sealed record Taken(SliceCounts Next, long Slice) : RateDecision;

    /// <summary>Refused: the amount fits again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Refused(TimeSpan RetryAfter) : RateDecision;
}
