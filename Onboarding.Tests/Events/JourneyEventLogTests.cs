using System.Security.Cryptography;
using Azure.Data.Tables;
using Onboarding.Application.Events;
using Onboarding.Application.Storage;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>The journey's event log on Azurite: gap-free sequences, one event per key however often and however concurrently it is appended, the erase.</summary>
public sealed class JourneyEventLogTests
{
    readonly string prefix = "evl" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    readonly string journeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Another app instance: its own clients, the same tables.</summary>
    JourneyEventLog NewInstance() => new(new OnboardingTables(new TableServiceClient(TestStorage.ConnectionString), prefix), TimeProvider.System);

    JourneyEventDraft Draft(int version, string type = JourneyEventTypes.Started) =>
        new(journeyId, $"v{version}", type, new DateTimeOffset(2026, 12, 6, 10, 0, version, TimeSpan.Zero), $"{{\"version\":{version}}}", null);

    [Fact]
    public async Task AppendAsync_ManyStepsAtOnceFromSeparateInstances_NumbersThemOneToNWithoutGapOrDuplicate()
    {
        JourneyEventLog[] instances = Enumerable.Range(0, 4).Select(_ => NewInstance()).ToArray();

        // 12 different events, each appended twice (a repeated step), all at once.
        JourneyEventLog.Appended?[] appended = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => instances[i % 4].AppendAsync(Draft(1 + (i % 12)), CancellationToken.None)));

        IReadOnlyList<JourneyEvent> stored = await instances[0].ReadAsync(journeyId, 1, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 12), stored.Select(e => e.Sequence));
        Assert.Equal(12, stored.Select(e => e.Id).Distinct().Count());
        foreach (JourneyEventLog.Appended? result in appended)
        {
            // Both runs of a step got the one event, with the same sequence and content.
            JourneyEvent mine = Assert.IsType<JourneyEventLog.Appended>(result).Event;
            Assert.Equal(stored.Single(e => e.Id == mine.Id), mine);
        }

        Assert.Equal(12, (await instances[1].HeadAsync(journeyId, CancellationToken.None))!.Last);
    }

    [Fact]
    public async Task AppendAsync_TheSameStepAgainLater_ReturnsTheFirstEventUnchanged()
    {
        JourneyEventLog log = NewInstance();
        JourneyEvent first = (await log.AppendAsync(Draft(3), CancellationToken.None))!.Event;
        await log.AppendAsync(Draft(4, JourneyEventTypes.PhoneConfirmed), CancellationToken.None);

        // The step runs again, with a draft made again (here: other content, as a later build might make it).
        JourneyEvent again = (await log.AppendAsync(Draft(3) with { Data = "{\"changed\":true}" }, CancellationToken.None))!.Event;

        Assert.Equal(first, again);
        Assert.Equal(1, again.Sequence);
    }

    [Fact]
    public async Task CloseAsync_ErasedJourney_AppendsErasedLastRemovesTheRestAndTakesNothingMore()
    {
        JourneyEventLog log = NewInstance();
        await log.AppendAsync(Draft(1), CancellationToken.None);
        await log.AppendAsync(Draft(2, JourneyEventTypes.PhoneConfirmed), CancellationToken.None);

        JourneyEvent erased = (await log.CloseAsync(journeyId, DateTimeOffset.UtcNow, CancellationToken.None))!.Event;
        JourneyEventLog.Appended? straggler = await log.AppendAsync(Draft(3, JourneyEventTypes.EmailConfirmed), CancellationToken.None);
        JourneyEvent erasedAgain = (await log.CloseAsync(journeyId, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None))!.Event;

        Assert.Equal(JourneyEventTypes.Erased, erased.Type);
        Assert.Equal(3, erased.Sequence);
        Assert.Null(straggler);
        Assert.Equal(erased, erasedAgain);
        Assert.Equal([erased], await log.ReadAsync(journeyId, 1, CancellationToken.None));

        await log.MarkDeliveredAsync(journeyId, 3, null, CancellationToken.None);
        await log.ForgetErasedAsync(journeyId, CancellationToken.None);
        Assert.Empty(await log.ReadAsync(journeyId, 1, CancellationToken.None));
        Assert.Null(await log.CloseAsync(journeyId, DateTimeOffset.UtcNow, CancellationToken.None)); // published and gone: nothing to append again
        Assert.NotNull((await log.HeadAsync(journeyId, CancellationToken.None))!.ErasedAt); // the tombstone
    }

    [Fact]
    public async Task MarkDeliveredAsync_AnOlderMarkAfterANewerOne_NeverMovesBack()
    {
        JourneyEventLog log = NewInstance();
        for (int version = 1; version <= 3; version++)
        {
            await log.AppendAsync(Draft(version), CancellationToken.None);
        }

        await log.MarkDeliveredAsync(journeyId, 3, null, CancellationToken.None);
        JourneyEventHead? head = await log.MarkDeliveredAsync(journeyId, 1, null, CancellationToken.None);

        Assert.Equal(3, head!.Delivered);
        Assert.Equal(3, (await log.HeadAsync(journeyId, CancellationToken.None))!.Delivered);
    }

    [Fact]
    public async Task ClearPendingAsync_MarkedAgainAfterItWasRead_StaysOnTheList()
    {
        JourneyEventLog log = NewInstance();
        await log.MarkPendingAsync(journeyId, CancellationToken.None);
        PendingJourneyEvents seen = Assert.Single(await log.PendingAsync(CancellationToken.None));

        await log.MarkPendingAsync(journeyId, CancellationToken.None); // a step failed to publish again meanwhile
        await log.ClearPendingAsync(seen, CancellationToken.None);

        Assert.Single(await log.PendingAsync(CancellationToken.None));
    }
}
