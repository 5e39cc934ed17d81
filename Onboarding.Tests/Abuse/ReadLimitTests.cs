using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Journeys.Http;
using Onboarding.Domain.Limits;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// Reads cannot be turned against the host or against a journey's owner: event streams per journey
/// (the newest closes the oldest) and per client, reads per client and per journey. On the local host
/// with the production limits.
/// </summary>
[Collection(AbuseHostCollection.Name)]
public sealed class ReadLimitTests(AbuseHostFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    readonly HttpClient http = fixture.Http;

    [Fact]
    public async Task Streams_ThousandAttemptsOnOneToken_OtherJourneysAnsweredWithinTheirNormalLatency()
    {
        JourneyDriver target = await JourneyDriver.StartAsync(http);
        JourneyDriver[] others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => JourneyDriver.StartAsync(http)));
        TimeSpan normal = await MedianStatusLatencyAsync(others);

        using var streams = new HttpClient(new ClientAddressHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }))
        {
            BaseAddress = fixture.Host.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var holding = new CancellationTokenSource();
        var answers = new ConcurrentBag<(HttpStatusCode Status, string? Limit)>();
        var held = new ConcurrentBag<Task>();
        Task[] attempts = Enumerable.Range(0, 1000).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Path("/events"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            HttpResponseMessage response = await streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, holding.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                answers.Add((response.StatusCode, null));
                held.Add(HoldAsync(response, holding.Token)); // kept open, as an attacker would
                return;
            }

            JsonElement problem = await JourneyDriver.ReadJsonAsync(response);
            answers.Add((response.StatusCode, problem.TryGetProperty("limit", out JsonElement limit) ? limit.GetString() : problem.GetProperty("code").GetString()));
            response.Dispose();
        }).ToArray();
        await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromMinutes(3));

        TimeSpan during = await MedianStatusLatencyAsync(others);
        int open = fixture.Host.Services.GetRequiredService<OpenStreams>().OpenFor(target.JourneyId);
        holding.Cancel();

        output.WriteLine($"status read, median of 30: {normal.TotalMilliseconds:0.0} ms before, {during.TotalMilliseconds:0.0} ms with the streams held; "
            + $"{answers.Count(answer => answer.Status == HttpStatusCode.OK)} of 1,000 attempts streamed, {open} open at the end");

        // One token holds no more than a journey's few streams; the rest were refused before anything was held.
        Assert.Equal(1000, answers.Count);
        Assert.InRange(answers.Count(answer => answer.Status == HttpStatusCode.OK), 1, 10); // Limits:StreamsPerJourneyPerMinute
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.OK), answer =>
        {
            if (answer.Status == HttpStatusCode.ServiceUnavailable)
            {
                // On a busy machine an attempt may meet the request's deadline first: refused all the same, nothing held.
                Assert.Equal("unavailable", answer.Limit);
                return;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
            Assert.Contains(answer.Limit, new[] { LimitNames.StreamsPerJourney, LimitNames.ReadsPerJourney });
        });
        Assert.Contains(answers, answer => answer.Status == HttpStatusCode.TooManyRequests);
        Assert.InRange(open, 1, 3); // Limits:StreamsPerJourney: the newest closed the oldest
        // The other journeys are answered as before (a generous multiple of their normal latency: the machine is shared).
        Assert.True(during <= normal * 20 + TimeSpan.FromMilliseconds(20), $"a status read took {during.TotalMilliseconds:0} ms with the streams held, {normal.TotalMilliseconds:0} ms before");
    }

    [Fact]
    public async Task Streams_FourthOfAJourney_ClosesTheOldest()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        var opened = new List<(HttpResponseMessage Response, Task<string> Body)>();
        for (int i = 0; i < 3; i++)
        {
            opened.Add(await OpenStreamAsync(journey));
        }

        (HttpResponseMessage newest, Task<string> newestBody) = await OpenStreamAsync(journey);

        // The oldest stream ends (its client would reconnect); the newest streams the status.
        string oldest = await opened[0].Body.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("event: status", oldest, StringComparison.Ordinal);
        Assert.False(newestBody.IsCompleted);
        Assert.False(opened[1].Body.IsCompleted);
        Assert.Equal(3, fixture.Host.Services.GetRequiredService<OpenStreams>().OpenFor(journey.JourneyId));
        foreach ((HttpResponseMessage response, _) in opened.Append((newest, newestBody)))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Streams_OneClientBeyondItsNumber_429StreamsPerClient()
    {
        string client = ClientAddressHandler.NewAddress();
        JourneyDriver[] journeys = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => JourneyDriver.StartAsync(http)));
        var opened = new List<HttpResponseMessage>();
        foreach (JourneyDriver journey in journeys)
        {
            for (int i = 0; i < 3 && opened.Count < 20; i++)
            {
                HttpResponseMessage response = await SendStreamAsync(journey, client);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                opened.Add(response);
            }
        }

        using HttpResponseMessage refused = await SendStreamAsync(journeys[^1], client);
        using HttpResponseMessage fromElsewhere = await SendStreamAsync(journeys[^1], ClientAddressHandler.NewAddress());

        Assert.Equal(LimitNames.StreamsPerClient, await LimitOfAsync(refused));
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
        opened.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task Reads_OneJourneyReadTooOften_429ReadsPerJourneyAndOtherJourneysStillRead()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        JourneyDriver other = await JourneyDriver.StartAsync(http);

        var statuses = new List<HttpStatusCode>();
        string? limit = null;
        for (int i = 0; i < 130; i++)
        {
            using HttpResponseMessage response = await journey.SendAsync(HttpMethod.Get, ""); // a new client address each time
            statuses.Add(response.StatusCode);
            limit ??= response.StatusCode == HttpStatusCode.TooManyRequests ? await LimitOfAsync(response) : null;
        }

        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), 100, 120); // Limits:ReadsPerJourneyPerMinute (less what the start's wait read)
        Assert.Equal(LimitNames.ReadsPerJourney, limit);
        using HttpResponseMessage otherRead = await other.SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.OK, otherRead.StatusCode);
    }

    [Fact]
    public async Task Reads_WithoutTheToken_DoNotUseUpTheOwnersReads()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);

        for (int i = 0; i < 200; i++)
        {
            using HttpResponseMessage guess = await journey.SendAsync(HttpMethod.Get, "", token: "not-the-token-" + i);
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }

        using HttpResponseMessage owner = await journey.SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task Reads_OneClientBeyondItsReads_429ReadsPerClientOnStatusAndLinkPageAlike()
    {
        string client = ClientAddressHandler.NewAddress();
        string journeyId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 310; i++)
        {
            // Half of them the e-mail link's page, half a journey's status: both reads of this client.
            string path = i % 2 == 0 ? $"/api/journeys/{journeyId}/email-confirmation?token={new string('A', 43)}" : $"/api/journeys/{journeyId}";
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(ClientAddressHandler.Header, client);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "any");
            using HttpResponseMessage response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(LimitNames.ReadsPerClient, await LimitOfAsync(response));
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "no Retry-After");
            }
        }

        Assert.Equal(300, statuses.Count(status => status == HttpStatusCode.NotFound)); // Limits:ReadsPerClientPerMinute
        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    async Task<TimeSpan> MedianStatusLatencyAsync(JourneyDriver[] journeys)
    {
        var times = new List<TimeSpan>();
        for (int i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            using HttpResponseMessage response = await journeys[i % journeys.Length].SendAsync(HttpMethod.Get, "");
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            times.Add(watch.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    async Task<(HttpResponseMessage Response, Task<string> Body)> OpenStreamAsync(JourneyDriver journey)
    {
        HttpResponseMessage response = await SendStreamAsync(journey, ClientAddressHandler.NewAddress());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Task<string> body = response.Content.ReadAsStringAsync();
        await Task.Delay(300); // opened in this order
        return (response, body);
    }

    async Task<HttpResponseMessage> SendStreamAsync(JourneyDriver journey, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, journey.Path("/events"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", journey.Token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add(ClientAddressHandler.Header, client);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    static async Task HoldAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            try
            {
                await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
                byte[] buffer = new byte[256];
                while (await body.ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
            {
                // the test let go, or the server closed it
            }
        }
    }

    static async Task<string?> LimitOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        JsonElement problem = await JourneyDriver.ReadJsonAsync(response);
        return problem.GetProperty("limit").GetString();
    }
}
