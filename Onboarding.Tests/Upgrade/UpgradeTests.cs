using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.Application.Orchestration;
using Onboarding.Testing;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Upgrade;

/// <summary>
/// A deploy never breaks a waiting journey: each released build (Upgrade/released-builds.txt, built
/// from the repository's history) brings journeys to every waiting stage on the real engine (the
/// Azure Storage provider on Azurite); then this build takes over the same task hub and tables, and
/// every journey finishes — a timer the old build set fires, links and codes it sent still work,
/// deposits it paid still match, a locked journey is unlocked or cancelled. New journeys start on
/// the current version alongside.
/// </summary>
public sealed class UpgradeTests
{
    public static TheoryData<string> Builds() => [.. ReleasedBuild.Listed().Select(build => build.Commit)];

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task WaitingJourneys_MadeByAReleasedBuild_FinishOnThisBuild(string commit)
    {
        ReleasedBuild released = ReleasedBuild.Listed().Single(build => build.Commit == commit);
        string releasedDll = await released.HostDllAsync();
        string currentDll = Repository.LocalHostDll(RepositoryRoot.Path);
        string log = Path.Combine(RepositoryRoot.Path, "TestResults", $"upgrade-{commit[..8]}.log");
        await using var host = new HostProcess(releasedDll, TestStorage.ConnectionString, new Dictionary<string, string>
        {
            // The code of the journey started last expires after the deploy: the timer the new build
            // must fire. Its grace (as long again) is the time left to ask for a new code.
            ["Journey__PhoneCodeValidity"] = "00:00:45",
            ["Journey__MaxVerificationCycles"] = "2",
            ["Journey__MaxDepositAttempts"] = "1",
        }, log);

        // The released build: one journey waiting in each stage.
        await host.StartAsync();
        JourneyDriver emailLink = await JourneyDriver.StartAsync(host.Http);
        await emailLink.ApplyAsync("/phone-code", new { code = await emailLink.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        JourneyDriver profile = await JourneyDriver.StartAsync(host.Http);
        await profile.ApplyAsync("/phone-code", new { code = await profile.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await profile.ConfirmEmailAsync();
        JourneyDriver registered = await JourneyDriver.StartAsync(host.Http);
        await registered.RegisterAsync();
        JourneyDriver deposits = await JourneyDriver.StartAsync(host.Http);
        await deposits.RegisterAsync();
        await deposits.ApplyAsync("/verification", Builders.BankDetails(deposits.AccountNumber), "awaitingDepositAmounts");
        JourneyDriver lockedToUnlock = await LockedAsync(host.Http);
        JourneyDriver lockedToCancel = await LockedAsync(host.Http);
        JourneyDriver phoneCode = await JourneyDriver.StartAsync(host.Http);
        JourneyDriver[] waiting = [phoneCode, emailLink, profile, registered, deposits, lockedToUnlock, lockedToCancel];
        Assert.All(await Task.WhenAll(waiting.Select(journey => VersionAsync(host, journey))), version => Assert.Equal(released.JourneyVersion, version));
        Assert.True(await host.StopAsync(), "the released build did not stop within 15 s");

        // The deploy: this build, same task hub and tables.
        host.Deploy(currentDll);
        await host.StartAsync();
        var operators = new OperatorClient(host.Http, host.OperatorKey);
        JourneyDriver fresh = await JourneyDriver.StartAsync(host.Http);

        Task finishing = Task.WhenAll(
            FinishFromPhoneCodeAsync(phoneCode),
            Task.Run(async () =>
            {
                await emailLink.ConfirmEmailAsync();
                await FinishFromProfileAsync(emailLink);
            }),
            FinishFromProfileAsync(profile),
            FinishFromRegisteredAsync(registered, cycle: 1),
            Task.Run(async () => await deposits.ApplyAsync("/deposit-amounts", new { amounts = await deposits.DepositAmountsAsync() }, "verified")),
            Task.Run(async () =>
            {
                (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{lockedToUnlock.JourneyId}/unlock");
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"unlock: {status} {body}");
                await lockedToUnlock.WaitForStageAsync("registered");
                await FinishFromRegisteredAsync(lockedToUnlock, cycle: 3);
            }),
            Task.Run(async () =>
            {
                Assert.Equal(HttpStatusCode.Accepted, (await lockedToCancel.SendAsync(HttpMethod.Delete, "")).StatusCode);
                await lockedToCancel.WaitForStageAsync("cancelled");
            }),
            Task.Run(async () =>
            {
                await fresh.RegisterAsync();
                await fresh.VerifyAsync();
            }));
        try
        {
            await finishing;
        }
        catch (Exception) when (finishing.Exception is { } failures)
        {
            var report = new System.Text.StringBuilder();
            foreach (Exception failure in failures.InnerExceptions)
            {
                report.AppendLine(failure.Message);
            }

            using var durable = new DurableTaskProbe(host);
            foreach (JourneyDriver journey in waiting.Append(fresh))
            {
                report.AppendLine($"{journey.JourneyId}: {await durable.DescribeAsync(journey.JourneyId)}");
            }

            Assert.Fail(report.ToString());
        }

        Assert.Equal(JourneyVersions.Current, await VersionAsync(host, fresh));
        Assert.Contains(released.JourneyVersion, JourneyVersions.Live); // this build still runs the released build's journeys
        foreach (JourneyDriver journey in waiting.Append(fresh))
        {
            string stage = (await journey.StatusAsync()).GetProperty("stage").GetString()!;
            Assert.Equal(journey == lockedToCancel ? "cancelled" : "verified", stage);
        }
    }

    /// <summary>The code the released build sent expires on this build's watch; a new code, then the rest.</summary>
    static async Task FinishFromPhoneCodeAsync(JourneyDriver journey)
    {
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while ((await journey.StatusAsync()).GetProperty("lastError").GetProperty("code").GetString() != "code-expired")
        {
            Assert.True(DateTime.UtcNow < giveUp, "the released build's timer never fired on this build");
            await Task.Delay(250);
        }

        // The new code is usable once the journey shows it (a resend answered 202 on a busy machine is not yet).
        await journey.AppliedAsync("/phone-code/resend", null, status =>
            status.GetProperty("stage").GetString() == "awaitingPhoneCode"
            && !(status.TryGetProperty("lastError", out JsonElement error) && error.ValueKind == JsonValueKind.Object && error.GetProperty("code").GetString() == "code-expired"));
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync(send: 2) }, "awaitingEmailConfirmation");
        await journey.ConfirmEmailAsync();
        await FinishFromProfileAsync(journey);
    }

    static async Task FinishFromProfileAsync(JourneyDriver journey)
    {
        await journey.ApplyAsync("/profile", Builders.Profile(), "registered");
        await FinishFromRegisteredAsync(journey, cycle: 1);
    }

    static async Task FinishFromRegisteredAsync(JourneyDriver journey, int cycle)
    {
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        await journey.ApplyAsync("/deposit-amounts", new { amounts = await journey.DepositAmountsAsync(cycle) }, "verified");
    }

    /// <summary>Two verification cycles, each with one wrong entry: locked.</summary>
    static async Task<JourneyDriver> LockedAsync(HttpClient http)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        await journey.RegisterAsync();
        for (int cycle = 1; cycle <= 2; cycle++)
        {
            await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            await journey.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync(cycle)) }, cycle == 1 ? "registered" : "locked");
        }

        return journey;
    }

    /// <summary>The version the journey's orchestration runs on, as the task hub's Instances table records it.</summary>
    static async Task<string> VersionAsync(HostProcess host, JourneyDriver journey)
    {
        TableClient instances = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(host.TaskHub + "Instances");
        TableEntity row = (await instances.GetEntityAsync<TableEntity>(journey.JourneyId, "")).Value;
        return row.GetString("Version") ?? "";
    }

    /// <summary>Reads an orchestration's state straight from the task hub's Instances table, for the failure report.</summary>
    sealed class DurableTaskProbe(HostProcess host) : IDisposable
    {
        readonly TableClient instances = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(host.TaskHub + "Instances");

        public async Task<string> DescribeAsync(string journeyId)
        {
            TableEntity row = (await instances.GetEntityAsync<TableEntity>(journeyId, "")).Value;
            return $"{row.GetString("RuntimeStatus")} version '{row.GetString("Version")}' output {row.GetString("Output")} status {row.GetString("CustomStatus")}";
        }

        public void Dispose()
        {
        }
    }
}
