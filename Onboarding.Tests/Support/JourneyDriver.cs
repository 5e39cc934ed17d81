using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Onboarding.Tests.Support;

/// <summary>
/// Drives one journey over HTTP the way a user does: reads codes and links from
/// <c>/dev/outbox</c> and deposits from <c>/dev/bank</c>.
/// </summary>
public sealed partial class JourneyDriver
{
    static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(30);
    readonly HttpClient http;

    JourneyDriver(HttpClient http, string journeyId, string token, string email, string phone, JsonElement startStatus)
    {
        this.http = http;
        JourneyId = journeyId;
        Token = token;
        Email = email;
        Phone = phone;
        StartStatus = startStatus;
    }

    public string JourneyId { get; }
    public string Token { get; }
    public string Email { get; }
    public string Phone { get; }
    public JsonElement StartStatus { get; }
    public string AccountNumber { get; } = Builders.AccountNumber();

    public static async Task<JourneyDriver> StartAsync(HttpClient http, string? email = null, string? phone = null, string language = "en", string? idempotencyKey = null, string region = "US")
    {
        email ??= Builders.Email();
        phone ??= Builders.PhoneNumber();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/journeys") { Content = JsonContent.Create(Builders.StartBody(email, phone, region, language)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        HttpResponseMessage response = await http.SendAsync(request);
        for (int retry = 0; response.StatusCode == HttpStatusCode.ServiceUnavailable && retry < 20; retry++)
        {
            // a machine too busy for the request's deadline: as a client does, start again (the same start: idempotent by the address's claim rules)
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2));
            using var again = new HttpRequestMessage(HttpMethod.Post, "/api/journeys") { Content = JsonContent.Create(Builders.StartBody(email, phone, language: language)) };
            if (idempotencyKey is not null)
            {
                again.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            response = await http.SendAsync(again);
        }

        using HttpResponseMessage answered = response;
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start answered {(int)response.StatusCode}: {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        JsonElement root = document.RootElement;
        return new JourneyDriver(http, root.GetProperty("journeyId").GetString()!, root.GetProperty("journeyToken").GetString()!, email, phone, root.GetProperty("status").Clone());
    }

    /// <summary>The seed's person: lives in mainland China, with a Chinese mobile.</summary>
    public static Task<JourneyDriver> StartInChinaAsync(HttpClient http, string language = "en") =>
        StartAsync(http, phone: Builders.ChineseMobile(), language: language, region: "CN");

    /// <summary>A driver for a journey someone else started (the web app), to read its messages and deposits.</summary>
    public static JourneyDriver Attach(HttpClient http, string journeyId, string token, string email, string phone) =>
        new(http, journeyId, token, email, phone, default);

    public string Path(string suffix = "") => $"/api/journeys/{JourneyId}{suffix}";

