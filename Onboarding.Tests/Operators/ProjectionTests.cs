using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Contract;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>The stage projection agrees with the journeys themselves after many journeys, and its writers are idempotent.</summary>
public sealed class ProjectionTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Projection_ThirtyJourneysInMixedStages_ListsAndFunnelMatchLiveStatuses()
    {
        var operators = new OperatorClient(host.Http);
        JourneyDriver[] journeys = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => JourneyDriver.StartAsync(host.Http)));
        await Task.WhenAll(journeys.Select((journey, i) => (i % 5) switch
        {
            0 => Task.CompletedTask,
            1 => EnterCodeAsync(journey),
            2 => journey.RegisterAsync(),
            3 => CancelAsync(journey),
            _ => RegisterAndVerifyAsync(journey),
        }));

        Dictionary<string, string> live = new();
        foreach (JourneyDriver journey in journeys)
        {
            live[journey.JourneyId] = (await journey.StatusAsync()).GetProperty("stage").GetString()!;
        }

        for (int attempt = 0; ; attempt++)
        {
            var mismatches = new List<string>();
            foreach (string stage in live.Values.Distinct())
            {
                HashSet<string> listed = [.. await operators.ListIdsAsync($"&stage={stage}")];
                HashSet<string> expected = [.. live.Where(pair => pair.Value == stage).Select(pair => pair.Key)];
                if (!listed.SetEquals(expected))
                {
                    mismatches.Add($"{stage}: listed {listed.Count}, live {expected.Count}");
                }
            }

            JsonElement funnel = await operators.GetAsync("/api/ops/funnel");
            foreach (IGrouping<string, string> stage in live.Values.GroupBy(value => value))
            {
                if (funnel.GetProperty("stages").GetProperty(stage.Key).GetInt32() != stage.Count())
                {
                    mismatches.Add($"funnel {stage.Key}");
                }
            }

            if (mismatches.Count == 0)
            {
                break;
            }

            Assert.True(attempt < 50, string.Join("; ", mismatches)); // the last reports may still be on their way
            await Task.Delay(200);
        }

        Assert.Equal(30, funnelTotal(await operators.GetAsync("/api/ops/funnel")));
        static int funnelTotal(JsonElement funnel) => funnel.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task RecordProgress_SameReportTwice_OneAuditEntryAndNoSecondStageRow()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        var operators = new OperatorClient(host.Http);
        await operators.WaitUntilListedAsync(journey.JourneyId, "awaitingEmailConfirmation");
        JsonElement before = await operators.JourneyAsync(journey.JourneyId);
        var progress = new Onboarding.Domain.Journeys.JourneyProgress(
            Onboarding.Domain.Journeys.JourneyStage.AwaitingProfile, DateTime.UtcNow.AddDays(7), null, null, null, null, DateTime.UtcNow, 1000);
        RecordProgress activity = host.Services.GetRequiredService<RecordProgress>();

        var report = new ProgressReport(journey.JourneyId, progress, Onboarding.Domain.Journeys.JourneyStage.AwaitingEmailConfirmation);
        bool first = await activity.RunAsync(report);
        bool second = await activity.RunAsync(report);

        Assert.True(first);
        Assert.False(second);
        IReadOnlyList<AuditEventView> events = await host.Services.GetRequiredService<AuditTrail>().ListAsync(journey.JourneyId);
        Assert.Equal(before.GetProperty("events").GetArrayLength() + 1, events.Count);
        Assert.Single(events, entry => entry.Detail == "awaitingEmailConfirmation → awaitingProfile (event 3: emailConfirmed)");
        Assert.Contains(journey.JourneyId, await operators.ListIdsAsync("&stage=awaitingProfile"));
        Assert.DoesNotContain(journey.JourneyId, await operators.ListIdsAsync("&stage=awaitingEmailConfirmation"));
    }

    [Fact]
    public async Task RecordProgress_ProjectionAlreadyNewer_StageKeptAndTheChangeStillAudited()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await new OperatorClient(host.Http).WaitUntilListedAsync(journey.JourneyId, "awaitingEmailConfirmation");
        JourneyRecord row = await host.Services.GetRequiredService<JourneyRecords>().GetAsync(journey.JourneyId);
        var now = DateTime.UtcNow;
        var newer = new Onboarding.Domain.Journeys.JourneyProgress(
            Onboarding.Domain.Journeys.JourneyStage.Cancelled, null, null, null, null, null, now, 900);
        var late = new Onboarding.Domain.Journeys.JourneyProgress(
            Onboarding.Domain.Journeys.JourneyStage.AwaitingProfile, now.AddDays(7), null, null, null, null, now.AddSeconds(-1), 800);
        // As the operators' detail view does when it reads a status before the journey's report lands.
        await host.Services.GetRequiredService<JourneyIndex>().RecordAsync(JourneyStatusView.From(row, newer), newer.Version);
        RecordProgress activity = host.Services.GetRequiredService<RecordProgress>();

        bool recorded = await activity.RunAsync(new ProgressReport(
            journey.JourneyId, late, Onboarding.Domain.Journeys.JourneyStage.AwaitingEmailConfirmation, "by the user"));

        Assert.True(recorded);
        IReadOnlyList<AuditEventView> events = await host.Services.GetRequiredService<AuditTrail>().ListAsync(journey.JourneyId);
        Assert.Single(events, entry => entry.Detail == "awaitingEmailConfirmation → awaitingProfile (by the user; event 3: emailConfirmed)");
        Assert.Contains(journey.JourneyId, await new OperatorClient(host.Http).ListIdsAsync("&stage=cancelled"));
        Assert.DoesNotContain(journey.JourneyId, await new OperatorClient(host.Http).ListIdsAsync("&stage=awaitingProfile"));
    }

    static async Task EnterCodeAsync(JourneyDriver journey) =>
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");

    static async Task CancelAsync(JourneyDriver journey)
    {
        using (await journey.SendAsync(HttpMethod.Delete, ""))
        {
        }

        await journey.WaitForStageAsync("cancelled");
    }

    static async Task RegisterAndVerifyAsync(JourneyDriver journey)
    {
        await journey.RegisterAsync();
        await journey.VerifyAsync();
    }
}
