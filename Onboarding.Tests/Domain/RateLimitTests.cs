using Onboarding.Domain.Limits;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Domain;

[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class RateLimitTests
{
    static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    static readonly RateLimit TenAnHour = new("starts-per-client", 10, TimeSpan.FromHours(1));

    static (SliceCounts Counts, int Taken) TakeMany(RateLimit limit, SliceCounts counts, DateTimeOffset at, int times)
    {
        int taken = 0;
        for (int i = 0; i < times; i++)
        {
            if (limit.Take(counts, at) is RateDecision.Taken yes)
            {
                counts = yes.Next;
                taken++;
            }
        }

        return (counts, taken);
    }

    [Fact]
    public void Take_MoreThanTheMaximumAtOnce_TakesExactlyTheMaximum()
    {
        (SliceCounts counts, int taken) = TakeMany(TenAnHour, SliceCounts.None, Start, 1000);

        Assert.Equal(10, taken);
        Assert.Equal(10, counts.Total);
    }

    [Fact]
    public void Take_WhenFull_RefusesUntilTheOldestSliceLeavesTheWindow()
    {
        (SliceCounts counts, _) = TakeMany(TenAnHour, SliceCounts.None, Start, 10);

        RateDecision refused = TenAnHour.Take(counts, Start.AddMinutes(30));

        TimeSpan retryAfter = Assert.IsType<RateDecision.Refused>(refused).RetryAfter;
        // Taken at 10:00 in the slice 10:00–10:01, which counts until 11:01: at most one slice late.
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(31));
        Assert.IsType<RateDecision.Refused>(TenAnHour.Take(counts, Start.AddMinutes(30) + retryAfter - TimeSpan.FromSeconds(1)));
        Assert.IsType<RateDecision.Taken>(TenAnHour.Take(counts, Start.AddMinutes(30) + retryAfter));
    }

    [Fact]
    public void Take_AcrossAnyWindow_NeverMoreThanTheMaximum()
    {
        // One attempt every 20 seconds for five hours: in no hour more than ten are taken.
        var takenAt = new List<DateTimeOffset>();
        SliceCounts counts = SliceCounts.None;
        for (DateTimeOffset at = Start; at < Start.AddHours(5); at += TimeSpan.FromSeconds(20))
        {
            if (TenAnHour.Take(counts, at) is RateDecision.Taken taken)
            {
                counts = taken.Next;
                takenAt.Add(at);
            }
        }

        Assert.All(takenAt, first => Assert.True(takenAt.Count(at => at >= first && at < first.AddHours(1)) <= 10));
        Assert.True(takenAt.Count >= 45, $"only {takenAt.Count} taken in five hours"); // and the limit does let ~10 an hour through
    }

    [Fact]
    public void Take_AnAmountLargerThanTheMaximum_IsRefusedForAWindow()
    {
        RateDecision decision = TenAnHour.Take(SliceCounts.None, Start, amount: 11);

        Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<RateDecision.Refused>(decision).RetryAfter);
    }

    [Fact]
    public void Return_WhatWasTaken_MakesRoomAgain()
    {
        (SliceCounts counts, _) = TakeMany(TenAnHour, SliceCounts.None, Start, 9);
        var last = Assert.IsType<RateDecision.Taken>(TenAnHour.Take(counts, Start));

        SliceCounts returned = last.Next.Return(last.Slice, 1);

        Assert.Equal(9, returned.Total);
        Assert.IsType<RateDecision.Taken>(TenAnHour.Take(returned, Start));
    }

    [Fact]
    public void Parse_WhatToStringWrote_IsTheSameCounts()
    {
        (SliceCounts counts, _) = TakeMany(TenAnHour, SliceCounts.None, Start, 3);
        counts = ((RateDecision.Taken)TenAnHour.Take(counts, Start.AddMinutes(7))).Next;

        SliceCounts parsed = SliceCounts.Parse(counts.ToString());

        Assert.Equal(counts.Counts, parsed.Counts);
        Assert.Equal(SliceCounts.None.Counts, SliceCounts.Parse("garbage,1:x,:").Counts);
    }

    [Fact]
    public void DistinctTake_SameMemberAgain_CountsOnce()
    {
        var limit = new DistinctLimit("journeys-per-passport", 3, TimeSpan.FromDays(365));
        Members members = Members.None;
        foreach (string journey in new[] { "a", "b", "a", "c", "b" })
        {
            members = Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start, journey)).Next;
        }

        Assert.Equal(3, members.Seen.Count);
        Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start, "c"));
        Assert.Equal(TimeSpan.FromDays(365), Assert.IsType<DistinctDecision.Refused>(limit.Take(members, Start.AddHours(1), "d")).RetryAfter); // the window: it dates nobody's earlier use
    }

    [Fact]
    public void DistinctTake_AGroupAtItsShare_RefusedAsTheGroupsLimitWhileOthersStillTake()
    {
        var limit = new DistinctLimit("journeys-per-passport", 3, TimeSpan.FromDays(365)) { GroupName = "journeys-per-passport-and-phone", GroupMax = 2 };
        Members members = Members.None;
        foreach ((string journey, string phone) in new[] { ("a", "attacker"), ("b", "attacker") })
        {
            members = Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start, journey, phone)).Next;
        }

        DistinctDecision.Refused third = Assert.IsType<DistinctDecision.Refused>(limit.Take(members, Start, "c", "attacker"));
        members = Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start, "d", "owner")).Next;
        DistinctDecision.Refused overall = Assert.IsType<DistinctDecision.Refused>(limit.Take(members, Start.AddDays(200), "e", "owner"));

        Assert.Equal(("journeys-per-passport-and-phone", TimeSpan.FromDays(365)), (third.Limit, third.RetryAfter));
        Assert.Equal(("journeys-per-passport", TimeSpan.FromDays(365)), (overall.Limit, overall.RetryAfter)); // the window: no earlier use dated
        Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start, "a", "attacker")); // a retried request counts once
    }

    [Fact]
    public void DistinctTake_AfterTheWindow_MakesRoomAndForgetsTheOldMember()
    {
        var limit = new DistinctLimit("deposit-cycles-per-bank-account", 1, TimeSpan.FromDays(90));
        Members members = ((DistinctDecision.Taken)limit.Take(Members.None, Start, "journey-1")).Next;

        var later = Assert.IsType<DistinctDecision.Taken>(limit.Take(members, Start.AddDays(90).AddSeconds(1), "journey-2"));

        Assert.Equal(["journey-2"], later.Next.Seen.Keys);
        Assert.Equal(later.Next.Seen, Members.Parse(later.Next.ToString()).Seen);
    }
}
