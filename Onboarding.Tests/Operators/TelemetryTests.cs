using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>Metrics and traces, read with OpenTelemetry's in-memory exporter from a real host.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    readonly HostMetrics metrics = new();
    readonly LockedCollection<Activity> spans = new();
    LocalHostInstance host = null!;

    public async Task InitializeAsync() =>
        host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, configure: builder =>
            {
                metrics.AddTo(builder);
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            },
            settings: new Dictionary<string, string?> { ["Journey:MaxVerificationCycles"] = "1", ["Journey:MaxDepositAttempts"] = "1" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Metrics_JourneysVerifiedAndLocked_StartsStagesOutcomesAndLatenciesWithTheirTags()
    {
        JourneyDriver verified = await JourneyDriver.StartAsync(host.Http, language: "ja");
        await verified.RegisterAsync();
        await verified.VerifyAsync();
        JourneyDriver locked = await JourneyDriver.StartAsync(host.Http);
        await locked.RegisterAsync();
        await locked.ApplyAsync("/verification", Builders.BankDetails(locked.AccountNumber), "awaitingDepositAmounts");
        await locked.ApplyAsync("/deposit-amounts", new { amounts = new[] { "0.01", "0.01" } }, "locked");

        Dictionary<string, long> counts = await CountsAsync(until: counts => counts.GetValueOrDefault("onboarding.verification.outcomes|outcome=locked") > 0);

        Assert.Equal(2, counts["onboarding.journeys.started|region=US"]);
        Assert.Equal(1, counts["onboarding.journeys.started|language=ja"]);
        Assert.Equal(2, counts["onboarding.journeys.stage_reached|stage=registered"]);
        Assert.Equal(1, counts["onboarding.journeys.stage_reached|stage=verified"]);
        Assert.Equal(1, counts["onboarding.journeys.stage_reached|stage=locked"]);
        Assert.Equal(1, counts["onboarding.verification.outcomes|outcome=verified"]);
        Assert.Equal(1, counts["onboarding.verification.outcomes|outcome=failed"]);
        Assert.Equal(1, counts["onboarding.verification.outcomes|outcome=locked"]);
        Assert.True(counts["onboarding.input.applied_latency|input=PhoneCodeEntered"] >= 2);
        Assert.True(counts["onboarding.input.applied_latency|input=DepositAmountsEntered"] >= 2);
        Assert.DoesNotContain(counts.Keys, key => key.Contains('@') || key.Contains(verified.JourneyId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_StartRequest_OrchestrationAndActivitiesInTheRequestsTrace()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();

        // The start is answered once the stage is published, with the code on its way: the activity's span ends a moment later.
        Activity[] sameTrace = [];
        for (int attempt = 0; attempt < 100 && !sameTrace.Any(span => span.DisplayName.Contains("SendPhoneCode", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100);
            host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            Activity request = spans.Last(span => span.Kind == ActivityKind.Server && span.DisplayName.Contains("api/journeys", StringComparison.Ordinal)
                && span.GetTagItem("http.request.method") as string == "POST" && span.GetTagItem("http.route") as string == "/api/journeys");
            sameTrace = spans.Where(span => span.TraceId == request.TraceId && span.Source.Name.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal)).ToArray();
        }

        Assert.Contains(sameTrace, span => span.DisplayName.Contains("JourneyOrchestrator", StringComparison.Ordinal));
        Assert.Contains(sameTrace, span => span.DisplayName.Contains("SendPhoneCode", StringComparison.Ordinal));
        Assert.All(spans, span => Assert.Null(span.GetTagItem("url.query")));
    }

    Task<Dictionary<string, long>> CountsAsync(Func<Dictionary<string, long>, bool> until) => metrics.CountsAsync(host, until);
}
