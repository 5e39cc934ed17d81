using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.PersonalData;

/// <summary>
/// <see cref="OnboardingTables.PersonalData"/> against what whole journeys really write on
/// Azurite: after one journey to <c>verified</c> and one to <c>cancelled</c> on a local host with
/// its own table prefix, no table outside the list holds any of the two people's values, and every
/// table on the list exists (so the list can go stale neither way).
/// The task hub's tables are Durable's, not the app's (their names start with the task hub's name,
/// not the table prefix): the orchestration must hold none of those values either, so the test
/// reads every table of the task hub — History and Instances among them — and finds none there.
/// (The task hub's queues carry the same messages the History table records, only while they are
/// in flight; its blobs hold leases, and large messages, which these journeys do not have.)
/// </summary>
public sealed class PersonalDataTablesTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task WholeJourneys_PersonsValues_OnlyInTheListedTablesAndEveryListedTableMade()
    {
        var verified = Person.New();
        var cancelled = Person.New();

        JourneyDriver first = await JourneyDriver.StartAsync(host.Http, verified.Email, verified.Phone, idempotencyKey: Guid.NewGuid().ToString());
        await first.RegisterAsync(verified.Profile);
        verified.AccountNumber = first.AccountNumber;
        await first.VerifyAsync(verified.HolderName);
        using (HttpResponseMessage erase = await first.PostAsync("/erase", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, erase.StatusCode); // the KYC record stays: the request is recorded
        }

        JourneyDriver second = await JourneyDriver.StartAsync(host.Http, cancelled.Email, cancelled.Phone);
        await second.RegisterAsync(cancelled.Profile);
        cancelled.AccountNumber = second.AccountNumber;
        await second.ApplyAsync("/verification", Builders.BankDetails(second.AccountNumber, cancelled.HolderName), "awaitingDepositAmounts");
        using (HttpResponseMessage cancel = await second.SendAsync(HttpMethod.Delete, ""))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await second.WaitForStageAsync("cancelled");
        // The journeys' last activities (telling the user, releasing the address) have written what they write.
        await CompletedAsync(first.JourneyId);
        await CompletedAsync(second.JourneyId);

        IReadOnlyDictionary<string, string> values = verified.Values().Concat(cancelled.Values()).ToDictionary();
        var service = new TableServiceClient(TestStorage.ConnectionString);
        var appTables = new List<string>();
        var hubTables = new List<string>();
        await foreach (TableItem table in service.QueryAsync())
        {
            if (table.Name.StartsWith(host.TablePrefix, StringComparison.Ordinal))
            {
                appTables.Add(table.Name[host.TablePrefix.Length..]);
            }
            else if (table.Name.StartsWith(host.TaskHub, StringComparison.Ordinal))
            {
                hubTables.Add(table.Name);
            }
        }

        string[] listed = OnboardingTables.PersonalData.Select(table => table.Name).ToArray();
        var found = new List<(string Table, string Finding)>();
        foreach (string table in appTables)
        {
            found.AddRange((await FindAsync(service, host.TablePrefix + table, values)).Select(finding => (table, finding)));
        }

        // The scan reads real rows: the verified person's account (the KYC record) holds the values
        // kept in plain text (the sealed ones, passport, birth date and bank details, are in no table plain).
        Assert.All(verified.Values().Take(4), value => Assert.Contains(found, finding =>
            finding.Table == OnboardingTables.Accounts && finding.Finding.StartsWith(value.Key + " in ", StringComparison.Ordinal)));
        string[] unlisted = found.Where(finding => !listed.Contains(finding.Table)).Select(finding => $"{finding.Table}: {finding.Finding}").ToArray();
        Assert.True(unlisted.Length == 0, "Tables that hold personal data but are not in OnboardingTables.PersonalData (add them, with how a journey's rows are found, so the eraser deletes them):\n" + string.Join("\n", unlisted));
        string[] neverMade = listed.Except(appTables).ToArray();
        Assert.True(neverMade.Length == 0, "Tables in OnboardingTables.PersonalData that whole journeys never made (a stale entry?): " + string.Join(", ", neverMade));

        Assert.Contains(host.TaskHub + "History", hubTables);
        Assert.Contains(host.TaskHub + "Instances", hubTables);
        var inHistory = new List<string>();
        foreach (string table in hubTables)
        {
            inHistory.AddRange((await FindAsync(service, table, values)).Select(finding => $"{table}: {finding}"));
        }

        Assert.True(inHistory.Count == 0, "Personal data in the task hub:\n" + string.Join("\n", inHistory));
    }

    async Task CompletedAsync(string journeyId)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while ((await host.Durable.GetInstanceAsync(journeyId))?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < giveUp, $"journey {journeyId} did not complete");
            await Task.Delay(200);
        }
    }

    /// <summary>Which values appear (ignoring case) in which row of the table: in its keys or any column.</summary>
    static async Task<List<string>> FindAsync(TableServiceClient service, string table, IReadOnlyDictionary<string, string> values)
    {
        var findings = new List<string>();
        await foreach (TableEntity row in service.GetTableClient(table).QueryAsync<TableEntity>())
        {
            foreach ((string name, object value) in row)
            {
                string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                findings.AddRange(values
                    .Where(pair => text.Contains(pair.Value, StringComparison.OrdinalIgnoreCase))
                    .Select(pair => $"{pair.Key} in {name} of row ({row.PartitionKey}, {row.RowKey})"));
            }
        }

        return findings;
    }

    /// <summary>A test person whose every value is unique to this test run.</summary>
    sealed class Person
    {
        public required string Label { get; init; }
        public required string Email { get; init; }
        public required string Phone { get; init; }
        public required string GivenName { get; init; }
        public required string FamilyName { get; init; }
        public required string PassportNumber { get; init; }
        public required string DateOfBirth { get; init; }
        public string AccountNumber { get; set; } = "";

        public string HolderName => $"{FamilyName} {GivenName}".ToUpperInvariant();

        public object Profile => new { givenName = GivenName, familyName = FamilyName, nameOrder = "givenFirst", nationality = "US", dateOfBirth = DateOfBirth, passportNumber = PassportNumber };

        static int count;

        public static Person New() => new()
        {
            Label = Interlocked.Increment(ref count) == 1 ? "verified" : "cancelled",
            Email = Builders.Email(),
            Phone = Builders.PhoneNumber(),
            GivenName = "Ottilie" + Letters(6),
            FamilyName = "Vandermeer" + Letters(6),
            PassportNumber = "P" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            DateOfBirth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 15_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        /// <summary>Each value, named for what it is: e-mail, phone (E.164), names, passport number, birth date, account number, holder name.</summary>
        public IEnumerable<KeyValuePair<string, string>> Values() =>
        [
            new($"{Label} e-mail", Email),
            new($"{Label} phone", Phone),
            new($"{Label} given name", GivenName),
            new($"{Label} family name", FamilyName),
            new($"{Label} passport number", PassportNumber),
            new($"{Label} date of birth", DateOfBirth),
            new($"{Label} bank account number", AccountNumber),
            new($"{Label} holder name", HolderName),
        ];

        static string Letters(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + Random.Shared.Next(26))));
    }
}
