using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.PersonalData;

/// <summary>
/// What is left of a person once their journey ends, on the real engine (Azure Storage provider on
/// Azurite), read row by row from every table of the host and its task hub: after <c>expired</c>,
/// <c>cancelled</c>, an operator's terminate and the user's erase, none of the person's values; after
/// <c>verified</c>, only the account (the KYC record) holds them, with the identifying ones sealed.
/// The development outbox is the stand-in of the person's own mailbox and phone: what was sent to
/// them stays theirs (only an erase clears it), so the scans leave it out except after an erase.
/// </summary>
public sealed class PersonalDataLifecycleTests : IAsyncLifetime
{
    LocalHostInstance host = null!;
    OperatorClient operators = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage);
        operators = new OperatorClient(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Cancelled_WhileDepositsAwaited_NoTableHoldsAnyOfThePersonsValuesButTheStatusStaysReadable()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http, idempotencyKey: Guid.NewGuid().ToString());
        await journey.RegisterAsync(person.Profile);
        await journey.ApplyAsync("/verification", person.BankDetails, "awaitingDepositAmounts");
        Assert.Contains(await TableScan.FindAsync(host, person.Values), finding => finding.Table == OnboardingTables.Journeys); // the scan sees real rows

        using (HttpResponseMessage cancel = await journey.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await CompletedAsync(journey.JourneyId);
        IReadOnlyList<TableScan.Finding> left = (await TableScan.FindAsync(host, person.Values)).OutsideTheOutbox();
        Assert.True(left.Count == 0, "after the cancellation:\n" + left.Describe());

        // What remains: the masked status, the masked audit trail, the projection.
        JsonElement status = await journey.StatusAsync();
        Assert.Equal("cancelled", status.GetProperty("stage").GetString());
        Assert.Equal(person.Email[..1] + "***@example.com", status.GetProperty("email").GetString());
        Assert.EndsWith(person.Phone[^4..], status.GetProperty("phoneNumber").GetString(), StringComparison.Ordinal);
        Assert.Contains("stage-changed", OperatorClient.EventTypes(await operators.JourneyAsync(journey.JourneyId)));
        await operators.WaitUntilListedAsync(journey.JourneyId, "cancelled");
        await journey.WaitForMessageAsync(person.Email, message => message.GetProperty("subject").GetString() == "Your registration was cancelled");
        JourneyDriver again = await JourneyDriver.StartAsync(host.Http, email: person.Email); // the address is free again
        Assert.NotEqual(journey.JourneyId, again.JourneyId);
    }

    [Fact]
    public async Task Terminated_ByAnOperatorWhileRegistered_NoTableHoldsAnyOfThePersonsValues()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http);
        await journey.RegisterAsync(person.Profile);

        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate", new { reason = "duplicate application" });

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}: {body}");
        await CompletedAsync(journey.JourneyId);
        IReadOnlyList<TableScan.Finding> left = (await TableScan.FindAsync(host, person.Values)).OutsideTheOutbox();
        Assert.True(left.Count == 0, "after the terminate:\n" + left.Describe());
        await journey.WaitForMessageAsync(person.Email, message => JourneyDriver.Text(message).Contains("duplicate application", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserErase_WhileDepositsAwaited_202Then404AndNoTableHoldsAnyOfThePersonsValues()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http, idempotencyKey: Guid.NewGuid().ToString());
        await journey.RegisterAsync(person.Profile);
        await journey.ApplyAsync("/verification", person.BankDetails, "awaitingDepositAmounts");

        for (int retried = 0; ; retried++)
        {
            using HttpResponseMessage erase = await journey.PostAsync("/erase", null);
            if (erase.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // A busy machine: the erase ran into the request's deadline and said so (decision 15); the user asks again.
                Assert.True(retried < 5, "the erase answered 503 five times");
                continue;
            }

            if (retried > 0 && erase.StatusCode == HttpStatusCode.NotFound)
            {
                // The erase that answered 503 had begun: the journey is gone for its user, and the erasure sweep finishes
                // it (every Retention:SweepInterval) — here an operator's erase does, going on where it stopped.
                await FinishEraseAsOperatorAsync(journey.JourneyId);
                break;
            }

            Assert.Equal(HttpStatusCode.Accepted, erase.StatusCode);
            break;
        }

        using (HttpResponseMessage status = await journey.SendAsync(HttpMethod.Get, ""))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        }

        using (HttpResponseMessage again = await journey.PostAsync("/erase", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        Assert.Null(await host.Durable.GetInstanceAsync(journey.JourneyId));
        IReadOnlyList<TableScan.Finding> left = await TableScan.FindAsync(host, person.Values);
        Assert.True(left.Count == 0, "after the erase (outbox included):\n" + left.Describe());
        IReadOnlyList<TableScan.Finding> trail = await TableScan.FindAsync(host, new Dictionary<string, string> { ["journey id"] = journey.JourneyId });
        Assert.All(trail, finding => Assert.Contains(finding.Table, Erasure.TombstoneTables)); // its audit trail went too; its events end with erased, naming no one
        Assert.Contains(trail, finding => finding.Table.EndsWith("JourneyEvents", StringComparison.Ordinal));
        JsonElement erased = Assert.Single((await new Onboarding.Tests.Operators.OperatorClient(host.Http).GetAsync($"/api/ops/actions?journeyId={journey.JourneyId}")).GetProperty("items").EnumerateArray());
        Assert.Equal("the user", erased.GetProperty("by").GetString());
    }

    [Fact]
    public async Task UserErase_Verified_409RetentionRequiredWithTheDateTheRequestRecordedAndShownToOperators()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http);
        await journey.RegisterAsync(person.Profile);
        await journey.VerifyAsync(person.HolderName);

        (HttpStatusCode status, JsonElement problem) = await journey.PostJsonAsync("/erase", null);
        (HttpStatusCode repeated, JsonElement again) = await journey.PostJsonAsync("/erase", null);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("retention-required", problem.GetProperty("code").GetString());
        DateTime retainedUntil = problem.GetProperty("retainedUntil").GetDateTime();
        Assert.InRange(retainedUntil, DateTime.UtcNow.AddDays(5 * 365), DateTime.UtcNow.AddDays(5 * 365 + 2));
        Assert.Equal(HttpStatusCode.Conflict, repeated);
        Assert.Equal(retainedUntil, again.GetProperty("retainedUntil").GetDateTime());
        Assert.Equal("verified", (await journey.StatusAsync()).GetProperty("stage").GetString());

        JsonElement detail = await operators.JourneyAsync(journey.JourneyId);
        Assert.Equal(retainedUntil, detail.GetProperty("erasureRequest").GetProperty("retainedUntil").GetDateTime());
        Assert.Contains("erasure-requested", OperatorClient.EventTypes(detail));
        await operators.WaitUntilListedAsync(journey.JourneyId, "verified");
        JsonElement page = await operators.GetAsync("/api/ops/journeys?stage=verified&pageSize=100");
        JsonElement listed = page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("journeyId").GetString() == journey.JourneyId);
        Assert.Equal(retainedUntil, listed.GetProperty("erasureRequest").GetProperty("retainedUntil").GetDateTime());
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("erasureRequest").ValueKind == JsonValueKind.Null
            || item.GetProperty("journeyId").GetString() == journey.JourneyId);
    }

    [Fact]
    public async Task Verified_OnlyTheAccountHoldsThePersonsValuesAndTheIdentifyingOnesSealed()
    {
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http, idempotencyKey: Guid.NewGuid().ToString());
        await journey.RegisterAsync(person.Profile);
        await journey.VerifyAsync(person.HolderName);
        await CompletedAsync(journey.JourneyId);

        IReadOnlyList<TableScan.Finding> found = (await TableScan.FindAsync(host, person.Values)).OutsideTheOutbox();

        string[] elsewhere = found.Where(finding => finding.Table != OnboardingTables.Accounts).Select(finding => finding.ToString()).ToArray();
        Assert.True(elsewhere.Length == 0, "outside Accounts:\n" + string.Join("\n", elsewhere));
        Assert.Equal(["e-mail", "family name", "given name", "phone"], found.Select(finding => finding.Value).Distinct().Order(StringComparer.Ordinal));
        TableClient accounts = await host.Tables.GetAsync(OnboardingTables.Accounts);
        AccountRecord account = (await accounts.FindAsync<AccountRecord>(journey.JourneyId, AccountRecord.Row))!;
        Assert.True(account.Verified);
        FieldCipher cipher = host.Services.GetRequiredService<FieldCipher>();
        Assert.All(new[] { account.PassportNumber, account.DateOfBirth, account.BankAccountNumber!, account.AccountHolderName! },
            stored => Assert.StartsWith(cipher.CurrentPrefix, stored, StringComparison.Ordinal));
        Assert.Equal(person.PassportNumber, cipher.Open(PersonalField.PassportNumber, journey.JourneyId, account.PassportNumber));
        Assert.Equal(person.DateOfBirth, cipher.Open(PersonalField.DateOfBirth, journey.JourneyId, account.DateOfBirth));
        Assert.Equal(person.AccountNumber, cipher.Open(PersonalField.BankAccountNumber, journey.JourneyId, account.BankAccountNumber));
        Assert.Equal(person.HolderName, cipher.Open(PersonalField.AccountHolderName, journey.JourneyId, account.AccountHolderName));
        Assert.Equal("verified", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Expired_PhoneCodeNeverEntered_NoTableHoldsAnyOfThePersonsValues()
    {
        await using LocalHostInstance shortWindows = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
        {
            ["Journey:PhoneCodeValidity"] = "00:00:02",
        });
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(shortWindows.Http);

        await journey.WaitForStageAsync("expired", TimeSpan.FromSeconds(60));

        for (int attempt = 0; (await shortWindows.Durable.GetInstanceAsync(journey.JourneyId))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed; attempt++)
        {
            Assert.True(attempt < 300, "the expired journey did not complete");
            await Task.Delay(200);
        }

        IReadOnlyList<TableScan.Finding> left = (await TableScan.FindAsync(shortWindows, person.Values)).OutsideTheOutbox();
        Assert.True(left.Count == 0, "after the expiry:\n" + left.Describe());
        await journey.WaitForMessageAsync(person.Email, message => message.GetProperty("subject").GetString() == "Your registration has expired");
    }

    /// <summary>The journey's last steps (telling the user, removing the data) have run.</summary>
    async Task CompletedAsync(string journeyId)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while ((await host.Durable.GetInstanceAsync(journeyId))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < giveUp, $"journey {journeyId} did not complete");
            await Task.Delay(200);
        }
    }

    async Task FinishEraseAsOperatorAsync(string journeyId)
    {
        for (int retried = 0; ; retried++)
        {
            (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journeyId}");
            if (status != HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(status is HttpStatusCode.NoContent or HttpStatusCode.NotFound, $"{status}: {body}");
                return;
            }

            Assert.True(retried < 5, "the operator's erase answered 503 five times");
        }
    }
}
