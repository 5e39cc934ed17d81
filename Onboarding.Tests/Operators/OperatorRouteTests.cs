using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>The operator routes end to end on the local host (Azure Storage provider on Azurite), each with its own tables.</summary>
public sealed class OperatorRouteTests : IAsyncLifetime
{
    LocalHostInstance host = null!;
    OperatorClient operators = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, new Dictionary<string, string?>
        {
            ["Journey:MaxVerificationCycles"] = "1",
            ["Journey:MaxDepositAttempts"] = "1",
        });
        operators = new OperatorClient(host.Http);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task OpsRoutes_MissingOrWrongKey_401(string? key)
    {
        foreach ((HttpMethod method, string path) in new[]
        {
            (HttpMethod.Get, "/api/ops/journeys"),
            (HttpMethod.Get, "/api/ops/journeys/0123456789abcdef0123456789abcdef"),
            (HttpMethod.Delete, "/api/ops/journeys/0123456789abcdef0123456789abcdef"),
            (HttpMethod.Post, "/api/ops/journeys/0123456789abcdef0123456789abcdef/unlock"),
            (HttpMethod.Get, "/api/ops/funnel"),
        })
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            using HttpResponseMessage response = await host.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("operator-key-required", (await JourneyDriver.ReadJsonAsync(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Detail_RegisteredJourney_LiveStatusRuntimeStatusAndAuditTrailWithoutSecrets()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        string code = await journey.PhoneCodeAsync();
        await journey.RegisterAsync();

        JsonElement detail = await operators.JourneyAsync(journey.JourneyId);
        Assert.Equal("registered", detail.GetProperty("stage").GetString());
        Assert.Equal("running", detail.GetProperty("runtimeStatus").GetString());

        // The trail is written by the journey's reports, which run after the status they report: it may lag a moment.
        for (int read = 0; read < 50 && OperatorClient.EventTypes(detail).Count(type => type == "stage-changed") < 4; read++)
        {
            await Task.Delay(100);
            detail = await operators.JourneyAsync(journey.JourneyId);
        }

        Assert.Equal("u***@example.com", detail.GetProperty("email").GetString());
        string[] types = OperatorClient.EventTypes(detail);
        Assert.Equal(4, types.Count(type => type == "stage-changed"));
        Assert.Contains("message-sent", types);
        string[] details = detail.GetProperty("events").EnumerateArray().Select(entry => entry.GetProperty("detail").GetString()!).ToArray();
        Assert.Contains(details, text => text.Contains("awaitingProfile → registered", StringComparison.Ordinal));
        Assert.Contains(details, text => text.Contains("SMS to +1******", StringComparison.Ordinal));
        DateTime[] times = detail.GetProperty("events").EnumerateArray().Select(entry => entry.GetProperty("at").GetDateTime()).ToArray();
        Assert.Equal(times.Order(), times);
        string raw = detail.GetRawText();
        Assert.DoesNotContain(code, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(journey.Email, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("X1234567", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_UnknownJourney_404()
    {
        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Get, "/api/ops/journeys/ffffffffffffffffffffffffffffffff");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("journey-not-found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Terminate_RunningJourney_CancelledUserToldReasonAudited()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();

        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate", new { reason = "duplicate application" });

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}: {body}");
        await journey.WaitForStageAsync("cancelled");
        JsonElement mail = await journey.WaitForMessageAsync(journey.Email, message => JourneyDriver.Text(message).Contains("duplicate application", StringComparison.Ordinal));
        Assert.Equal("Your registration was cancelled", mail.GetProperty("subject").GetString());
        JsonElement detail = await operators.JourneyAsync(journey.JourneyId);
        Assert.Contains("operator-terminated", OperatorClient.EventTypes(detail));
        (HttpStatusCode again, JsonElement refused) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("stage-mismatch", refused.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":""}""")]
    [InlineData("""{"reason":"   "}""")]
    public async Task Terminate_NoReason_400(string body)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/terminate")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", LocalHostInstance.OperatorKey);

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("awaitingPhoneCode", (await journey.StatusAsync()).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Unlock_LockedJourney_OneMoreCycleThenVerified()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.RegisterAsync();
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        string[] amounts = await journey.DepositAmountsAsync();
        await journey.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(amounts) }, "locked");
        (HttpStatusCode early, _) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{JourneyIdOfOtherStage()}/unlock");
        Assert.Equal(HttpStatusCode.NotFound, early);

        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/unlock");

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}: {body}");
        JsonElement registered = await journey.WaitForStageAsync("registered");
        Assert.Equal(1, registered.GetProperty("verification").GetProperty("cyclesRemaining").GetInt32());
        Assert.Contains("operator-unlocked", OperatorClient.EventTypes(await operators.JourneyAsync(journey.JourneyId)));
        await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "You can verify again");
        await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
        await journey.ApplyAsync("/deposit-amounts", new { amounts = await journey.DepositAmountsAsync(cycle: 2) }, "verified");
    }

    [Fact]
    public async Task Unlock_NotLocked_409StageMismatch()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);

        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/unlock");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("awaitingPhoneCode", body.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Erase_VerifiedJourney_NoPersonalDataInAnyTableNoHistoryAndTheErasureInTheActionLog()
    {
        // Started with an Idempotency-Key, so that its record is among what the erase deletes.
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http, idempotencyKey: Guid.NewGuid().ToString());
        await journey.RegisterAsync();
        await journey.VerifyAsync();
        string[] personal = [journey.Email, journey.Phone, journey.AccountNumber, "X1234567", "1990-01-31", journey.Token];

        (HttpStatusCode status, _) = await operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        (HttpStatusCode gone, _) = await operators.SendAsync(HttpMethod.Get, $"/api/ops/journeys/{journey.JourneyId}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        using HttpResponseMessage userView = await journey.SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.NotFound, userView.StatusCode);
        Assert.Null(await host.Durable.GetInstanceAsync(journey.JourneyId));

        var service = new TableServiceClient(TestStorage.ConnectionString);
        var leftovers = new List<string>();
        var tombstones = new List<string>();
        await foreach (TableItem table in service.QueryAsync())
        {
            if (!table.Name.StartsWith(host.TablePrefix, StringComparison.Ordinal) && !table.Name.StartsWith(host.TaskHub, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (TableEntity row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                string text = string.Join("|", row.Select(pair => $"{pair.Key}={pair.Value}"));
                if (personal.Any(value => text.Contains(value, StringComparison.Ordinal)))
                {
                    leftovers.Add($"{table.Name}: {text}");
                }

                if (text.Contains(journey.JourneyId, StringComparison.Ordinal))
                {
                    (Erasure.IsTombstone(table.Name, row) ? tombstones : leftovers).Add($"{table.Name}: {text}");
                }
            }
        }

        Assert.Empty(leftovers); // the audit trail too: no row names the journey but its events' end
        Assert.Contains(tombstones, tombstone => tombstone.Contains("JourneyEvents:", StringComparison.Ordinal));
        JsonElement erased = Assert.Single((await operators.GetAsync($"/api/ops/actions?journeyId={journey.JourneyId}")).GetProperty("items").EnumerateArray());
        Assert.Equal("erased", erased.GetProperty("action").GetString());
        Assert.Equal("automation (operator key)", erased.GetProperty("by").GetString());
        Assert.Equal(Onboarding.Application.Operators.ActionLog.JourneyReference(journey.JourneyId), erased.GetProperty("journey").GetString());
    }

    [Fact]
    public async Task Erase_RunningJourney_OrchestrationEndedAndPurged()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);

        (HttpStatusCode status, _) = await operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(await host.Durable.GetInstanceAsync(journey.JourneyId));
        JourneyDriver again = await JourneyDriver.StartAsync(host.Http, email: journey.Email);
        Assert.NotEqual(journey.JourneyId, again.JourneyId);
    }

    [Fact]
    public async Task Erase_RequestsWhileItRuns_NeverA5xxAndOnce404AlwaysAfter()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.PhoneCodeAsync();

        Task<(HttpStatusCode, JsonElement)> erase = operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");
        var answers = new List<string>();
        int retried = 0;
        HttpStatusCode erased;
        while (true)
        {
            while (!erase.IsCompleted)
            {
                // An input its stage refuses: it reads the journey's progress and changes nothing.
                using (HttpResponseMessage input = await journey.PostAsync("/email-confirmation/resend", null))
                {
                    answers.Add($"input {(int)input.StatusCode}");
                }

                using HttpResponseMessage status = await journey.SendAsync(HttpMethod.Get, "");
                answers.Add($"status {(int)status.StatusCode}");
            }

            (erased, JsonElement answer) = await erase;
            if (erased != HttpStatusCode.ServiceUnavailable)
            {
                break;
            }

            // A busy machine: the erase ran into the request's deadline and said so (decision 15). As a
            // client does, ask again: an erase goes on where the last one stopped.
            Assert.True(++retried <= 5, $"the erase answered 503 {retried} times: {answer}");
            erase = operators.SendAsync(HttpMethod.Delete, $"/api/ops/journeys/{journey.JourneyId}");
        }

        // 404 only when an erase answered 503 and then finished anyway.
        Assert.True(erased == HttpStatusCode.NoContent || (retried > 0 && erased == HttpStatusCode.NotFound), $"the erase answered {(int)erased}");
        Assert.True(answers.Count >= 10, $"only {answers.Count} requests while the erase ran");
        int gone = answers.FindIndex(answer => answer.EndsWith(" 404", StringComparison.Ordinal));
        Assert.True(gone >= 0, "the journey never disappeared: " + string.Join(", ", answers.Distinct()));
        Assert.All(answers.Take(gone), answer => Assert.Contains(answer, new[] { "input 409", "status 200" }));
        Assert.All(answers.Skip(gone), answer => Assert.EndsWith(" 404", answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListAndFunnel_JourneysInSeveralStages_FilteredPagedNewestFirstAndCounted()
    {
        DateTime before = DateTime.UtcNow.AddSeconds(-1);
        var started = new List<JourneyDriver>();
        for (int i = 0; i < 5; i++)
        {
            started.Add(await JourneyDriver.StartAsync(host.Http));
        }

        await started[3].RegisterAsync();
        await started[4].RegisterAsync();
        using (await started[2].SendAsync(HttpMethod.Delete, ""))
        {
        }

        await started[2].WaitForStageAsync("cancelled");
        string range = $"&createdFrom={before:yyyy-MM-ddTHH:mm:ssZ}";
        await operators.WaitUntilListedAsync(started[2].JourneyId, "cancelled");
        await operators.WaitUntilListedAsync(started[4].JourneyId, "registered");

        List<string> all = await operators.ListIdsAsync(range, pageSize: 2);
        Assert.Equal(started.Select(journey => journey.JourneyId).Reverse(), all.Where(id => started.Any(journey => journey.JourneyId == id)));
        Assert.Equal(all.Distinct().Count(), all.Count);
        List<string> registered = await operators.ListIdsAsync(range + "&stage=registered");
        Assert.Equal([started[4].JourneyId, started[3].JourneyId], registered);
        List<string> waiting = await operators.ListIdsAsync(range + "&stage=awaitingPhoneCode");
        Assert.Equal([started[1].JourneyId, started[0].JourneyId], waiting);
        Assert.Empty(await operators.ListIdsAsync($"&createdTo={before.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}"));

        JsonElement funnel = await operators.GetAsync($"/api/ops/funnel?from={before:yyyy-MM-ddTHH:mm:ssZ}");
        JsonElement stages = funnel.GetProperty("stages");
        Assert.True(stages.GetProperty("registered").GetInt32() >= 2);
        Assert.True(stages.GetProperty("cancelled").GetInt32() >= 1);
        Assert.Equal(stages.EnumerateObject().Sum(stage => stage.Value.GetInt32()), funnel.GetProperty("total").GetInt32());
        Assert.Equal(9, stages.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("?stage=nonsense", "stage")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=1000", "pageSize")]
    [InlineData("?createdFrom=yesterday", "createdFrom")]
    [InlineData("?continuationToken=%25%25%25", "continuationToken")]
    [InlineData("?continuationToken=J3x8J29yIDEgZXEgMQ", "continuationToken")]
    [InlineData("?createdFrom=2026-12-01T00:00:00Z&createdTo=2026-11-01T00:00:00Z", "createdTo")]
    public async Task List_BadQuery_400NamingTheParameter(string query, string parameter)
    {
        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Get, "/api/ops/journeys" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _), body.ToString());
    }

    [Fact]
    public async Task Funnel_RangeEndingBeforeItBegins_400NotAnEmptyFunnel()
    {
        (HttpStatusCode status, JsonElement body) = await operators.SendAsync(HttpMethod.Get, "/api/ops/funnel?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("to", out _), body.ToString());
    }

    static string JourneyIdOfOtherStage() => "0123456789abcdef0123456789abcdef";
}
