using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Onboarding.Bench.Users;

/// <summary>An input as the user experienced it: from the POST until its answer showed it applied.</summary>
/// <param name="Kind">start, phoneCode, emailConfirmation, profile, verification, depositAmounts or cancel.</param>
/// <param name="Latency">POST sent → 200 with the applied status, or → the first GET that shows it after a 202.</param>
/// <param name="AppliedInAnswer">200 (the answer itself showed the input applied), not 202 and polling.</param>
public sealed record InputSample(string Kind, TimeSpan Latency, bool AppliedInAnswer);

/// <summary>
/// One person going through a journey over HTTP the way they would: codes and links from
/// <c>/dev/outbox</c>, deposits from <c>/dev/bank</c>, a 202 answered by polling the status.
/// The same logic as <c>Onboarding.Tests/Support/JourneyDriver.cs</c>, plus riding out outages.
/// </summary>
public sealed partial class SimulatedUser(Api api, Person person, Action<InputSample>? onInput = null)
{
    /// <summary>Stages in the order a journey passes them; a later one means an earlier input was applied.</summary>
    static readonly string[] Path = ["awaitingPhoneCode", "awaitingEmailConfirmation", "awaitingProfile", "registered", "awaitingDepositAmounts", "verified"];

    /// <summary>Told of every input applied (and of the start), with its latency.</summary>
    public Action<InputSample>? OnInput { get; set; } = onInput;

    public string JourneyId { get; private set; } = "";

    public string Token { get; private set; } = "";

    /// <summary>The deadline of the status the start answered with.</summary>
    public DateTime? StartDeadline { get; private set; }

    public string JourneyPath(string suffix = "") => $"/api/journeys/{JourneyId}{suffix}";

    /// <summary>POST /api/journeys with an Idempotency-Key, so a start retried through an outage converges on one journey.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "bench-" + Guid.NewGuid().ToString("N") };
        long started = Stopwatch.GetTimestamp();
        Answer answer = await api.SendAsync(() => Api.Request(HttpMethod.Post, "/api/journeys", People.StartBody(person), null, headers), cancellationToken);
        if (answer.Status != HttpStatusCode.Accepted)
        {
            throw new JourneyFailedException($"start answered {(int)answer.Status}: {answer.Body}");
        }

