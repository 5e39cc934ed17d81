using System.Globalization;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Onboarding.Application.Configuration;
using Onboarding.Development;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// A local host on Azurite with the production limits (what <c>./run.sh</c> runs), trusting
/// 127.0.0.1 as its proxy so that each test's requests come from client addresses of their own
/// (<see cref="ClientAddressHandler"/>).
/// </summary>
public sealed class AbuseHostFixture : IAsyncLifetime
{
    public LocalHostInstance Host { get; private set; } = null!;

    /// <summary>Requests from a fresh client address each, unless one is set.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = ProductionLimits();
        settings["Network:TrustedProxies:0"] = "127.0.0.1";
        Host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, settings);
        Http = new HttpClient(new ClientAddressHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }))
        {
            BaseAddress = Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(90),
        };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Every <c>Limits:*</c> setting at its default, undoing the raised ones of the test hosts.</summary>
    public static Dictionary<string, string?> ProductionLimits()
    {
        var defaults = new LimitsOptions();
        return Onboarding.Testing.TestLimits.Raised.Keys.ToDictionary(
            key => "Limits:" + key,
            key => Convert.ToString(typeof(LimitsOptions).GetProperty(key)!.GetValue(defaults), CultureInfo.InvariantCulture));
    }

    /// <summary>POST /api/journeys from <paramref name="client"/>.</summary>
    public static async Task<HttpResponseMessage> StartAsync(HttpClient http, object body, string? client = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/journeys") { Content = JsonContent.Create(body) };
        if (client is not null)
        {
            request.Headers.Add(ClientAddressHandler.Header, client);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The SMS the local ACS endpoint accepted for these numbers (it records every message it is handed).</summary>
    public async Task<int> SmsCountAsync(IReadOnlyCollection<string> phones)
    {
        TableClient outbox = await Host.Tables.GetAsync(OnboardingTables.DevOutbox);
        var wanted = phones.ToHashSet(StringComparer.Ordinal);
        int count = 0;
        await foreach (OutboxMessage message in outbox.QueryAsync<OutboxMessage>(message => message.Channel == "sms"))
        {
            count += wanted.Contains(message.PartitionKey) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The SMS count once it has settled: the journeys' codes go out from their activities, just
    /// after the start answered; nothing more may come in a few more seconds.
    /// </summary>
    public async Task<int> SettledSmsCountAsync(IReadOnlyCollection<string> phones, int expected)
    {
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await SmsCountAsync(phones) < expected && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        return await SmsCountAsync(phones);
    }
}

[CollectionDefinition(Name)]
public sealed class AbuseHostCollection : ICollectionFixture<AbuseHostFixture>
{
    public const string Name = "Local host with the production limits";
}