    public async Task<HttpResponseMessage> PostAsync(string suffix, object? body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path(suffix))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string suffix, string? token = null)
    {
        using var request = new HttpRequestMessage(method, Path(suffix));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return await http.SendAsync(request);
    }

    /// <summary>POSTs and returns (status code, JSON body); fails the test on a non-JSON answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(string suffix, object? body)
    {
        using HttpResponseMessage response = await PostAsync(suffix, body);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>The journey's status; like a client, waits out a <c>429</c> (the reads of a journey are limited) for its <c>Retry-After</c>.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        for (int attempt = 0; ; attempt++)
        {
            using HttpResponseMessage response = await SendAsync(HttpMethod.Get, "");
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 10)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ReadJsonAsync(response);
        }
    }

    /// <summary>
    /// POSTs an input the journey takes: 200 with the status after it, or 202 (not applied within the
    /// server's wait, as on a loaded machine) and then, like a client, polls until <paramref name="applied"/> holds.
    /// </summary>
    public async Task<JsonElement> AppliedAsync(string suffix, object? body, Func<JsonElement, bool> applied)
    {
        (HttpStatusCode status, JsonElement answer) = await PostJsonAsync(suffix, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{suffix} answered {(int)status}: {answer}");
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (status != HttpStatusCode.OK && !applied(answer))
        {
            Assert.True(DateTime.UtcNow < giveUp, $"{suffix} was answered 202 and never applied: {answer}");
            await Task.Delay(100);
            answer = await StatusAsync();
        }

        Assert.True(applied(answer), $"{suffix} was applied, but not as expected: {answer}");
        return answer;
    }

    /// <summary>Polls the status until the stage is <paramref name="stage"/> (timers fire on their own).</summary>
    public async Task<JsonElement> WaitForStageAsync(string stage, TimeSpan? timeout = null)
    {
        DateTime giveUp = DateTime.UtcNow + (timeout ?? PollTimeout);
        while (true)
        {
            JsonElement status = await StatusAsync();
            if (status.GetProperty("stage").GetString() == stage)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"stage stayed {status.GetProperty("stage").GetString()}, expected {stage}");
            await Task.Delay(250);
        }
    }

    public Task<JsonElement[]> MessagesAsync(string to) => GetJsonArrayAsync($"/dev/outbox/messages?to={Uri.EscapeDataString(to)}");

    /// <summary>Waits for message number <paramref name="count"/> (from 1) to <paramref name="to"/> that matches, and returns the newest match.</summary>
    public async Task<JsonElement> WaitForMessageAsync(string to, Func<JsonElement, bool> match, int count = 1)
    {
        DateTime giveUp = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            JsonElement[] matching = (await MessagesAsync(to)).Where(match).ToArray();
            if (matching.Length >= count)
            {
                return matching[0];
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no message number {count} to {to}");
            await Task.Delay(100);
        }
    }

    /// <summary>The code of SMS number <paramref name="send"/> (from 1) with a code.</summary>
    public async Task<string> PhoneCodeAsync(int send = 1)
    {
        JsonElement sms = await WaitForMessageAsync(Phone, message => CodePattern().IsMatch(Text(message)), send);
        return CodePattern().Match(Text(sms)).Groups[1].Value;
    }

    /// <summary>The link of confirmation e-mail number <paramref name="send"/> (from 1).</summary>
    public async Task<Uri> EmailLinkAsync(int send = 1)
    {
        JsonElement mail = await WaitForMessageAsync(Email, message => LinkPattern().IsMatch(Text(message)), send);
        return new Uri(LinkPattern().Match(Text(mail)).Value);
    }

    /// <summary>The way back that the newest message to <paramref name="to"/> matching <paramref name="match"/> carries.</summary>
    public async Task<Uri> ResumeLinkAsync(string to, Func<JsonElement, bool> match)
    {
        JsonElement message = await WaitForMessageAsync(to, message => match(message) && ResumeLinkPattern().IsMatch(Text(message)));
        return new Uri(ResumeLinkPattern().Match(Text(message)).Value);
    }

    /// <summary>Whether a message carries a way back into a journey.</summary>
    public static bool CarriesResumeLink(JsonElement message) => ResumeLinkPattern().IsMatch(Text(message));

    /// <summary>The token of a link to the API's page (in the query) or to a frontend (in the fragment).</summary>
    public static string TokenOf(Uri link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Fragment.Length > 0 ? "?" + link.Fragment[1..] : link.Query)["token"][0]!;

    /// <summary>The amounts the sandbox bank shows for a verification cycle's reference.</summary>
    public async Task<string[]> DepositAmountsAsync(int cycle = 1)
    {
        string reference = $"ONB-{JourneyId[..12].ToUpperInvariant()}-{cycle}";
        DateTime giveUp = DateTime.UtcNow + PollTimeout;
        while (true)
        {
            JsonElement[] transfers = (await TransfersAsync()).Where(t => t.GetProperty("reference").GetString() == reference).ToArray();
            if (transfers.Length > 0)
            {
                return transfers.Select(t => t.GetProperty("amount").GetString()!).ToArray();
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no deposits with reference {reference}");
            await Task.Delay(100);
        }
    }

    /// <summary>Amounts that are surely not <paramref name="right"/>: the first one changed by a fen (the set differs whatever the order).</summary>
    public static string[] WrongAmounts(IReadOnlyList<string> right)
    {
        decimal first = decimal.Parse(right[0], System.Globalization.CultureInfo.InvariantCulture);
        string changed = (first == 0.99m ? first - 0.01m : first + 0.01m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return [changed, .. right.Skip(1)];
    }

    public Task<JsonElement[]> TransfersAsync() => GetJsonArrayAsync($"/dev/bank/transfers?accountNumber={AccountNumber}");

    /// <summary>
    /// POSTs an input that moves the journey to <paramref name="stage"/>: 200 with that stage, or
    /// 202 (not applied within the server's wait, e.g. on a loaded machine) and then, like a client,
    /// polls until the journey shows it; a 503 (the journey's first step not committed yet) is retried.
    /// </summary>
    public async Task<JsonElement> ApplyAsync(string suffix, object? body, string stage)
    {
        (HttpStatusCode status, JsonElement answer) = await PostJsonAsync(suffix, body);
        for (int retry = 0; status == HttpStatusCode.ServiceUnavailable && retry < 20; retry++)
        {
            // the journey's first step is not committed yet (a loaded machine): retry after the wait the answer asks for
            await Task.Delay(TimeSpan.FromSeconds(2));
            (status, answer) = await PostJsonAsync(suffix, body);
        }

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{suffix} answered {(int)status}: {answer}");
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(stage, answer.GetProperty("stage").GetString());
            return answer;
        }

        return await WaitForStageAsync(stage, TimeSpan.FromSeconds(90));
    }

    /// <summary>Phone code, e-mail link, profile (<see cref="Builders.Profile"/> unless given): the journey reaches <c>registered</c>.</summary>
    public async Task RegisterAsync(object? profile = null)
    {
        await ApplyAsync("/phone-code", new { code = await PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await ConfirmEmailAsync();
        await ApplyAsync("/profile", profile ?? Builders.Profile(), "registered");
    }

    /// <summary>Opens the newest confirmation link as a frontend would (a JSON post of its token): the journey reaches <c>awaitingProfile</c>.</summary>
    public async Task ConfirmEmailAsync(int send = 1)
    {
        Uri link = await EmailLinkAsync(send);
        using HttpResponseMessage confirmed = await http.PostAsJsonAsync(Path("/email-confirmation"), new { token = TokenOf(link) });
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"confirmation answered {(int)confirmed.StatusCode}: {await confirmed.Content.ReadAsStringAsync()}");
        await WaitForStageAsync("awaitingProfile", TimeSpan.FromSeconds(90));
    }

    /// <summary>Bank details (with the holder name of <see cref="Builders.BankDetails"/> unless given), then the amounts read from the sandbox bank: the journey is <c>verified</c>.</summary>
    public async Task<JsonElement> VerifyAsync(string? holder = null)
    {
        await ApplyAsync("/verification", holder is null ? Builders.BankDetails(AccountNumber) : Builders.BankDetails(AccountNumber, holder), "awaitingDepositAmounts");
        return await ApplyAsync("/deposit-amounts", new { amounts = await DepositAmountsAsync() }, "verified");
    }

    public static string Text(JsonElement message) => message.GetProperty("text").GetString()!;

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"expected JSON, got {(int)response.StatusCode} {response.Content.Headers.ContentType}: {body}");
            throw;
        }
    }

    async Task<JsonElement[]> GetJsonArrayAsync(string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        JsonElement body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body.EnumerateArray().Select(element => element.Clone()).ToArray();
    }

    /// <summary>Six digits on their own (not inside a link's id or token).</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_=&/.\-])(\d{6})(?![0-9A-Za-z_\-])")]
    private static partial Regex CodePattern();

    /// <summary>A way back into a journey (<c>#journey=…&amp;resume=…</c>).</summary>
    [GeneratedRegex(@"https?://\S+#journey=[0-9a-f]+&resume=[A-Za-z0-9_\-]+")]
    private static partial Regex ResumeLinkPattern();

    /// <summary>The API's confirmation page, or a frontend's (<c>Onboarding:EmailLinkBase</c>).</summary>
    [GeneratedRegex(@"https?://\S+/email-confirmation\?token=[A-Za-z0-9_\-]+|https?://\S+#journey=[0-9a-f]+&token=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
