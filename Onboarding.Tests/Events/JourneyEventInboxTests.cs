using Azure.Messaging;
using Microsoft.Extensions.Time.Testing;
using Onboarding.EventConsumer;

namespace Onboarding.Tests.Events;

/// <summary>The sample consumer's rules without a network: repeats taken once, early events held back until the gap closes, a gap noticed after the wait.</summary>
public sealed class JourneyEventInboxTests
{
    const string JourneyId = "0f3c9a6d2b7e4f18a5c1d2e3f4a5b6c7";
    readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));

    static CloudEvent Event(int sequence, string type = "onboarding.journey.started")
    {
        var cloudEvent = new CloudEvent($"/onboarding/journeys/{JourneyId}", type, BinaryData.FromString("{}"), "application/json", CloudEventDataFormat.Json)
        {
            Id = $"{JourneyId}-v{sequence}",
            Subject = JourneyId,
        };
        cloudEvent.ExtensionAttributes["sequence"] = sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        return cloudEvent;
    }

    [Fact]
    public void Take_OutOfOrderAndRepeated_AppliesEachOnceInSequence()
    {
        var inbox = new JourneyEventInbox(time);

        Taken[] taken = [inbox.Take(Event(1)), inbox.Take(Event(3)), inbox.Take(Event(1)), inbox.Take(Event(3)), inbox.Take(Event(2)), inbox.Take(Event(2))];

        Assert.Equal([Taken.Applied, Taken.HeldBack, Taken.Repeat, Taken.Repeat, Taken.Applied, Taken.Repeat], taken);
        Assert.Equal([1, 2, 3], inbox.Find(JourneyId)!.Applied.Select(e => e.Sequence));
    }

    [Fact]
    public void GapsOlderThan_MissingSequence_ShownOnlyAfterTheWaitFromTheFirstMissing()
    {
        var inbox = new JourneyEventInbox(time);
        inbox.Take(Event(1));
        inbox.Take(Event(4));

        Assert.Empty(inbox.GapsOlderThan(TimeSpan.FromMinutes(2)));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([(JourneyId, 2)], inbox.GapsOlderThan(TimeSpan.FromMinutes(2)));

        inbox.Take(Event(2));
        inbox.Take(Event(3));
        Assert.Empty(inbox.GapsOlderThan(TimeSpan.Zero));
        Assert.Equal(4, inbox.Find(JourneyId)!.LastApplied);
    }

    [Fact]
    public void Take_Erased_ForgetsWhatItHeldAndTakesNothingMore()
    {
        var inbox = new JourneyEventInbox(time);
        inbox.Take(Event(1));
        inbox.Take(Event(2, "onboarding.journey.erased"));

        Assert.Equal(Taken.Repeat, inbox.Take(Event(3, "onboarding.journey.phoneConfirmed")));
        JourneyView view = inbox.Find(JourneyId)!;
        Assert.True(view.Erased);
        Assert.Equal(["onboarding.journey.erased"], view.Applied.Select(e => e.Type));
    }
}
