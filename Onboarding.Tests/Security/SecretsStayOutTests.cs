using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Onboarding.Tests.EndToEnd;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Security;

/// <summary>
/// After a whole journey on the Azure Storage provider, no code, token, passport number, date
/// of birth, full account number or deposit amount appears in the status, the custom status,
/// the orchestration's input, output and history (read straight from Azurite), or the logs.
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

        string wrongCode = (await journey.PhoneCodeAsync()) == "000000" ? "111111" : "000000";
        statuses.Add((await journey.PostJsonAsync("/phone-code", new { code = wrongCode })).Body.GetRawText());
        string code = await journey.PhoneCodeAsync();
        secrets.Add(code);
        statuses.Add((await journey.PostJsonAsync("/phone-code", new { code })).Body.GetRawText());
        Uri link = await journey.EmailLinkAsync();
        secrets.Add(JourneyDriver.TokenOf(link));
        using (HttpResponseMessage page = await host.Http.GetAsync(link.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var form = new FormUrlEncodedContent([new("token", JourneyDriver.TokenOf(link))]))
        using (HttpResponseMessage confirmed = await host.Http.PostAsync(link.AbsolutePath, form))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var profile = new { givenName = "Anna", familyName = "Smith", nameOrder = "givenFirst", nationality = "US", dateOfBirth = birth, passportNumber = passport };
        statuses.Add((await journey.PostJsonAsync("/profile", profile)).Body.GetRawText());
        statuses.Add((await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber))).Body.GetRawText());
        string[] amounts = await journey.DepositAmountsAsync();
        secrets.Add(string.Join(",", amounts.Order()));
        secrets.AddRange(amounts.Select(amount => $"\"{amount}\""));
        string[] wrongAmounts = amounts.Select(amount => amount == "0.01" ? "0.02" : "0.01").ToArray();
        statuses.Add((await journey.PostJsonAsync("/deposit-amounts", new { amounts = wrongAmounts })).Body.GetRawText());
        statuses.Add((await journey.PostJsonAsync("/deposit-amounts", new { amounts })).Body.GetRawText());
        statuses.Add((await journey.StatusAsync()).GetRawText());
        Assert.Contains("\"verified\"", statuses[^1], StringComparison.Ordinal);

        OrchestrationMetadata instance = (await host.Durable.GetInstanceAsync(journey.JourneyId, getInputsAndOutputs: true))!;
        string orchestration = string.Join("\n", instance.SerializedCustomStatus, instance.SerializedInput, instance.SerializedOutput);
        string history = await ReadTaskHubRowsAsync(journey.JourneyId);
        Assert.Contains("SendDeposits", history, StringComparison.Ordinal); // the history was read

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
