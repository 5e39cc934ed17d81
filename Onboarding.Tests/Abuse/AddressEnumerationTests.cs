using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Application.Localization;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// Nobody learns from a start whether an address is registered: the start answers alike for an
/// address that is free, confirmed by a running journey or registered, and the address's owner learns
/// the truth by e-mail, in their language, once the phone code of the new journey is proven — which
/// then waits for a link that never comes. On the local host with the production limits.
/// </summary>
[Collection(AbuseHostCollection.Name)]
public sealed class AddressEnumerationTests(AbuseHostFixture fixture)
{
    readonly HttpClient http = fixture.Http;

    static readonly LanguagePack Japanese = MessageCatalog.For("ja");
    static readonly LanguagePack Korean = MessageCatalog.For("ko");

    [Fact]
    public async Task Start_FreeConfirmedOrRegisteredAddress_SameAnswer()
    {
        JourneyDriver registered = await JourneyDriver.StartAsync(http);
        await registered.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        JourneyDriver confirmed = await JourneyDriver.StartAsync(http);
        await confirmed.ApplyAsync("/phone-code", new { code = await confirmed.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await confirmed.ConfirmEmailAsync();

        var answers = new List<(HttpStatusCode Status, JsonElement Body)>();
        foreach (string email in new[] { Builders.Email(), confirmed.Email.ToUpperInvariant(), registered.Email.ToUpperInvariant() })
        {
            using HttpResponseMessage response = await AbuseHostFixture.StartAsync(http, Builders.StartBody(email, Builders.PhoneNumber()));
            answers.Add((response.StatusCode, await JourneyDriver.ReadJsonAsync(response)));
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.Status));
        Assert.Single(answers.Select(answer => Shape(answer.Body)).Distinct());
        Assert.All(answers, answer => Assert.Equal("awaitingPhoneCode", answer.Body.GetProperty("status").GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task PhoneCodeProven_AddressWithAnAccount_ItsOwnerToldInTheirLanguageAndNoLinkSent()
    {
        JourneyDriver owner = await JourneyDriver.StartAsync(http, language: "ja");
        await owner.RegisterAsync(Builders.Profile(passport: Builders.Passport()));
        int ownersMail = (await owner.MessagesAsync(owner.Email)).Length;

        JourneyDriver other = await JourneyDriver.StartAsync(http, email: owner.Email.ToUpperInvariant());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ownersMail, (await owner.MessagesAsync(owner.Email)).Length); // nothing before the phone is proven
        JsonElement waiting = await other.ApplyAsync("/phone-code", new { code = await other.PhoneCodeAsync() }, "awaitingEmailConfirmation");

        JsonElement told = await owner.WaitForMessageAsync(owner.Email, message => message.GetProperty("subject").GetString() == Japanese.AddressRegisteredSubject);
        Assert.DoesNotContain("email-confirmation", JourneyDriver.Text(told), StringComparison.Ordinal);
        Assert.DoesNotContain("token=", JourneyDriver.Text(told), StringComparison.Ordinal);
        Assert.Equal(Japanese.AddressRegisteredText, JourneyDriver.Text(told));
        JsonElement status = await other.StatusAsync();
        Assert.Equal("awaitingEmailConfirmation", status.GetProperty("stage").GetString());
        Assert.Equal(Shape(waiting), Shape(status));
        Assert.Equal(Shape(owner.StartStatus), Shape(other.StartStatus));
    }

    [Fact]
    public async Task PhoneCodeProven_AddressConfirmedByARunningJourney_ItsOwnerToldItIsInProgress()
    {
        JourneyDriver owner = await JourneyDriver.StartAsync(http, language: "ko");
        await owner.ApplyAsync("/phone-code", new { code = await owner.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await owner.ConfirmEmailAsync();

        JourneyDriver other = await JourneyDriver.StartAsync(http, email: owner.Email);
        await other.ApplyAsync("/phone-code", new { code = await other.PhoneCodeAsync() }, "awaitingEmailConfirmation");

        JsonElement told = await owner.WaitForMessageAsync(owner.Email, message => message.GetProperty("subject").GetString() == Korean.AddressInProgressSubject);
        Assert.DoesNotContain("token=", JourneyDriver.Text(told), StringComparison.Ordinal);
        Assert.Equal("awaitingProfile", (await owner.StatusAsync()).GetProperty("stage").GetString()); // the owner's journey is untouched

        // The notice carries a way back into the owner's own registration (never the new one's), which lets a device in.
        Uri wayBack = await owner.ResumeLinkAsync(owner.Email, message => message.GetProperty("subject").GetString() == Korean.AddressInProgressSubject);
        string fragment = wayBack.Fragment;
        Assert.Contains($"journey={owner.JourneyId}&", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain(other.JourneyId, wayBack.ToString(), StringComparison.Ordinal);
        string resume = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + fragment[1..])["resume"][0]!;
        using HttpResponseMessage resumed = await http.PostAsJsonAsync(owner.Path("/resume"), new { token = resume });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
    }

    [Fact]
    public async Task PhoneCodeProvenAgainAndAgain_TheOwnerToldAtMostThreeTimesADay()
    {
        JourneyDriver owner = await JourneyDriver.StartAsync(http, language: "ja");
        await owner.RegisterAsync(Builders.Profile(passport: Builders.Passport()));

        // Three journeys name the owner's address and prove their phones; one of them asks for the link again.
        JourneyDriver[] others = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => JourneyDriver.StartAsync(http, email: owner.Email)));
        foreach (JourneyDriver other in others)
        {
            await other.ApplyAsync("/phone-code", new { code = await other.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        }

        using HttpResponseMessage resent = await others[0].PostAsync("/email-confirmation/resend", null);
        Assert.True(resent.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"the resend answered {(int)resent.StatusCode}");

        await owner.WaitForMessageAsync(owner.Email, IsNotice, count: 3);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the fourth notice's step ran by now (its journey's status moved on at once)
        Assert.Equal(3, (await owner.MessagesAsync(owner.Email)).Count(IsNotice));
        foreach (JourneyDriver other in others)
        {
            Assert.Equal("awaitingEmailConfirmation", (await other.StatusAsync()).GetProperty("stage").GetString());
        }

        static bool IsNotice(JsonElement message) => message.GetProperty("subject").GetString() == Japanese.AddressRegisteredSubject;
    }

    [Fact]
    public async Task LinkWaitPasses_AfterTheOwnerWasTold_JourneyExpiresAndTheOwnerGetsNothingMore()
    {
        // The link's validity is a journey window, not a limit: shortened here to see it pass.
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.InMemory, new Dictionary<string, string?>
        {
            ["Journey:EmailLinkValidity"] = "00:00:04",
        });
        JourneyDriver owner = await JourneyDriver.StartAsync(host.Http);
        await owner.RegisterAsync();
        JourneyDriver other = await JourneyDriver.StartAsync(host.Http, email: owner.Email);
        await other.ApplyAsync("/phone-code", new { code = await other.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await owner.WaitForMessageAsync(owner.Email, message => message.GetProperty("subject").GetString() == MessageCatalog.For("en").AddressRegisteredSubject);

        await other.WaitForStageAsync("expired", TimeSpan.FromSeconds(60));

        await Task.Delay(TimeSpan.FromSeconds(2));
        JsonElement[] mail = await owner.MessagesAsync(owner.Email);
        Assert.DoesNotContain(mail, message => message.GetProperty("subject").GetString() == MessageCatalog.For("en").ExpiredSubject);
    }

    /// <summary>The property names of a JSON object and of the objects within it, in order: what a client sees of an answer's shape.</summary>
    static string Shape(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? "{" + string.Join(",", element.EnumerateObject().Select(property => property.Name + ":" + Shape(property.Value))) + "}"
        : element.ValueKind == JsonValueKind.Null ? "null" : element.ValueKind.ToString();
}
