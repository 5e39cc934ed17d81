using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Journeys;

/// <summary>
/// A journey's history stays bounded however many inputs arrive: inputs the stage no longer takes
/// are refused at the edge, and every part of the journey is a generation of its own (continue as
/// new). Read straight from the task hub's History table on Azurite (the Azure Storage provider).
/// </summary>
public sealed class BoundedHistoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// The most rows one generation's history holds after any number of inputs. The registration
    /// generation is the longest: start and first code, then at most 5 tries for each of 4 codes and
    /// 3 resends in its first stage, 3 link resends in the next, and the profile — about 4 rows per
    /// input the journey takes; everything else is refused before it becomes history. Measured with
    /// nearly every allowance used (this test): 126 rows; a deposit cycle 12, <c>registered</c> 4.
    /// </summary>
    public const int MaxRowsPerGeneration = 150;

    [Fact]
    public async Task TwoHundredInputs_HistoryOfEachGenerationStaysUnderTheBound()
    {
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage);
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        var answers = new List<HttpStatusCode>();
        var rowsPerGeneration = new List<int>();
        async Task SendAsync(string suffix, object? body) => answers.Add((await journey.PostJsonAsync(suffix, body)).Status);

        // In awaitingPhoneCode: every wrong code and resend it takes, then as many again that it refuses.
        for (int code = 0; code < 4; code++)
        {
            for (int attempt = 0; attempt < 8; attempt++)
            {
                if (code < 3 || attempt < 4)
                {
                    await SendAsync("/phone-code", new { code = "000000" }); // the last code keeps one try, so the journey stays
                }
                else
                {
                    await SendAsync("/profile", Builders.Profile()); // not this stage's
                }
            }

            await SendAsync("/phone-code/resend", null);
        }

        for (int more = 0; more < 20; more++)
        {
            await SendAsync("/phone-code/resend", null);
            await SendAsync("/deposit-amounts", new { amounts = new[] { "0.01", "0.02" } });
        }

        rowsPerGeneration.Add(await CurrentGenerationRowsAsync(host, journey));
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync(send: 4) }, "awaitingEmailConfirmation");

        // In awaitingEmailConfirmation: the link resends, and inputs of other stages.
        for (int resend = 0; resend < 10; resend++)
        {
            await SendAsync("/email-confirmation/resend", null);
            await SendAsync("/phone-code", new { code = "000000" });
        }

        await journey.ConfirmEmailAsync(send: 4);
        rowsPerGeneration.Add(await CurrentGenerationRowsAsync(host, journey));

        // A burst of profiles at once: all pass the edge before the first is applied.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync("/profile", Builders.Profile())));
        await journey.WaitForStageAsync("registered");
        rowsPerGeneration.Add(await CurrentGenerationRowsAsync(host, journey));

        for (int late = 0; late < 20; late++)
        {
            await SendAsync("/profile", Builders.Profile());
            await SendAsync("/phone-code", new { code = "000000" });
            await SendAsync("/email-confirmation/resend", null);
        }

        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        string[] right = await journey.DepositAmountsAsync();
        await SendAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(right) });
        await SendAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(right) });
        for (int late = 0; late < 30; late++)
        {
            await SendAsync("/verification", Builders.BankDetails(journey.AccountNumber));
        }

        rowsPerGeneration.Add(await CurrentGenerationRowsAsync(host, journey));
        await journey.ApplyAsync("/deposit-amounts", new { amounts = right }, "verified");

        output.WriteLine($"{answers.Count} inputs; History rows: registration generation in awaitingPhoneCode and in awaitingProfile, registered, deposit cycle: {string.Join(", ", rowsPerGeneration)}");
        Assert.True(answers.Count >= 200, $"{answers.Count} inputs sent");
        Assert.Contains((HttpStatusCode)429, answers); // refused at the edge: no tries or resends left
        Assert.Contains(HttpStatusCode.Conflict, answers); // refused at the edge: not this stage's
        Assert.All(rowsPerGeneration, rows => Assert.InRange(rows, 1, MaxRowsPerGeneration));
    }

    /// <summary>The History rows of the journey's current execution (its generation).</summary>
    static async Task<int> CurrentGenerationRowsAsync(LocalHostInstance host, JourneyDriver journey)
    {
        var service = new TableServiceClient(TestStorage.ConnectionString);
        TableEntity instance = (await service.GetTableClient(host.TaskHub + "Instances").GetEntityAsync<TableEntity>(journey.JourneyId, "")).Value;
        string executionId = instance.GetString("ExecutionId");
        int rows = 0;
        await foreach (TableEntity _ in service.GetTableClient(host.TaskHub + "History").QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {journey.JourneyId} and ExecutionId eq {executionId}"), select: ["RowKey"]))
        {
            rows++;
        }

        return rows;
    }
}
