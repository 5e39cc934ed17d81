using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Orchestration;
using Onboarding.Tests.EndToEnd;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Security;

/// <summary>
/// After a whole journey on the Azure Storage provider, no code, token, passport number, date
/// of birth, full account number or deposit amount appears in the status, the custom status,
/// the orchestration's input, output and history (read straight from Azurite after every step,
/// since each generation's history gives way to the next one's), or the logs.
/// </summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class SecretsStayOutTests(AzureStorageHostFixture fixture)
{
    readonly LocalHostInstance host = fixture.Host;

    [Fact]
    public async Task WholeJourney_SecretsAndPersonalData_NowhereButTheirTables()
    {
        string passport = $"P{Random.Shared.Next(1_000_000, 9_999_999)}";
        string birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 15_000)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        var secrets = new List<string> { journey.Token, journey.AccountNumber, passport, birth, journey.Phone, journey.Email };
        var statuses = new List<string> { journey.StartStatus.GetRawText() };
        var histories = new List<string>();
        async Task StepAsync(Task<(HttpStatusCode Status, JsonElement Body)> input)
        {
            statuses.Add((await input).Body.GetRawText());
            histories.Add(await ReadTaskHubRowsAsync(journey.JourneyId));
        }

        string wrongCode = (await journey.PhoneCodeAsync()) == "000000" ? "111111" : "000000";
        await StepAsync(journey.PostJsonAsync("/phone-code", new { code = wrongCode }));
        string code = await journey.PhoneCodeAsync();
        secrets.Add(code);
        await StepAsync(journey.PostJsonAsync("/phone-code", new { code }));
        Uri link = await journey.EmailLinkAsync();
        secrets.Add(JourneyDriver.TokenOf(link));
        using (HttpResponseMessage page = await host.Http.GetAsync(link.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var form = new FormUrlEncodedContent([new("token", JourneyDriver.TokenOf(link))]))
        using (HttpResponseMessage confirmed = await host.Http.PostAsync(link.AbsolutePath, form))
        {
            Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the link's confirmation: {(int)confirmed.StatusCode}"); // 202: applied after the wait
        }

        await journey.WaitForStageAsync("awaitingProfile");

        var profile = new { givenName = "Anna", familyName = "Smith", nameOrder = "givenFirst", nationality = "US", dateOfBirth = birth, passportNumber = passport };
        await StepAsync(journey.PostJsonAsync("/profile", profile));
        await StepAsync(journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber)));
        string[] amounts = await journey.DepositAmountsAsync();
        secrets.Add(string.Join(",", amounts.Order()));
        secrets.AddRange(amounts.Select(amount => $"\"{amount}\""));
        string[] wrongAmounts = JourneyDriver.WrongAmounts(amounts);
        await StepAsync(journey.PostJsonAsync("/deposit-amounts", new { amounts = wrongAmounts }));
        await StepAsync(journey.PostJsonAsync("/deposit-amounts", new { amounts }));
        statuses.Add((await journey.WaitForStageAsync("verified")).GetRawText()); // the amounts may have been answered 202 (applied after the wait) on a busy machine
        histories.Add(await ReadTaskHubRowsAsync(journey.JourneyId));

        OrchestrationMetadata instance = (await host.Durable.GetInstanceAsync(journey.JourneyId, getInputsAndOutputs: true))!;
        string orchestration = string.Join("\n", instance.SerializedCustomStatus, instance.SerializedInput, instance.SerializedOutput);
        string history = string.Join("\n", histories);
        Assert.Contains("SendDeposits", history, StringComparison.Ordinal); // every generation's history was read
        Assert.Contains(JourneyActivities.Names.CompleteVerificationV3, history, StringComparison.Ordinal);

        foreach (string secret in secrets)
        {
            Assert.All(statuses, status => Assert.DoesNotContain(secret, status, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, orchestration, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, history, StringComparison.Ordinal);
            Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Status_Masked_OnlyCountryCodeLastDigitsAndDomain()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);

        JsonElement status = await journey.StatusAsync();

        Assert.Equal($"u***@example.com", status.GetProperty("email").GetString());
        Assert.Equal($"+1******{journey.Phone[^4..]}", status.GetProperty("phoneNumber").GetString());
    }

    /// <summary>Every property of the orchestration's rows in the task hub's History and Instances tables.</summary>
    async Task<string> ReadTaskHubRowsAsync(string instanceId)
    {
        var service = new TableServiceClient(TestStorage.ConnectionString);
        var text = new System.Text.StringBuilder();
        foreach (string table in new[] { host.TaskHub + "History", host.TaskHub + "Instances" })
        {
            await foreach (TableEntity row in service.GetTableClient(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
            {
                foreach ((string key, object value) in row)
                {
                    text.Append(key).Append('=').Append(value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
