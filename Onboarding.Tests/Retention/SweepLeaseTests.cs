using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Application.Retention;
using Onboarding.Application.Storage;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Retention;

/// <summary>The sweep's lease row on Azurite: one sweep at a time across instances, and a dead holder's lease lapses.</summary>
public sealed class SweepLeaseTests
{
    readonly OnboardingTables tables = new(new TableServiceClient(TestStorage.ConnectionString), "l" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
    readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task TryAcquire_EightInstancesAtOnce_ExactlyOneHoldsIt()
    {
        SweepLease.Held?[] held = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None)));

        Assert.Single(held, lease => lease is not null);
    }

    [Fact]
    public async Task Release_Completed_NextSweepMayRunAndKnowsWhenThisOneBegan()
    {
        SweepLease.Held first = (await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None))!;
        Assert.Null(first.PreviousSweepStartedAt);
        Assert.Null(await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(5));
        await first.ReleaseAsync(completed: true, CancellationToken.None);
        SweepLease.Held? next = await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None);

        Assert.NotNull(next);
        Assert.Equal(first.StartedAt, next.PreviousSweepStartedAt);
    }

    [Fact]
    public async Task Holder_StopsRenewing_LeaseLapsesToAnotherAndTheOldHolderStops()
    {
        SweepLease.Held stale = (await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None))!;

        time.Advance(SweepLease.Duration + TimeSpan.FromSeconds(1));
        SweepLease.Held? taken = await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None);

        Assert.NotNull(taken);
        await Assert.ThrowsAsync<SweepLeaseLostException>(() => stale.RenewIfDueAsync(CancellationToken.None));
        time.Advance(SweepLease.Duration / 2);
        await taken.RenewIfDueAsync(CancellationToken.None);
        Assert.Null(await new SweepLease(tables, time).TryAcquireAsync(CancellationToken.None));
    }
}
