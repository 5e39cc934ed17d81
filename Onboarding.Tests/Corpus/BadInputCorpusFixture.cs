using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// One local host (in-memory Durable Task engine, tables on Azurite), three journeys, and the whole
/// corpus thrown at it once: the tests then read the answers and compare the watched journeys
/// before and after.
/// </summary>
public sealed class BadInputCorpusFixture : IAsyncLifetime
{
    /// <summary>Requests in flight at once: enough to finish quickly, few enough for a 2-core machine.</summary>
    const int Concurrency = 8;

    LocalHostInstance? host;

    public LocalHostInstance Host => host ?? throw new InvalidOperationException("The host has not started.");

    public CorpusTargets Targets { get; private set; } = null!;

    public IReadOnlyList<CorpusOperation> Operations { get; private set; } = [];

    public IReadOnlyList<CorpusResult> Results { get; private set; } = [];

    public TimeSpan SetupTime { get; private set; }

    public TimeSpan CorpusTime { get; private set; }

    /// <summary>Error and Critical log lines the host wrote while the corpus ran (a 500 the client never saw shows here).</summary>
    public IReadOnlyList<string> ErrorLogs { get; private set; } = [];

    /// <summary>What each watched journey looked like before and after the corpus, one line per aspect.</summary>
    public IReadOnlyList<(string Journey, string Before, string After)> Watched { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var setup = Stopwatch.StartNew();
        host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            // The spare journey takes every odd amount the corpus sends: keep it waiting for amounts.
            ["Journey:MaxDepositAttempts"] = "1000",
            ["Journey:InputWait"] = "00:00:03",
            // The event stream's answers end (so that they can be judged) after two seconds.
            ["Journey:EventStreamLifetime"] = "00:00:02",
            // The corpus judges what a route makes of bad input, not how the host meets overload (the
            // fault tests do): on a machine busy enough that storage misses the 10 s deadline, a case
            // would be answered 503 "unavailable" before its input is even read. Below the corpus
            // client's own 30 s.
            ["Onboarding:RequestTimeout"] = "00:00:25",
        });
        HttpClient http = host.Http;

        Task<(JourneyDriver Journey, string Replayed, string Current)> known = KnownAsync(http);
        Task<JourneyDriver> other = OtherAsync(http);
        Task<(JourneyDriver Journey, string LinkToken)> spare = SpareAsync(http);
        await Task.WhenAll(known, other, spare);

        (JourneyDriver a, string replayed, string current) = await known;
        JourneyDriver b = await other;
        (JourneyDriver v, string spareLink) = await spare;
        Targets = new CorpusTargets(
            new KnownJourney(a.JourneyId, a.Token, a.Email, a.Phone, current),
            new KnownJourney(b.JourneyId, b.Token, b.Email, b.Phone, ""),
            new KnownJourney(v.JourneyId, v.Token, v.Email, v.Phone, spareLink),
            replayed,
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            LocalHostInstance.OperatorKey);
        Operations = CorpusOperation.Load();
        IReadOnlyList<CorpusCase> cases = CorpusCases.For(Operations, Targets);

        KnownJourney[] watched = [Targets.Known, Targets.Other];
        string[] before = await SettledSnapshotsAsync(watched);
        SetupTime = setup.Elapsed;

        int logged = host.Logs.Lines.Count;
        var run = Stopwatch.StartNew();
        var results = new List<CorpusResult>();
        foreach (IGrouping<int, CorpusCase> phase in cases.GroupBy(corpusCase => corpusCase.Phase).OrderBy(group => group.Key))
        {
            results.AddRange(await RunAsync(phase));
        }

        CorpusTime = run.Elapsed;
        Results = results;
        if (Environment.GetEnvironmentVariable("CORPUS_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump, results.Select(result =>
                $"{result.Case.OperationId}\t{result.Case.Category}\t{result.Case.Name.ReplaceLineEndings(" ")}\t{result.Case.Expect}\t{result.Response.Status}\t{(result.ServerLevel ? "server" : "app")}\t{result.Elapsed.TotalMilliseconds:F0}\t{result.Response.Text.ReplaceLineEndings(" ")[..Math.Min(200, result.Response.Text.Length)]}"));
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // anything the corpus set off has landed by now
        ErrorLogs = host.Logs.Lines.Skip(logged)
            .Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            .ToArray();
        string[] after = await Task.WhenAll(watched.Select(SnapshotAsync));
        Watched = watched.Select((journey, i) => (journey == Targets.Known ? "known" : "other", before[i], after[i])).ToArray();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    async Task<IReadOnlyList<CorpusResult>> RunAsync(IEnumerable<CorpusCase> cases)
    {
        var byId = Operations.ToDictionary(operation => operation.OperationId);
        var results = new ConcurrentBag<CorpusResult>();
        async Task RunOneAsync(CorpusCase corpusCase)
        {
            var clock = Stopwatch.StartNew();
            RawResponse response;
            try
            {
                response = await RawHttp.SendAsync(Host.BaseAddress, corpusCase.Request, TimeSpan.FromSeconds(30));
            }
            catch (Exception exception) when (exception is SocketException or IOException)
            {
                response = RawResponse.None;
            }

            results.Add(new CorpusResult(corpusCase, response, clock.Elapsed, CorpusVerdict.Judge(corpusCase, byId[corpusCase.OperationId], response, Targets)));
        }

        // The slow cases only wait (for a body that never comes): they run beside the others, not in their lanes.
        CorpusCase[] all = cases.ToArray();
        Task slow = Task.WhenAll(all.Where(corpusCase => corpusCase.Slow).Select(RunOneAsync));
        await Parallel.ForEachAsync(
            all.Where(corpusCase => !corpusCase.Slow),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (corpusCase, _) => await RunOneAsync(corpusCase));
        await slow;
        return results.ToArray();
    }

    /// <summary>Snapshots once two in a row agree: the journeys' own work from the setup is done.</summary>
    async Task<string[]> SettledSnapshotsAsync(KnownJourney[] journeys)
    {
        string[] previous = await Task.WhenAll(journeys.Select(SnapshotAsync));
        for (int attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(750));
            string[] current = await Task.WhenAll(journeys.Select(SnapshotAsync));
            if (current.SequenceEqual(previous))
            {
                return current;
            }

            previous = current;
        }

        throw new InvalidOperationException("The watched journeys did not settle before the corpus.");
    }

    /// <summary>Everything of a journey the corpus must not change, one aspect per line.</summary>
    async Task<string> SnapshotAsync(KnownJourney journey)
    {
        var lines = new StringBuilder();
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/journeys/{journey.Id}"))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", journey.Token);
            using HttpResponseMessage response = await Host.Http.SendAsync(request);
            lines.Append("status: ").Append((int)response.StatusCode).Append(' ').AppendLine(await response.Content.ReadAsStringAsync());
        }

        JourneyRecord? row = await Host.Services.GetRequiredService<JourneyRecords>().FindAsync(journey.Id);
        lines.Append("row: ").AppendLine(row is null ? "(none)" : $"etag {row.ETag}, email link {row.EmailLinkHmac}");

        OrchestrationMetadata? instance = await Host.Durable.GetInstanceAsync(journey.Id, getInputsAndOutputs: true);
        lines.Append("orchestration: ").AppendLine(instance is null
            ? "(none)"
            : $"{instance.RuntimeStatus}, updated {instance.LastUpdatedAt:O}, custom status {instance.SerializedCustomStatus}");

        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/ops/journeys/{journey.Id}"))
        {
            request.Headers.Add("x-functions-key", LocalHostInstance.OperatorKey);
            using HttpResponseMessage response = await Host.Http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            string events = $"{(int)response.StatusCode} {body}";
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using JsonDocument detail = JsonDocument.Parse(body);
                events = detail.RootElement.TryGetProperty("events", out JsonElement list) ? list.GetRawText() : events;
            }

            lines.Append("audit trail: ").AppendLine(events);
        }

        foreach (string to in new[] { journey.Email, journey.Phone })
        {
            using HttpResponseMessage response = await Host.Http.GetAsync($"/dev/outbox/messages?to={Uri.EscapeDataString(to)}");
            using JsonDocument messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            lines.Append("outbox ").Append(to).Append(": ")
                .AppendLine(string.Join(", ", messages.RootElement.EnumerateArray().Select(message => message.GetProperty("id").GetString())));
        }

        return lines.ToString();
    }

    /// <summary>Waits for its e-mail confirmation, with a second link sent: the first link is a replayed one.</summary>
    static async Task<(JourneyDriver, string, string)> KnownAsync(HttpClient http)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        string replayed = JourneyDriver.TokenOf(await journey.EmailLinkAsync(1));
        using (HttpResponseMessage resent = await journey.PostAsync("/email-confirmation/resend", null))
        {
            Assert.True(resent.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"resend answered {(int)resent.StatusCode}");
        }

        string current = JourneyDriver.TokenOf(await journey.EmailLinkAsync(2));
        Assert.NotEqual(replayed, current);
        return (journey, replayed, current);
    }

    /// <summary>Waits for its phone code.</summary>
    static async Task<JourneyDriver> OtherAsync(HttpClient http)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.PhoneCodeAsync();
        return journey;
    }

    /// <summary>Registered and waiting for deposit amounts: the stage that reads the most input.</summary>
    static async Task<(JourneyDriver, string)> SpareAsync(HttpClient http)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync();
        string link = JourneyDriver.TokenOf(await journey.EmailLinkAsync());
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        return (journey, link);
    }
}
