using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// <c>GET /api/journeys/{id}/events</c> over a real HTTP listener: the current status first, then
/// every change, each with its version as <c>id</c>; <c>Last-Event-ID</c> resumes; each connection
/// ends after <c>Journey:EventStreamLifetime</c>, and once the journey has ended; auth as every journey route.
/// </summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
    {
        ["Journey:EventStreamLifetime"] = "00:00:03",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Events_NewClient_GetsTheCurrentStatusThenEachChange()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        string code = await journey.PhoneCodeAsync();
        using HttpResponseMessage response = await OpenAsync(journey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        await using EventReader events = new(await response.Content.ReadAsStreamAsync());

        ServerSentEvent first = await events.NextAsync();
        Assert.Equal("status", first.Event);
        JsonElement status = JsonDocument.Parse(first.Data).RootElement;
        Assert.Equal("awaitingPhoneCode", status.GetProperty("stage").GetString());
        Assert.Equal(journey.JourneyId, status.GetProperty("journeyId").GetString());
        Assert.Equal(journey.StartStatus.GetProperty("email").GetString(), status.GetProperty("email").GetString());
        int firstVersion = int.Parse(first.Id!, System.Globalization.CultureInfo.InvariantCulture);

        await journey.ApplyAsync("/phone-code", new { code }, "awaitingEmailConfirmation");
        ServerSentEvent next = await events.NextAsync();
        Assert.Equal("awaitingEmailConfirmation", JsonDocument.Parse(next.Data).RootElement.GetProperty("stage").GetString());
        Assert.True(int.Parse(next.Id!, System.Globalization.CultureInfo.InvariantCulture) > firstVersion, $"version {next.Id} after {firstVersion}");
        Assert.DoesNotContain(code, next.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(journey.Token, events.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_LastEventIdIsTheCurrentVersion_SendsNothingOldAndEndsAfterTheLifetime()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();
        string current;
        using (HttpResponseMessage response = await OpenAsync(journey))
        {
            await using EventReader events = new(await response.Content.ReadAsStreamAsync());
            current = (await events.NextAsync()).Id!;
        }

        var clock = Stopwatch.StartNew();
        using (HttpResponseMessage resumed = await OpenAsync(journey, lastEventId: current))
        {
            await using EventReader events = new(await resumed.Content.ReadAsStreamAsync());
            Assert.Null(await events.NextOrEndAsync(TimeSpan.FromSeconds(15)));
            Assert.Equal("retry: 1000", events.Text.Split('\n')[0]);
        }

        Assert.InRange(clock.Elapsed, Lifetime - TimeSpan.FromMilliseconds(500), Lifetime + TimeSpan.FromSeconds(5));

        // One version back: the current status again.
        string older = (int.Parse(current, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using HttpResponseMessage behind = await OpenAsync(journey, lastEventId: older);
        await using EventReader again = new(await behind.Content.ReadAsStreamAsync());
        Assert.Equal(current, (await again.NextAsync()).Id);
    }

    [Fact]
    public async Task Events_JourneyEnded_SendsTheLastStatusAndEnds()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();
        using (HttpResponseMessage cancelled = await journey.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        }

        await journey.WaitForStageAsync("cancelled");
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            clock.Restart();
            using HttpResponseMessage response = await OpenAsync(journey);
            await using EventReader events = new(await response.Content.ReadAsStreamAsync());
            last = JsonDocument.Parse((await events.NextAsync()).Data).RootElement;
            if (await events.NextOrEndAsync(TimeSpan.FromSeconds(10)) is null && clock.Elapsed < Lifetime)
            {
                break; // ended by the orchestration's end, not by the lifetime
            }

            await Task.Delay(200); // the orchestration may still be completing
        }

        Assert.Equal("cancelled", last.GetProperty("stage").GetString());
        Assert.True(clock.Elapsed < Lifetime, $"the stream of an ended journey stayed open {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Events_BadCredentialsOrLastEventId_AreProblems()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        using (HttpResponseMessage anonymous = await host.Http.GetAsync(journey.Path("/events")))
        {
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "missing-token");
        }

        using (HttpResponseMessage wrong = await OpenAsync(journey, token: "not-the-token"))
        {
            await AssertProblemAsync(wrong, HttpStatusCode.NotFound, "journey-not-found");
        }

        foreach (string bad in new[] { "-1", "x", "1.5", "9999999999", "" })
        {
            using HttpResponseMessage response = await OpenAsync(journey, lastEventId: bad);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        }
    }

    async Task<HttpResponseMessage> OpenAsync(JourneyDriver journey, string? lastEventId = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, journey.Path("/events"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? journey.Token);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await JourneyDriver.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    sealed record ServerSentEvent(string? Id, string Event, string Data);

    /// <summary>Reads events from a text/event-stream as the SSE format defines them (comments skipped).</summary>
    sealed class EventReader(Stream stream) : IAsyncDisposable
    {
        readonly StreamReader reader = new(stream);
        readonly System.Text.StringBuilder text = new();

        /// <summary>Everything read so far.</summary>
        public string Text => text.ToString();

        public async Task<ServerSentEvent> NextAsync() =>
            await NextOrEndAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("the stream ended without another event:\n" + Text);

        /// <summary>The next event, or null when the stream ends first; fails when <paramref name="timeout"/> passes.</summary>
        public async Task<ServerSentEvent?> NextOrEndAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            string? id = null;
            string name = "message";
            var data = new List<string>();
            while (true)
            {
                string? line = await reader.ReadLineAsync(cancellation.Token);
                if (line is null)
                {
                    return null;
                }

                text.Append(line).Append('\n');
                if (line.Length == 0)
                {
                    if (data.Count > 0)
                    {
                        return new ServerSentEvent(id, name, string.Join('\n', data));
                    }

                    continue;
                }

                string[] field = line.Split(':', 2);
                string value = field.Length > 1 ? field[1].TrimStart(' ') : "";
                switch (field[0])
                {
                    case "id": id = value; break;
                    case "event": name = value; break;
                    case "data": data.Add(value); break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            reader.Dispose();
            await stream.DisposeAsync();
        }
    }
}
