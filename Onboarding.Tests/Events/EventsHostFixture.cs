using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Events;

/// <summary>
/// A local host on the Azure Storage provider for the event tests: one wrong entry ends a cycle and
/// two cycles lock a journey, a profile window of 30 s lets a journey expire, and faults can be injected.
/// </summary>
public sealed class EventsHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan ProfileWindow = TimeSpan.FromSeconds(30);

    public LocalHostInstance Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
    {
        ["Journey:MaxDepositAttempts"] = "1",
        ["Journey:MaxVerificationCycles"] = "2",
        ["Journey:ProfileWindow"] = ProfileWindow.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["DevFaults:Enabled"] = "true",
        ["Events:PauseAfterFailure"] = "00:00:02",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EventsHostCollection : ICollectionFixture<EventsHostFixture>
{
    public const string Name = "Local host publishing events";
}