        OnInput?.Invoke(new InputSample("start", Stopwatch.GetElapsedTime(started), true));
        JsonElement root = answer.Json;
        JourneyId = root.GetProperty("journeyId").GetString()!;
        Token = root.GetProperty("journeyToken").GetString()!;
        StartDeadline = root.GetProperty("status").TryGetProperty("deadline", out JsonElement deadline) && deadline.ValueKind == JsonValueKind.String
            ? deadline.GetDateTime().ToUniversalTime()
            : null;
    }

    public async Task<JsonElement> StatusAsync(CancellationToken cancellationToken = default)
    {
        Answer answer = await api.GetAsync(JourneyPath(), Token, cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw new JourneyFailedException($"status of {JourneyId} answered {(int)answer.Status}: {answer.Body}");
        }

        return answer.Json;
    }

    public static string StageOf(JsonElement status) => status.GetProperty("stage").GetString()!;

    /// <summary>Polls the status until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> done, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        DateTime giveUp = DateTime.UtcNow + (timeout ?? api.Policy.StepTimeout);
        while (true)
        {
            JsonElement status = await StatusAsync(cancellationToken);
            if (done(status))
            {
                return status;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException($"{JourneyId} never showed {what}; last stage {StageOf(status)}");
            }

            await Task.Delay(api.Policy.StatusPollInterval, cancellationToken);
        }
    }

    public Task<JsonElement> WaitForStageAsync(string stage, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync(status => StageOf(status) == stage, $"stage {stage}", timeout, cancellationToken);

    /// <summary>Whether <paramref name="current"/> is <paramref name="expected"/> or a later stage of the path (so the input was applied).</summary>
    public static bool Reached(string current, string expected)
    {
        if (current == expected)
        {
            return true;
        }

        int have = Array.IndexOf(Path, current), want = Array.IndexOf(Path, expected);
        if (current == "locked")
        {
            have = Array.IndexOf(Path, "verified");
        }

        return have >= 0 && want >= 0 && have > want;
    }

    /// <summary>
    /// Sends an input that moves the journey to <paramref name="expectedStage"/> and returns once
    /// the journey shows it: 200 with that stage; or 202 and polling; or, after an outage or a
    /// 409/404 from a retried request whose first attempt got through, a status that is already there.
    /// </summary>
    public async Task<JsonElement> ApplyAsync(string kind, HttpMethod method, string suffix, object? body, string expectedStage, bool bearer = true, CancellationToken cancellationToken = default)
    {
        if (api.Policy.ThinkTime > TimeSpan.Zero)
        {
            await Task.Delay(api.Policy.ThinkTime, cancellationToken);
        }

        long started = Stopwatch.GetTimestamp();
        DateTime giveUp = DateTime.UtcNow + api.Policy.StepTimeout;
        bool retried = false;
        while (true)
        {
            Answer? answer = await api.TryOnceAsync(() => Api.Request(method, JourneyPath(suffix), body, bearer ? Token : null), cancellationToken);
            if (answer is null)
            {
                // An outage: the first attempt may or may not have reached the journey. Look before sending again.
                retried = true;
                if (DateTime.UtcNow > giveUp)
                {
                    throw new JourneyFailedException($"{kind} of {JourneyId}: the host stayed unreachable");
                }

                await Task.Delay(api.Policy.OutageRetryInterval, cancellationToken);
                JsonElement now = await StatusAsync(cancellationToken);
                if (Reached(StageOf(now), expectedStage))
                {
                    return Done(kind, started, now, applied: false);
                }

                continue;
            }

            if (answer.Status == HttpStatusCode.OK || (answer.Status == HttpStatusCode.Accepted && Reached(StageOf(answer.Json), expectedStage)))
            {
                JsonElement status = answer.Json;
                if (!Reached(StageOf(status), expectedStage))
                {
                    throw new JourneyFailedException($"{kind} of {JourneyId} answered 200 with stage {StageOf(status)}, expected {expectedStage}");
                }

                return Done(kind, started, status, applied: true);
            }

            if (answer.Status == HttpStatusCode.Accepted)
            {
                api.Counters.Accepted();
                if (api.Policy.ResendAfter is not { } resendAfter)
                {
                    JsonElement status = await WaitForAsync(now => Reached(StageOf(now), expectedStage), $"{kind} applied ({expectedStage})", cancellationToken: cancellationToken);
                    return Done(kind, started, status, applied: false);
                }

                try
                {
                    JsonElement status = await WaitForAsync(now => Reached(StageOf(now), expectedStage), $"{kind} applied ({expectedStage})", resendAfter, cancellationToken);
                    return Done(kind, started, status, applied: false);
                }
                catch (JourneyFailedException) when (DateTime.UtcNow < giveUp)
                {
                    api.Counters.Resend($"{kind} {JourneyId}");
                    retried = true;
                    continue;
                }
            }

            // A retried input whose first attempt was applied meets a stage that no longer takes it (409),
            // or a used e-mail token (404): the status tells.
            if (answer.Status is HttpStatusCode.Conflict or HttpStatusCode.NotFound && retried)
            {
                JsonElement now = await StatusAsync(cancellationToken);
                if (Reached(StageOf(now), expectedStage))
                {
                    api.Counters.ConflictAfterRetry();
                    return Done(kind, started, now, applied: false);
                }
            }

            throw new JourneyFailedException($"{kind} of {JourneyId} answered {(int)answer.Status}: {answer.Body}");
        }
    }

    JsonElement Done(string kind, long started, JsonElement status, bool applied)
    {
        OnInput?.Invoke(new InputSample(kind, Stopwatch.GetElapsedTime(started), applied));
        return status;
    }

    public async Task<JsonElement[]> MessagesAsync(string to, CancellationToken cancellationToken = default) =>
        await ArrayAsync($"/dev/outbox/messages?to={Uri.EscapeDataString(to)}", cancellationToken);

    public async Task<JsonElement[]> TransfersAsync(CancellationToken cancellationToken = default) =>
        await TransfersAsync(person.AccountNumber, cancellationToken);

    /// <summary>The statement of another account (one the user sent as their bank details besides their own).</summary>
    public async Task<JsonElement[]> TransfersAsync(string accountNumber, CancellationToken cancellationToken = default) =>
        await ArrayAsync($"/dev/bank/transfers?accountNumber={accountNumber}", cancellationToken);

    async Task<JsonElement[]> ArrayAsync(string path, CancellationToken cancellationToken)
    {
        Answer answer = await api.GetAsync(path, cancellationToken: cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            throw new JourneyFailedException($"GET {path} answered {(int)answer.Status}: {answer.Body}");
        }

        return answer.Json.EnumerateArray().Select(element => element.Clone()).ToArray();
    }

    /// <summary>Waits for a message to <paramref name="to"/> that matches and returns the newest match.</summary>
    public async Task<JsonElement> WaitForMessageAsync(string to, Func<JsonElement, bool> match, string what, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + api.Policy.StepTimeout;
        while (true)
        {
            JsonElement? found = (await MessagesAsync(to, cancellationToken)).Where(match).Cast<JsonElement?>().FirstOrDefault();
            if (found is { } message)
            {
                return message;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException($"no {what} to {to}");
            }

            await Task.Delay(api.Policy.OutboxPollInterval, cancellationToken);
        }
    }

    public static string Text(JsonElement message) => message.GetProperty("text").GetString()!;

    /// <summary>The code of the newest SMS that carries one.</summary>
    public async Task<string> PhoneCodeAsync(CancellationToken cancellationToken = default)
    {
        JsonElement sms = await WaitForMessageAsync(person.Phone, message => CodePattern().IsMatch(Text(message)), "SMS code", cancellationToken);
        return CodePattern().Match(Text(sms)).Groups[1].Value;
    }

    /// <summary>The newest confirmation link e-mailed.</summary>
    public async Task<Uri> EmailLinkAsync(CancellationToken cancellationToken = default)
    {
        JsonElement mail = await WaitForMessageAsync(person.Email, message => LinkPattern().IsMatch(Text(message)), "confirmation e-mail", cancellationToken);
        return new Uri(LinkPattern().Match(Text(mail)).Value);
    }

    public static string TokenOf(Uri link) => Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').First(part => part.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);

    public static string ReferenceOf(string journeyId, int cycle) => $"ONB-{journeyId[..12].ToUpperInvariant()}-{cycle}";

    /// <summary>The amounts the sandbox bank statement shows for a cycle, once all <paramref name="count"/> are there.</summary>
    public async Task<string[]> DepositAmountsAsync(int cycle, int count, CancellationToken cancellationToken = default)
    {
        string reference = ReferenceOf(JourneyId, cycle);
        DateTime giveUp = DateTime.UtcNow + api.Policy.StepTimeout;
        while (true)
        {
            string[] amounts = (await TransfersAsync(cancellationToken))
                .Where(transfer => transfer.GetProperty("reference").GetString() == reference)
                .Select(transfer => transfer.GetProperty("amount").GetString()!)
                .ToArray();
            if (amounts.Length >= count)
            {
                return amounts;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new JourneyFailedException($"no deposits with reference {reference}");
            }

            await Task.Delay(api.Policy.OutboxPollInterval, cancellationToken);
        }
    }

    /// <summary>Amounts that are certainly wrong: the first one changed by one fen.</summary>
    public static string[] Wrong(string[] amounts)
    {
        string[] wrong = (string[])amounts.Clone();
        int fen = (int)Math.Round(decimal.Parse(wrong[0], CultureInfo.InvariantCulture) * 100);
        int other = fen >= 99 ? 98 : fen + 1;
        wrong[0] = string.Create(CultureInfo.InvariantCulture, $"0.{other:D2}");
        return wrong;
    }

    public Task<JsonElement> EnterPhoneCodeAsync(string code, CancellationToken cancellationToken = default) =>
        ApplyAsync("phoneCode", HttpMethod.Post, "/phone-code", new { code }, "awaitingEmailConfirmation", cancellationToken: cancellationToken);

    /// <summary>The confirm button of the e-mail link page, posted as JSON like a frontend does (no journey token: the link authorises).</summary>
    public Task<JsonElement> ConfirmEmailAsync(Uri link, CancellationToken cancellationToken = default) =>
        ApplyAsync("emailConfirmation", HttpMethod.Post, "/email-confirmation", new { token = TokenOf(link) }, "awaitingProfile", bearer: false, cancellationToken: cancellationToken);

    public Task<JsonElement> SubmitProfileAsync(CancellationToken cancellationToken = default) =>
        ApplyAsync("profile", HttpMethod.Post, "/profile", People.Profile(person), "registered", cancellationToken: cancellationToken);

    public Task<JsonElement> RequestVerificationAsync(CancellationToken cancellationToken = default) =>
        ApplyAsync("verification", HttpMethod.Post, "/verification", People.BankDetails(person), "awaitingDepositAmounts", cancellationToken: cancellationToken);

    public Task<JsonElement> EnterAmountsAsync(string[] amounts, string expectedStage, CancellationToken cancellationToken = default) =>
        ApplyAsync("depositAmounts", HttpMethod.Post, "/deposit-amounts", new { amounts }, expectedStage, cancellationToken: cancellationToken);

    /// <summary>DELETE: 202, and the status shows <c>cancelled</c> (polled when the answer came before the journey applied it).</summary>
    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        DateTime giveUp = DateTime.UtcNow + api.Policy.StepTimeout;
        while (true)
        {
            Answer? answer = await api.TryOnceAsync(() => Api.Request(HttpMethod.Delete, JourneyPath(), null, Token), cancellationToken);
            if (answer is { Status: HttpStatusCode.Accepted } && StageOf(answer.Json) == "cancelled")
            {
                Done("cancel", started, answer.Json, applied: true);
                return;
            }

            if (answer is { Status: HttpStatusCode.Accepted or HttpStatusCode.Conflict } || answer is null)
            {
                if (answer is null)
                {
                    await Task.Delay(api.Policy.OutageRetryInterval, cancellationToken);
                }

                JsonElement now = await StatusAsync(cancellationToken);
                if (StageOf(now) == "cancelled")
                {
                    Done("cancel", started, now, applied: false);
                    return;
                }

                if (answer is { Status: HttpStatusCode.Accepted })
                {
                    api.Counters.Accepted();
                    try
                    {
                        Done("cancel", started, await WaitForStageAsync("cancelled", api.Policy.ResendAfter, cancellationToken), applied: false);
                        return;
                    }
                    catch (JourneyFailedException) when (api.Policy.ResendAfter is not null && DateTime.UtcNow < giveUp)
                    {
                        api.Counters.Resend($"cancel {JourneyId}");
                        continue;
                    }
                }

                if (answer is { Status: HttpStatusCode.Conflict })
                {
                    throw new JourneyFailedException($"cancel of {JourneyId} answered 409 in stage {StageOf(now)}");
                }

                if (DateTime.UtcNow > giveUp)
                {
                    throw new JourneyFailedException($"cancel of {JourneyId}: the host stayed unreachable");
                }

                continue;
            }

            throw new JourneyFailedException($"cancel of {JourneyId} answered {(int)answer.Status}: {answer.Body}");
        }
    }

    /// <summary>Start to <c>registered</c>: phone code, e-mail link, profile.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken = default)
    {
        await EnterPhoneCodeAsync(await PhoneCodeAsync(cancellationToken), cancellationToken);
        await ConfirmEmailAsync(await EmailLinkAsync(cancellationToken), cancellationToken);
        await SubmitProfileAsync(cancellationToken);
    }

    /// <summary>Bank details, then the amounts from the statement: <c>verified</c> (or, with wrong amounts, the stage given).</summary>
    public async Task VerifyAsync(bool rightAmounts = true, string expectedStage = "verified", CancellationToken cancellationToken = default)
    {
        JsonElement status = await RequestVerificationAsync(cancellationToken);
        int count = status.TryGetProperty("verification", out JsonElement verification) && verification.ValueKind == JsonValueKind.Object
            ? verification.GetProperty("depositCount").GetInt32()
            : 2;
        string[] amounts = await DepositAmountsAsync(1, count, cancellationToken);
        await EnterAmountsAsync(rightAmounts ? amounts : Wrong(amounts), expectedStage, cancellationToken);
    }

    /// <summary>The whole journey, start to <c>verified</c>.</summary>
    public async Task RunFullJourneyAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await RegisterAsync(cancellationToken);
        await VerifyAsync(cancellationToken: cancellationToken);
    }

    [GeneratedRegex(@"(?<!\d)(\d{6})(?!\d)")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+/email-confirmation\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
