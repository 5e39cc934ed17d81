using System.Security.Cryptography;
using Azure.Data.Tables;
using Onboarding.Application.Limits;
using Onboarding.Application.Storage;
using Onboarding.Domain.Limits;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Limits;

/// <summary>The counters on Azurite: racing takes from many tasks (as from many instances) never pass the limit.</summary>
public sealed class LimitCounterTests
{
    readonly string prefix = "lim" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    readonly LimitCounters counters;

    public LimitCounterTests() => counters = NewInstance();

    /// <summary>Another app instance: its own clients, the same tables.</summary>
    LimitCounters NewInstance(TimeProvider? time = null) => new(new OnboardingTables(new TableServiceClient(TestStorage.ConnectionString), prefix), time ?? TimeProvider.System);

    [Fact]
    public async Task TakeAsync_FiftyAtOnceFromSeparateCounters_TakesExactlyTheMaximum()
    {
        var limit = new RateLimit("test-rate", 7, TimeSpan.FromHours(1));
        LimitCounters[] instances = Enumerable.Range(0, 5).Select(_ => NewInstance()).ToArray();

        LimitTake[] takes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => instances[i % 5].TakeAsync(limit, "one-key", 1, CancellationToken.None)));

        Assert.Equal(7, takes.Count(take => take is LimitTake.Taken));
        Assert.All(takes.OfType<LimitTake.Refused>(), refused => Assert.InRange(refused.RetryAfter, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61)));
        Assert.IsType<LimitTake.Refused>(await counters.TakeAsync(limit, "one-key", 1, CancellationToken.None));
        Assert.IsType<LimitTake.Taken>(await counters.TakeAsync(limit, "another-key", 1, CancellationToken.None));
    }

    [Fact]
    public async Task ReturnAsync_ATake_LetsAnotherOneIn()
    {
        var limit = new RateLimit("test-return", 2, TimeSpan.FromMinutes(1));
        await counters.TakeAsync(limit, "k", 1, CancellationToken.None);
        var second = Assert.IsType<LimitTake.Taken>(await counters.TakeAsync(limit, "k", 1, CancellationToken.None));
        Assert.IsType<LimitTake.Refused>(await counters.TakeAsync(limit, "k", 1, CancellationToken.None));

        await counters.ReturnAsync(second, CancellationToken.None);

        Assert.IsType<LimitTake.Taken>(await counters.TakeAsync(limit, "k", 1, CancellationToken.None));
    }

    [Fact]
    public async Task TakeAsync_DistinctMembersRacing_CountsEachOnceAndNoMoreThanTheMaximum()
    {
        var limit = new DistinctLimit("test-distinct", 3, TimeSpan.FromDays(90));
        string[] members = ["j1", "j2", "j3", "j4", "j5", "j6"];

        LimitTake[] takes = await Task.WhenAll(members.Concat(members).Select(member => counters.TakeAsync(limit, "account", member, CancellationToken.None)));

        Assert.Equal(3, takes.Select((take, i) => (take, member: members[i % members.Length])).Where(pair => pair.take is LimitTake.Taken).Select(pair => pair.member).Distinct().Count());
        string admitted = members.Where((member, i) => takes[i] is LimitTake.Taken).First();
        Assert.IsType<LimitTake.Taken>(await counters.TakeAsync(limit, "account", admitted, CancellationToken.None)); // a retry of one counted is still in
    }

    [Fact]
    public async Task DeleteIdleAsync_CountersUnchangedForLongerThanTheIdleTime_AreDeletedOthersKept()
    {
        var limit = new RateLimit("test-idle", 5, TimeSpan.FromMinutes(1));
        await counters.TakeAsync(limit, "client", 1, CancellationToken.None);
        await counters.ForgetJourneyAsync("no-such-journey", CancellationToken.None); // nothing of a journey: nothing deleted

        int keptNow = await counters.DeleteIdleAsync(TimeSpan.FromHours(1), CancellationToken.None);
        int deletedLater = await NewInstance(new Later(TimeSpan.FromHours(2))).DeleteIdleAsync(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(0, keptNow);
        Assert.Equal(1, deletedLater);
    }

    /// <summary>The clock some time from now.</summary>
    sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
