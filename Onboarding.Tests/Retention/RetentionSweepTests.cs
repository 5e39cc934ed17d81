using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Retention;

/// <summary>
/// The retention sweep as the local host runs it (its hosted service, every second here), on the real
/// engine on Azurite, with periods of seconds: finished journeys' histories purged, idle journeys told
/// and then ended, a finished journey's leftover personal data repaired, and what it did counted.
/// </summary>
public sealed class RetentionSweepTests
{
    static readonly TimeSpan History = TimeSpan.FromSeconds(6);

    // A journey counts as idle after Inactive - Notice: longer than any pause between a test's own steps
    // on a busy machine (at 8 s, a journey waiting for the test's next step was told and ended mid-test).
    static readonly TimeSpan Inactive = TimeSpan.FromSeconds(40);
    static readonly TimeSpan Notice = TimeSpan.FromSeconds(16);

    /// <summary>A host whose sweep runs every second; <paramref name="inactive"/> a day for a test that must not see journeys ended as idle.</summary>
    static Task<LocalHostInstance> HostAsync(TimeSpan history, TimeSpan? inactive = null) => LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
    {
        ["Retention:FinishedJourneyHistory"] = history.ToString("c", CultureInfo.InvariantCulture),
        ["Retention:InactiveJourney"] = (inactive ?? Inactive).ToString("c", CultureInfo.InvariantCulture),
        ["Retention:InactiveJourneyNotice"] = Notice.ToString("c", CultureInfo.InvariantCulture),
        ["Retention:SweepInterval"] = "00:00:01",
        ["Journey:MaxVerificationCycles"] = "1",
        ["Journey:MaxDepositAttempts"] = "1",
    });

    [Fact]
    public async Task Sweep_JourneysIdleInRegisteredAndLocked_UsersToldWithTheDateThenEndedAndTheirDataDeleted()
    {
        await using LocalHostInstance host = await HostAsync(TimeSpan.FromDays(30));
        using var actions = new RetentionActions(host);
        var registeredPerson = new TestPerson();
        var lockedPerson = new TestPerson();
        JourneyDriver registered = await registeredPerson.StartAsync(host.Http);
        JourneyDriver locked = await lockedPerson.StartAsync(host.Http);
        // When each went idle, read as soon as it did (long before its notice is due).
        DateTime[] idleSince = await Task.WhenAll(
            Task.Run(async () =>
            {
                await registered.RegisterAsync(registeredPerson.Profile);
                return await IdleSinceAsync(registered, "registered");
            }),
            Task.Run(async () =>
            {
                await locked.RegisterAsync(lockedPerson.Profile);
                await locked.ApplyAsync("/verification", lockedPerson.BankDetails, "awaitingDepositAmounts");
                await locked.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(await locked.DepositAmountsAsync()) }, "locked");
                return await IdleSinceAsync(locked, "locked");
            }));

        foreach ((JourneyDriver journey, TestPerson person, DateTime since) in new[] { (registered, registeredPerson, idleSince[0]), (locked, lockedPerson, idleSince[1]) })
        {
            JsonElement notice = await WaitForMailAsync(journey, person, "Your registration will be closed");
            JsonElement closed = await WaitForMailAsync(journey, person, "Your registration was closed");

            string text = JourneyDriver.Text(notice);
            Assert.Contains($"no activity since {since:yyyy-MM-dd HH:mm} (UTC)", text, StringComparison.Ordinal);
            DateTime endsOn = DateTime.ParseExact(text.Split("closed on ")[1][..16], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.InRange(endsOn, since.AddMinutes(-1), since + Inactive + Notice);
            DateTime noticedAt = notice.GetProperty("sentAt").GetDateTime();
            DateTime closedAt = closed.GetProperty("sentAt").GetDateTime();
            Assert.True(noticedAt >= since + Inactive - Notice - TimeSpan.FromSeconds(1), $"told at {noticedAt:O}, idle since {since:O}");
            Assert.True(closedAt - noticedAt >= Notice - TimeSpan.FromSeconds(1), $"told at {noticedAt:O}, closed at {closedAt:O}: less than the notice period");
            Assert.Equal("cancelled", (await journey.StatusAsync()).GetProperty("stage").GetString());
            await CompletedAsync(host, journey.JourneyId);
            IReadOnlyList<TableScan.Finding> left = (await TableScan.FindAsync(host, person.Values)).OutsideTheOutbox();
            Assert.True(left.Count == 0, "after the inactive journey was ended:\n" + left.Describe());
            Assert.Single(await journey.MessagesAsync(person.Email), message => message.GetProperty("subject").GetString() == "Your registration will be closed");
            string[] trail = await AuditTypesAsync(host, journey.JourneyId);
            Assert.Contains("inactivity-noticed", trail);
            Assert.Contains("ended-inactive", trail);
        }

        Assert.True(actions["inactivity_noticed"] >= 2 && actions["inactive_journey_ended"] >= 2, actions.ToString());
    }

    [Fact]
    public async Task Sweep_FinishedJourneyPastItsHistoryRetention_HistoryPurgedRowDeletedTrailKeptAndCounted()
    {
        await using LocalHostInstance host = await HostAsync(History);
        using var actions = new RetentionActions(host);
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();
        using (HttpResponseMessage cancel = await journey.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await CompletedAsync(host, journey.JourneyId);
        DateTime finishedAt = DateTime.UtcNow;
        DateTime giveUp = finishedAt + History + TimeSpan.FromSeconds(30);
        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        while (await host.Durable.GetInstanceAsync(journey.JourneyId) is not null || await records.FindAsync(journey.JourneyId) is not null)
        {
            Assert.True(DateTime.UtcNow < giveUp, "the history was not purged, or the row not deleted");
            await Task.Delay(200);
        }

        Assert.True(DateTime.UtcNow - finishedAt >= History - TimeSpan.FromSeconds(1), "purged before its retention ended");
        using (HttpResponseMessage status = await journey.SendAsync(HttpMethod.Get, ""))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        Assert.Contains("stage-changed", await AuditTypesAsync(host, journey.JourneyId)); // the masked trail stays
        Assert.True(actions["history_purged"] >= 1, actions.ToString());
    }

    [Fact]
    public async Task Sweep_AuditTrailProjectionAndActionLogPastTheirRetention_DeletedOnceTheJourneyIsGone()
    {
        TimeSpan trail = TimeSpan.FromSeconds(14);
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
        {
            ["Retention:FinishedJourneyHistory"] = History.ToString("c", CultureInfo.InvariantCulture),
            ["Retention:AuditTrail"] = trail.ToString("c", CultureInfo.InvariantCulture),
            ["Retention:ActionLog"] = "1.00:00:00",
            ["Retention:SweepInterval"] = "00:00:01",
        });
        using var actions = new RetentionActions(host);
        TableClient log = await host.Tables.GetAsync(OnboardingTables.ActionLog);
        await log.AddEntityAsync(new ActionLogEntry { PartitionKey = "2020-01", RowKey = "old", Action = ActionLog.Erased, By = "retention", Journey = "0123456789abcdef" });
        JourneyDriver running = await JourneyDriver.StartAsync(host.Http);
        JourneyDriver ended = await JourneyDriver.StartAsync(host.Http);
        await ended.PhoneCodeAsync();
        using (HttpResponseMessage cancel = await ended.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await CompletedAsync(host, ended.JourneyId);
        DateTime endedAt = DateTime.UtcNow;
        DateTime giveUp = endedAt + trail + TimeSpan.FromSeconds(45);
        while ((await AuditTypesAsync(host, ended.JourneyId)).Length > 0 || await ProjectedAsync(host, ended.JourneyId))
        {
            Assert.True(DateTime.UtcNow < giveUp, "the ended journey's audit trail or projection rows were not deleted");
            await Task.Delay(250);
        }

        Assert.True(DateTime.UtcNow - endedAt >= trail - TimeSpan.FromSeconds(2), "deleted before its retention ended");
        Assert.True(actions["audit_trail_deleted"] >= 1, actions.ToString());
        Assert.NotEmpty(await AuditTypesAsync(host, running.JourneyId)); // a journey that is still there keeps its trail
        Assert.True(await ProjectedAsync(host, running.JourneyId));
        Assert.Null(await log.FindAsync<ActionLogEntry>("2020-01", "old")); // a month past the action log's retention
    }

    [Fact]
    public async Task Sweep_FinishedJourneysWhoseRowsStillHoldPersonalData_Repaired()
    {
        await using LocalHostInstance host = await HostAsync(TimeSpan.FromDays(30), inactive: TimeSpan.FromDays(1));
        var cancelledPerson = new TestPerson();
        var verifiedPerson = new TestPerson();
        JourneyDriver cancelled = await cancelledPerson.StartAsync(host.Http);
        JourneyDriver verified = await verifiedPerson.StartAsync(host.Http);
        await Task.WhenAll(cancelled.RegisterAsync(cancelledPerson.Profile), verified.RegisterAsync(verifiedPerson.Profile));
        await verified.VerifyAsync(verifiedPerson.HolderName);
        using (HttpResponseMessage cancel = await cancelled.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await CompletedAsync(host, cancelled.JourneyId);
        await CompletedAsync(host, verified.JourneyId);

        // What a crash in the last step, or the earlier build, leaves: the person's data in the row of a finished journey.
        TableClient journeys = await host.Tables.GetAsync(OnboardingTables.Journeys);
        foreach ((JourneyDriver journey, TestPerson person) in new[] { (cancelled, cancelledPerson), (verified, verifiedPerson) })
        {
            await journeys.UpdateEntityAsync(new TableEntity(journey.JourneyId, JourneyRecord.Row)
            {
                [nameof(JourneyRecord.Email)] = person.Email,
                [nameof(JourneyRecord.PhoneNumber)] = person.Phone,
                [nameof(JourneyRecord.PassportNumber)] = person.PassportNumber,
                [nameof(JourneyRecord.BankAccountNumber)] = person.AccountNumber,
            }, Azure.ETag.All, TableUpdateMode.Merge);
        }

        JourneyRecords records = host.Services.GetRequiredService<JourneyRecords>();
        DateTime giveUp = DateTime.UtcNow.AddSeconds(30);
        while ((await records.GetAsync(cancelled.JourneyId)).HoldsPersonalData() || (await records.GetAsync(verified.JourneyId)).HoldsPersonalData())
        {
            Assert.True(DateTime.UtcNow < giveUp, "the rows were not repaired");
            await Task.Delay(200);
        }

        Assert.Empty((await TableScan.FindAsync(host, cancelledPerson.Values)).OutsideTheOutbox());
        Assert.All((await TableScan.FindAsync(host, verifiedPerson.Values)).OutsideTheOutbox(), finding => Assert.Equal(OnboardingTables.Accounts, finding.Table));
        Assert.Equal("verified", (await verified.StatusAsync()).GetProperty("stage").GetString());
    }

    static async Task<DateTime> IdleSinceAsync(JourneyDriver journey, string stage)
    {
        JsonElement status = await journey.StatusAsync();
        Assert.Equal(stage, status.GetProperty("stage").GetString());
        return status.GetProperty("updatedAt").GetDateTime();
    }

    static async Task<JsonElement> WaitForMailAsync(JourneyDriver journey, TestPerson person, string subject)
    {
        DateTime giveUp = DateTime.UtcNow + Inactive + Notice + TimeSpan.FromSeconds(60);
        while (true)
        {
            if ((await journey.MessagesAsync(person.Email)).FirstOrDefault(message => message.GetProperty("subject").GetString() == subject) is { ValueKind: JsonValueKind.Object } mail)
            {
                return mail;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no mail '{subject}' to the journey's user");
            await Task.Delay(250);
        }
    }

    static async Task CompletedAsync(LocalHostInstance host, string journeyId)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while ((await host.Durable.GetInstanceAsync(journeyId))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < giveUp, $"journey {journeyId} did not complete");
            await Task.Delay(200);
        }
    }

    static async Task<string[]> AuditTypesAsync(LocalHostInstance host, string journeyId)
    {
        TableClient trail = await host.Tables.GetAsync(OnboardingTables.AuditEvents);
        return trail.Query<AuditEvent>(entry => entry.PartitionKey == journeyId).Select(entry => entry.Type).ToArray();
    }

    static async Task<bool> ProjectedAsync(LocalHostInstance host, string journeyId)
    {
        TableClient index = await host.Tables.GetAsync(OnboardingTables.JourneyIndex);
        return index.Query<JourneyIndexRow>(row => row.JourneyId == journeyId).Any();
    }

    /// <summary>This host's <c>onboarding.retention.actions</c>, by action, as the meter reports them.</summary>
    sealed class RetentionActions : IDisposable
    {
        readonly MeterListener listener = new();
        readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

        public RetentionActions(LocalHostInstance host)
        {
            string instance = host.Services.GetRequiredService<JourneyMetrics>().Instance;
            listener.InstrumentPublished = (instrument, subscriber) =>
            {
                if (instrument.Name == "onboarding.retention.actions"
                    && instrument.Meter.Tags?.Any(tag => tag.Key == JourneyMetrics.InstanceTag && Equals(tag.Value, instance)) == true)
                {
                    subscriber.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    if (tag.Key == "action")
                    {
                        counts.AddOrUpdate((string)tag.Value!, value, (_, count) => count + value);
                    }
                }
            });
            listener.Start();
        }

        public long this[string action] => counts.GetValueOrDefault(action);

        public override string ToString() => string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}"));

        public void Dispose() => listener.Dispose();
    }
}
