using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Application.JourneyClient;
using Onboarding.Domain.Journeys;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Operators;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// Every stage (and the states within a stage that refuse an input: no tries, no resends) × every
/// kind of input, on the local host: the route's answer is what the domain's verdict on the journey's
/// published progress says — accepted (200/202), the wrong stage (409 stage-mismatch; 404 for an
/// e-mail link), or no tries left (429 too-many-requests naming the limit).
/// </summary>
public sealed class InputVerdictRouteTests
{
    [Fact]
    public async Task EveryStageAndInputKind_RouteAnswersTheDomainsVerdict()
    {
        // MaxCodeAttempts=1: one wrong code uses the code up; one cycle of one try: one wrong entry locks.
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:MaxCodeAttempts"] = "1",
            ["Journey:MaxVerificationCycles"] = "1",
            ["Journey:MaxDepositAttempts"] = "1",
        });
        // No resends: the resend routes refuse; one wrong code then ends the journey.
        await using LocalHostInstance noResends = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:MaxCodeAttempts"] = "1",
            ["Journey:MaxResends"] = "0",
        });

        (string Name, LocalHostInstance Host, Func<JourneyDriver, Task> Reach)[] states =
        [
            ("awaitingPhoneCode", host, _ => Task.CompletedTask),
            ("awaitingPhoneCode, code used up", host, journey => journey.ApplyAsync("/phone-code", new { code = "000000" }, "awaitingPhoneCode")),
            ("awaitingPhoneCode, no resends", noResends, _ => Task.CompletedTask),
            ("awaitingEmailConfirmation", host, async journey => await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation")),
            ("awaitingProfile", host, async journey =>
            {
                await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
                Uri link = await journey.EmailLinkAsync();
                using HttpResponseMessage confirmed = await host.Http.PostAsJsonAsync(link.AbsolutePath, new { token = JourneyDriver.TokenOf(link) });
                await journey.WaitForStageAsync("awaitingProfile");
            }),
            ("registered", host, journey => journey.RegisterAsync()),
            ("awaitingDepositAmounts", host, async journey =>
            {
                await journey.RegisterAsync();
                await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
            }),
            ("verified", host, async journey =>
            {
                await journey.RegisterAsync();
                await journey.VerifyAsync();
            }),
            ("locked", host, async journey =>
            {
                await journey.RegisterAsync();
                await journey.ApplyAsync("/verification", Builders.BankDetails(journey.AccountNumber), "awaitingDepositAmounts");
                await journey.ApplyAsync("/deposit-amounts", new { amounts = JourneyDriver.WrongAmounts(await journey.DepositAmountsAsync()) }, "locked");
            }),
            ("cancelled", host, async journey => Assert.Equal(HttpStatusCode.Accepted, (await journey.SendAsync(HttpMethod.Delete, "")).StatusCode)),
            ("expired", noResends, journey => journey.ApplyAsync("/phone-code", new { code = "000000" }, "expired")),
        ];

        var mismatches = new List<string>();
        int accepted = 0, refused = 0;
        foreach ((string name, LocalHostInstance stateHost, Func<JourneyDriver, Task> reach) in states)
        {
            // The kinds this state refuses are all asked on one journey (a refusal changes nothing);
            // each kind it accepts gets a journey of its own, brought to the state afresh.
            JourneyDriver refusing = await ReachAsync(stateHost, reach);
            foreach (InputKind kind in Enum.GetValues<InputKind>())
            {
                InputVerdict verdict = (await ProgressAsync(stateHost, refusing)).Accepts(kind, DateTime.UtcNow);
                JourneyDriver journey = verdict.IsAccepted ? await ReachAsync(stateHost, reach) : refusing;
                if (verdict.IsAccepted)
                {
                    verdict = (await ProgressAsync(stateHost, journey)).Accepts(kind, DateTime.UtcNow);
                }

                (HttpStatusCode status, JsonElement body) = await SendAsync(stateHost, journey, kind, (await ProgressAsync(stateHost, journey)).Stage.ToWireName());
                string? problem = Disagreement(kind, verdict, status, body);
                if (problem is not null)
                {
                    mismatches.Add($"{name} × {kind}: {problem}");
                }

                if (verdict.IsAccepted)
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(accepted >= 15 && refused >= 70, $"the table covers {accepted} accepted and {refused} refused cells");
    }

    static async Task<JourneyDriver> ReachAsync(LocalHostInstance host, Func<JourneyDriver, Task> reach)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await reach(journey);
        return journey;
    }

    /// <summary>What the journey published, as the routes read it.</summary>
    static async Task<JourneyProgress> ProgressAsync(LocalHostInstance host, JourneyDriver journey)
    {
        var instance = await host.Durable.GetInstanceAsync(journey.JourneyId, getInputsAndOutputs: true);
        return JourneyProgressReader.Parse(instance!.SerializedCustomStatus)!.Progress;
    }

    static async Task<(HttpStatusCode, JsonElement)> SendAsync(LocalHostInstance host, JourneyDriver journey, InputKind kind, string stage)
    {
        switch (kind)
        {
            case InputKind.PhoneCode:
                return await journey.PostJsonAsync("/phone-code", new { code = "000000" });
            case InputKind.PhoneCodeResend:
                return await journey.PostJsonAsync("/phone-code/resend", null);
            case InputKind.EmailConfirmation:
                // An open e-mail stage is published with its link on the way: wait for the link then;
                // in any other state use whatever link was sent, or none.
                string token = stage == "awaitingEmailConfirmation"
                    ? JourneyDriver.TokenOf(await journey.EmailLinkAsync())
                    : (await journey.MessagesAsync(journey.Email)).Select(JourneyDriver.Text)
                        .Where(text => text.Contains("email-confirmation?token=", StringComparison.Ordinal))
                        .Select(text => JourneyDriver.TokenOf(new Uri(text[text.IndexOf("http", StringComparison.Ordinal)..].Split(' ', '\n')[0]))).FirstOrDefault()
                        ?? "no-link-was-sent-yet-but-a-token-of-the-links-form-0000000"[..43]; // the form of a link token, so it reaches the link check
                using (HttpResponseMessage response = await host.Http.PostAsJsonAsync(journey.Path("/email-confirmation"), new { token }))
                {
                    return (response.StatusCode, await JourneyDriver.ReadJsonAsync(response));
                }

            case InputKind.EmailLinkResend:
                return await journey.PostJsonAsync("/email-confirmation/resend", null);
            case InputKind.Profile:
                return await journey.PostJsonAsync("/profile", Builders.Profile());
            case InputKind.Verification:
                return await journey.PostJsonAsync("/verification", Builders.BankDetails(journey.AccountNumber));
            case InputKind.DepositAmounts:
                return await journey.PostJsonAsync("/deposit-amounts", new { amounts = new[] { "0.01", "0.01" } });
            case InputKind.Cancellation:
                using (HttpResponseMessage response = await journey.SendAsync(HttpMethod.Delete, ""))
                {
                    return (response.StatusCode, await JourneyDriver.ReadJsonAsync(response));
                }

            case InputKind.Unlock:
                return await new OperatorClient(host.Http).SendAsync(HttpMethod.Post, $"/api/ops/journeys/{journey.JourneyId}/unlock");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Null when the answer is the verdict's; else what differs.</summary>
    static string? Disagreement(InputKind kind, InputVerdict verdict, HttpStatusCode status, JsonElement body)
    {
        string? code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out JsonElement value) ? value.GetString() : null;
        string answer = $"{(int)status} {code}";
        return verdict switch
        {
            InputVerdict.Accepted when status is HttpStatusCode.OK or HttpStatusCode.Accepted => null,
            InputVerdict.WrongStage when kind == InputKind.EmailConfirmation && status == HttpStatusCode.NotFound && code == "journey-not-found" => null,
            InputVerdict.WrongStage wrong when kind != InputKind.EmailConfirmation && status == HttpStatusCode.Conflict && code == "stage-mismatch"
                && body.GetProperty("stage").GetString() == wrong.Stage.ToWireName() => null,
            InputVerdict.NoTriesLeft used when (int)status == 429 && code == "too-many-requests" && body.GetProperty("limit").GetString() == used.Limit => null,
            _ => $"the domain says {verdict}, the route answered {answer}",
        };
    }
}
