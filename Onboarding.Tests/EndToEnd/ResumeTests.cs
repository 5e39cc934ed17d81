using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Application.Resume;
using Onboarding.Application.Storage;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>
/// Ways back into a journey over a real HTTP listener: the link a message carries works once, for
/// a new device beside the first, and not after its validity; two presses at once let one device
/// in; a device past the eighth signs out the oldest; a way back asked for by e-mail gets the same
/// answer for every address; the confirming device gets one of its own.
/// </summary>
public sealed class ResumeTests : IAsyncLifetime
{
    LocalHostInstance host = null!;

    public async Task InitializeAsync() => host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
    {
        ["Onboarding:EmailLinkBase"] = LocalHostInstance.PublicBaseUrlPlaceholder + "/",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<(HttpStatusCode Status, JsonElement Body)> ResumeAsync(string journeyId, string token)
    {
        using HttpResponseMessage response = await host.Http.PostAsJsonAsync($"/api/journeys/{journeyId}/resume", new { token });
        return (response.StatusCode, await JourneyDriver.ReadJsonAsync(response));
    }

    static string ResumeTokenOf(Uri link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + link.Fragment[1..])["resume"][0]!;

    async Task<HttpStatusCode> StatusWithAsync(JourneyDriver journey, string token)
    {
        using HttpResponseMessage response = await journey.SendAsync(HttpMethod.Get, "", token);
        return response.StatusCode;
    }

    [Fact]
    public async Task Resume_TheWelcomeMailsLink_WorksOnceForANewDeviceBesideTheFirst()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        await journey.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        Uri link = await journey.ResumeLinkAsync(journey.Email, message => JourneyDriver.Text(message).Contains("registered", StringComparison.Ordinal));

        // The link opens the web app with the token in the fragment: no server ever sees it, and the journey token is not in it.
        Assert.Equal(new Uri(host.BaseAddress, "/"), new Uri(link.GetLeftPart(UriPartial.Path)));
        Assert.Empty(link.Query);
        Assert.DoesNotContain(journey.Token, link.ToString(), StringComparison.Ordinal);
        string token = ResumeTokenOf(link);

        (HttpStatusCode status, JsonElement body) = await ResumeAsync(journey.JourneyId, token);
        Assert.Equal(HttpStatusCode.OK, status);
        string deviceToken = body.GetProperty("journeyToken").GetString()!;
        Assert.NotEqual(journey.Token, deviceToken);
        Assert.Equal("registered", body.GetProperty("status").GetProperty("stage").GetString());

        // Both devices are in: reads, inputs and the event stream.
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(journey, deviceToken));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(journey, journey.Token));
        using (var events = new HttpRequestMessage(HttpMethod.Get, journey.Path("/events")))
        {
            events.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deviceToken);
            using HttpResponseMessage stream = await host.Http.SendAsync(events, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }

        using (HttpResponseMessage verification = await journey.PostAsync("/verification", Builders.BankDetails(journey.AccountNumber), deviceToken))
        {
            Assert.True(verification.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{verification.StatusCode}");
        }

        // Once.
        (HttpStatusCode again, JsonElement problem) = await ResumeAsync(journey.JourneyId, token);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("journey-not-found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resume_WrongTokenOtherJourneysTokenOrExpired_TheSame404AndATokenOfAnotherForm400()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        JourneyDriver other = await JourneyDriver.StartInChinaAsync(host.Http);
        ResumeLinks ways = host.Services.GetRequiredService<ResumeLinks>();
        string othersToken = ResumeTokenOf(await ways.IssueAsync(other.JourneyId));
        string expiring = ResumeTokenOf(await ways.IssueAsync(journey.JourneyId));

        // The link's row says it expired a moment ago.
        TableClient links = await host.Tables.GetAsync(OnboardingTables.ResumeLinks);
        ResumeLinkRow row = links.Query<ResumeLinkRow>(TableClient.CreateQueryFilter($"PartitionKey eq {journey.JourneyId}")).Single();
        row.ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await links.UpdateEntityAsync(row, row.ETag);

        foreach ((string journeyId, string token) in new[] { (journey.JourneyId, Onboarding.Application.Security.JourneySecrets.NewToken()), (journey.JourneyId, othersToken), (journey.JourneyId, expiring), ("0123456789abcdef0123456789abcdef", othersToken) })
        {
            (HttpStatusCode status, JsonElement problem) = await ResumeAsync(journeyId, token);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("journey-not-found", problem.GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await ResumeAsync(other.JourneyId, othersToken)).Status);
        foreach (string malformed in new[] { "", "not-a-token", othersToken + "x" })
        {
            (HttpStatusCode status, JsonElement invalid) = await ResumeAsync(journey.JourneyId, malformed);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("validation-failed", invalid.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Resume_TwoPressesAtOnce_OneDeviceGetsIn()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        string token = ResumeTokenOf(await host.Services.GetRequiredService<ResumeLinks>().IssueAsync(journey.JourneyId));

        (HttpStatusCode Status, JsonElement Body)[] answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ResumeAsync(journey.JourneyId, token)));

        Assert.Equal(1, answers.Count(answer => answer.Status == HttpStatusCode.OK));
        Assert.Equal(4, answers.Count(answer => answer.Status == HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Resume_ANinthDevice_SignsOutTheOldestButNeverTheFirst()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        ResumeLinks ways = host.Services.GetRequiredService<ResumeLinks>();
        var devices = new List<string>();
        for (int i = 0; i < JourneyRecord.MaxDevices + 1; i++)
        {
            (HttpStatusCode status, JsonElement body) = await ResumeAsync(journey.JourneyId, ResumeTokenOf(await ways.IssueAsync(journey.JourneyId)));
            Assert.Equal(HttpStatusCode.OK, status);
            devices.Add(body.GetProperty("journeyToken").GetString()!);
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusWithAsync(journey, devices[0]));
        foreach (string device in devices.Skip(1))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(journey, device));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(journey, journey.Token));
    }

    [Fact]
    public async Task EmailConfirmation_TheConfirmingDevice_GetsAWayBackOfItsOwn()
    {
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        Uri link = await journey.EmailLinkAsync();

        using HttpResponseMessage confirmed = await host.Http.PostAsJsonAsync(journey.Path("/email-confirmation"), new { token = JourneyDriver.TokenOf(link) });
        JsonElement body = await JourneyDriver.ReadJsonAsync(confirmed);
        Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{confirmed.StatusCode}");
        string resumeToken = body.GetProperty("resumeToken").GetString()!;

        (HttpStatusCode status, JsonElement resumed) = await ResumeAsync(journey.JourneyId, resumeToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(journey.JourneyId, resumed.GetProperty("journeyId").GetString());
    }

    [Fact]
    public async Task EmailConfirmation_ThePagesForm_LinksToTheAppOnThisDevice()
    {
        await using LocalHostInstance apiPages = await LocalHostInstance.StartAsync(DurableBackend.InMemory);
        JourneyDriver journey = await JourneyDriver.StartInChinaAsync(apiPages.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        Uri link = await journey.EmailLinkAsync();

        using HttpResponseMessage page = await apiPages.Http.PostAsync(journey.Path("/email-confirmation"),
            new FormUrlEncodedContent([new("token", JourneyDriver.TokenOf(link))]));
        string html = await page.Content.ReadAsStringAsync();

        Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{page.StatusCode}");
        System.Text.RegularExpressions.Match continueHere = System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]+#journey=[0-9a-f]+&amp;resume=[^\"]+)\"");
        Assert.True(continueHere.Success, html);
        string token = System.Net.WebUtility.HtmlDecode(continueHere.Groups[1].Value).Split("resume=")[1];
        using HttpResponseMessage resumed = await apiPages.Http.PostAsJsonAsync(journey.Path("/resume"), new { token });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
    }

    [Fact]
    public async Task ResumeLinkRequest_AnyAddress_202AlikeAndOnlyARunningJourneysOwnerGetsAMail()
    {
        JourneyDriver running = await JourneyDriver.StartInChinaAsync(host.Http);
        await running.ApplyAsync("/phone-code", new { code = await running.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await running.ConfirmEmailAsync();
        JourneyDriver unconfirmed = await JourneyDriver.StartInChinaAsync(host.Http);
        string unknown = Builders.Email();

        var answers = new List<(HttpStatusCode, string)>();
        foreach (string email in new[] { running.Email, unconfirmed.Email, unknown })
        {
            using HttpResponseMessage response = await host.Http.PostAsJsonAsync("/api/resume-links", new { email });
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Accepted, ""), answer));
        Uri link = await running.ResumeLinkAsync(running.Email, message => message.GetProperty("subject").GetString() == "Continue your registration");
        Assert.Equal(HttpStatusCode.OK, (await ResumeAsync(running.JourneyId, ResumeTokenOf(link))).Status);
        await Task.Delay(500); // the others would have been sent by now
        Assert.Empty(await running.MessagesAsync(unknown));
        Assert.DoesNotContain(await unconfirmed.MessagesAsync(unconfirmed.Email), message => message.GetProperty("subject").GetString() == "Continue your registration");
    }

    [Fact]
    public async Task ResumeLinkRequest_AFourthForOneAddressWithinTheHour_429AndABadAddress400()
    {
        string email = Builders.Email();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage response = await host.Http.PostAsJsonAsync("/api/resume-links", new { email });
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                JsonElement problem = await JourneyDriver.ReadJsonAsync(response);
                Assert.Equal("resume-links-per-address", problem.GetProperty("limit").GetString());
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        using HttpResponseMessage bad = await host.Http.PostAsJsonAsync("/api/resume-links", new { email = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
