using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Onboarding.Application.Configuration;
using Onboarding.Application.Events;
using Onboarding.Application.Storage;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>
/// The relay's pass over journeys whose events a step could not publish, on Azurite, with the topic's
/// client substituted: an unavailable topic stops the pass; a topic that refuses one journey's
/// events does not hold up the others.
/// </summary>
public sealed class EventRelayTests
{
    const string First = "00000000000000000000000000000001", Second = "ffffffffffffffffffffffffffffffff";
    readonly JourneyEventLog log = new(new OnboardingTables(new TableServiceClient(TestStorage.ConnectionString), "rel" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))), TimeProvider.System);
    readonly EventGridPublisherClient topic = Substitute.For<EventGridPublisherClient>();

    JourneyEventDelivery Relay() => new(
        log,
        new JourneyEventPublisher(topic, Options.Create(new EventsOptions { TopicEndpoint = "http://127.0.0.1/api/events", AccessKey = "k" }), TimeProvider.System, NullLogger<JourneyEventPublisher>.Instance),
        NullLogger<JourneyEventDelivery>.Instance);

    async Task PendingJourneyAsync(string journeyId)
    {
        await log.AppendAsync(new JourneyEventDraft(journeyId, "v1", JourneyEventTypes.Started, DateTimeOffset.UnixEpoch, "{}", null), CancellationToken.None);
        await log.MarkPendingAsync(journeyId, CancellationToken.None);
    }

    void TopicAnswersFor(string journeyId, Exception failure) =>
        topic.SendEventsAsync(Arg.Is<IEnumerable<CloudEvent>>(events => events.All(e => e.Subject == journeyId)), Arg.Any<CancellationToken>()).ThrowsAsync(failure);

    [Fact]
    public async Task RelayAsync_TopicRefusesOneJourneysEvents_TheOthersArePublished()
    {
        await PendingJourneyAsync(First);
        await PendingJourneyAsync(Second);
        TopicAnswersFor(First, new RequestFailedException(400, "refused"));

        int caughtUp = await Relay().RelayAsync(CancellationToken.None);

        Assert.Equal(1, caughtUp);
        Assert.Equal(1, (await log.HeadAsync(Second, CancellationToken.None))!.Delivered);
        Assert.Equal(0, (await log.HeadAsync(First, CancellationToken.None))!.Delivered);
        Assert.Equal([First], (await log.PendingAsync(CancellationToken.None)).Select(p => p.RowKey)); // tried again on the next pass
    }

    [Fact]
    public async Task RelayAsync_TopicUnavailable_StopsThePassAndKeepsEveryJourneyListed()
    {
        await PendingJourneyAsync(First);
        await PendingJourneyAsync(Second);
        TopicAnswersFor(First, new RequestFailedException(503, "down"));

        int caughtUp = await Relay().RelayAsync(CancellationToken.None);

        Assert.Equal(0, caughtUp);
        await topic.DidNotReceive().SendEventsAsync(Arg.Is<IEnumerable<CloudEvent>>(events => events.All(e => e.Subject == Second)), Arg.Any<CancellationToken>());
        Assert.Equal(2, (await log.PendingAsync(CancellationToken.None)).Count);
    }
}
